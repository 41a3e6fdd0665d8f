// Response builders that always carry the security headers, so no route can
// forget them.
import { CONTENT_SECURITY_POLICY } from './layout';
import type { WebResponse } from './types';

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Public pages and read API answers: a CDN or browser may keep them a minute, so a burst of readers
 * (a story going round) costs one table read a minute per page instead of one per reader.
 */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' } as const;
/** Anything that depends on who asks (a signed-in manager's view) or writes. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

export function htmlResponse(status: number, body: string, extraHeaders: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-frame-options': 'DENY',
      ...extraHeaders,
    },
    body,
  };
}

export function jsonResponse(status: number, value: unknown, extraHeaders: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      // A JSON body opened directly in a browser must not be able to run or load anything either.
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      ...extraHeaders,
    },
    body: `${JSON.stringify(value)}\n`,
  };
}

export function feedResponse(contentType: string, body: string): WebResponse {
  return {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': contentType,
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'public, max-age=300',
    },
    body,
  };
}
