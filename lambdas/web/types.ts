// The transport-neutral request and response the web app speaks, so the node:http
// server and the Lambda adapter are the only code that knows its transport.
import type { ArticleHead } from '../domain/types';
import type { ArticleStore, Clock } from '../ports';

export interface WebRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  body: string;
  /**
   * The origin the platform itself says the request reached (a Function URL's own domain, from
   * the Lambda event), trusted over the Host header for links; absent on the local server.
   */
  platformOrigin?: string;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebDeps {
  store: ArticleStore;
  watch(url: string): Promise<{ created: boolean; article: ArticleHead; rewatched?: boolean }>;
  /**
   * Starts a discovery run now (where the deployment can: the local server wakes its loop),
   * or says one is already running. Absent: discovery only runs on its schedule.
   */
  requestDiscovery?: () => Promise<'started' | 'already-running'>;
  /** Hex sha256 of the bearer token that may use POST /api/watch; null disables the watch API. */
  apiTokenSha256: string | null;
  siteName?: string;
  /**
   * Absolute base for links in feeds (e.g. "https://monitor.example.org"). Without it the
   * base comes from the request's Host header and x-forwarded-proto, after validation.
   */
  baseUrl?: string;
  /**
   * Whether `POST /api/articles/unwatch` with `"delete": true` may delete (true unless set). The
   * deployed web function holds no delete rights on the table, so there it answers 403 instead.
   */
  deletes?: boolean;
  /** For "5 minutes ago"; the system clock unless a test fixes the time. */
  clock?: Clock;
  /** Where unexpected errors are reported; console.error unless given. */
  logError?: (error: unknown) => void;
}

export type WebHandler = (request: WebRequest) => Promise<WebResponse>;
