// Who may change what is watched. The JSON API takes the bearer token in the
// Authorization header; the pages, which run no script, take the same token
// from a cookie set when it is entered on the manage page (HttpOnly,
// SameSite=Strict, so no other site can make a browser send it, and a form
// posted from another origin is refused besides).
import { bearerTokenMatches, isValidTokenHash, tokenMatches } from './bearer-auth';
import { errorResponse } from './error-responses';
import type { WebDeps, WebRequest, WebResponse } from './types';

const SESSION_COOKIE = 'monitor_token';
/** A signed-in browser stays signed in this long. */
const SESSION_SECONDS = 12 * 60 * 60;
/** Write requests are small: a URL and a flag or two. */
export const MAX_WRITE_BODY_BYTES = 16 * 1024;

function writesEnabled(deps: WebDeps): deps is WebDeps & { apiTokenSha256: string } {
  return deps.apiTokenSha256 !== null && isValidTokenHash(deps.apiTokenSha256);
}

/** The error response for an API write without a valid bearer token, or null when it may go ahead. */
export function refuseApiWrite(deps: WebDeps, request: WebRequest, siteName: string, what: string): WebResponse | null {
  if (!writesEnabled(deps)) return errorResponse(request.path, siteName, 503, `the ${what} is disabled: no API token is configured on this server`);
  if (!bearerTokenMatches(request.headers.authorization, deps.apiTokenSha256)) {
    return errorResponse(request.path, siteName, 401, 'a valid "Authorization: Bearer <token>" header is required', {
      'www-authenticate': 'Bearer realm="watch"',
    });
  }
  if (Buffer.byteLength(request.body, 'utf8') > MAX_WRITE_BODY_BYTES) {
    return errorResponse(request.path, siteName, 413, `the request body is larger than ${MAX_WRITE_BODY_BYTES} bytes`);
  }
  return null;
}

function cookieToken(request: WebRequest): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/** The pages' writes are open: a token is configured. */
export function pageWritesEnabled(deps: WebDeps): boolean {
  return writesEnabled(deps);
}

/** The browser carries the token in its cookie. */
export function signedIn(deps: WebDeps, request: WebRequest): boolean {
  return writesEnabled(deps) && tokenMatches(cookieToken(request), deps.apiTokenSha256);
}

export function tokenIsRight(deps: WebDeps, token: string): boolean {
  return writesEnabled(deps) && tokenMatches(token, deps.apiTokenSha256);
}

/** A form posted from this site: the Origin a browser sends, when it sends one, must be this host. */
export function fromThisSite(request: WebRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === '') return true;
  try {
    return new URL(origin).host === (request.headers.host ?? '').trim().toLowerCase();
  } catch {
    return false;
  }
}

function secure(request: WebRequest, baseUrl: string | null): boolean {
  return request.headers['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase() === 'https' || (baseUrl?.startsWith('https:') ?? false);
}

export function sessionCookie(token: string, request: WebRequest, baseUrl: string | null): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure(request, baseUrl) ? '; Secure' : ''}`;
}

export function clearedSessionCookie(request: WebRequest, baseUrl: string | null): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure(request, baseUrl) ? '; Secure' : ''}`;
}
