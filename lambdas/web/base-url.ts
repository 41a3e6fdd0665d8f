// The absolute origin feed links are built on. A Host header is attacker-
// controlled, so it is accepted only when it is a plain host[:port].
import { ConfigError, InvalidInputError } from '../errors';
import type { WebRequest } from './types';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Validates a configured base URL (e.g. "https://monitor.example.org") and returns its origin. */
export function configuredBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ConfigError(`baseUrl is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`baseUrl must be http or https: ${JSON.stringify(baseUrl)}`);
  }
  return parsed.origin;
}

export function requestBaseUrl(request: WebRequest): string {
  const host = request.headers.host?.trim() ?? '';
  if (!HOST.test(host) || host.length > 260) {
    throw new InvalidInputError('the Host header is missing or not a plain host name, so absolute links cannot be built');
  }
  // Behind a proxy the first listed protocol is the one the client used.
  const forwarded = request.headers['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  const protocol = forwarded === 'https' ? 'https' : 'http';
  return new URL(`${protocol}://${host}`).origin;
}
