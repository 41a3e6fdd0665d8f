// The canonical form an article is watched under, and the key derived from it.
import { createHash } from 'node:crypto';
import { InvalidUrlError } from '../errors';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  'ref_src',
  'ref_url',
  'cmpid',
  'ncid',
  'ocid',
  'smid',
  'smtyp',
  'cid',
  'sr_share',
  'taid',
  'at_medium',
  'at_campaign',
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || lower.startsWith('__') || TRACKING_PARAMS.has(lower);
}

/**
 * Parses and normalises an article URL: http(s) only, no credentials, host
 * lower-cased, default port, fragment and tracking parameters dropped.
 * Throws InvalidUrlError with a message a user can act on.
 */
export function normaliseUrl(input: string, base?: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    throw new InvalidUrlError(`not a URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`only http and https URLs can be watched, not ${url.protocol.replace(':', '')}: ${trimmed.slice(0, 200)}`);
  }
  if (url.username || url.password) {
    throw new InvalidUrlError(`URLs with credentials in them are refused: ${url.host}`);
  }
  if (!url.hostname) throw new InvalidUrlError(`URL has no host: ${trimmed.slice(0, 200)}`);
  url.hash = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  const normalised = url.toString();
  if (Buffer.byteLength(normalised, 'utf8') > MAX_URL_BYTES) {
    throw new InvalidUrlError(`URL is too long to watch (over ${MAX_URL_BYTES} bytes once encoded): ${normalised.slice(0, 100)}…`);
  }
  return normalised;
}

/** The URL is a DynamoDB index sort key, which may not exceed 1024 bytes. */
const MAX_URL_BYTES = 1000;

/** Stable, fixed-length key for an article's items. */
export function articleKey(normalisedUrl: string): string {
  return createHash('sha256').update(normalisedUrl).digest('base64url').slice(0, 32);
}

/** A host name less a leading "www.": the same site either way. */
export function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** The default source name for a URL: its host without a leading "www.". */
export function hostSource(normalisedUrl: string): string {
  return withoutWww(new URL(normalisedUrl).hostname);
}
