// The absolute origin feed links are built on when no base URL is configured.
// On AWS that is the Function URL's own domain from the event; locally the
// Host header, which is attacker-controlled, so accepted only when it is a
// plain host[:port]. (A configured base URL: domain/site-links.ts.)
import { InvalidInputError } from '../errors';
import type { WebRequest } from './types';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function requestBaseUrl(request: WebRequest): string {
  // On AWS the event names the Function URL's domain itself: no client can choose it.
  if (request.platformOrigin !== undefined) return request.platformOrigin;
  const host = request.headers.host?.trim() ?? '';
  if (!HOST.test(host) || host.length > 260) {
    throw new InvalidInputError('the Host header is missing or not a plain host name, so absolute links cannot be built');
  }
  // Behind a proxy the first listed protocol is the one the client used.
  const forwarded = request.headers['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  const protocol = forwarded === 'https' ? 'https' : 'http';
  return new URL(`${protocol}://${host}`).origin;
}
