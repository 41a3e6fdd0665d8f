// Every link to a page of this site, in one place: pages, feeds, the API,
// notifications and the CLI all build their links here, so a route's shape
// is written once. Paths are relative ("/article?url=..."); `absoluteLink`
// puts a configured origin in front for feeds and notifications.
import { ConfigError } from '../errors';

export type LinkParams = Record<string, string | number | undefined>;
export type FeedFormat = 'atom' | 'rss' | 'json';

/** A path on this site with its query string; undefined parameters are left out. */
export function sitePath(path: string, params: LinkParams = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) query.set(name, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export const homePath = (params: LinkParams = {}): string => sitePath('/', params);

/** An article's version history; `boring` lists the boring versions and changes too. */
export const articlePath = (url: string, options: { boring?: boolean } = {}): string => sitePath('/article', { url, boring: options.boring ? 1 : undefined });

export const diffPath = (url: string, from: number, to: number): string => sitePath('/diff', { url, from, to });

export const feedPath = (format: FeedFormat, params: LinkParams = {}): string => sitePath(`/feeds/changes.${format}`, params);

export const versionJsonPath = (url: string, version: number): string => sitePath('/api/articles', { url, version });

/** The page a change is best read on: its diff, or the history for a status change with no new version. */
export function changePath(change: { url: string; from: number; to: number }): string {
  return change.from === change.to ? articlePath(change.url) : diffPath(change.url, change.from, change.to);
}

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

/** `path` on the site at `origin` (as configuredBaseUrl returns it). */
export function absoluteLink(origin: string, path: string): string {
  return `${origin}${path}`;
}
