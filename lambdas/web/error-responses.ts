// Turns a failure into the response its route speaks: an HTML page for pages
// and feeds, {"error": ...} for /api/*. Errors are mapped by the kind their
// class declares, and an unexpected error is logged, never shown.
import { ArticleNotFoundError, FetchError, FetchRefusedError, type FailureKind, MonitorError, StoreBusyError, StoreUnavailableError } from '../errors';
import { renderErrorPage } from './pages/error-page';
import { htmlResponse, jsonResponse } from './responses';
import type { WebResponse } from './types';

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/healthz';
}

export function errorResponse(path: string, siteName: string, status: number, message: string, extraHeaders: Record<string, string> = {}): WebResponse {
  const headers = { 'cache-control': 'no-store', ...extraHeaders };
  if (isApiPath(path)) return jsonResponse(status, { error: message }, headers);
  return htmlResponse(status, renderErrorPage(siteName, status, message), headers);
}

/** The web edge's policy: the status each kind of failure answers with; null is ours to log and hide. */
const STATUS: Record<FailureKind, number | null> = {
  'invalid-input': 400,
  // A refused URL is the caller's to fix; other fetch failures are the remote site's.
  refused: 400,
  'not-found': 404,
  unauthorized: 401,
  upstream: 502,
  busy: 503,
  conflict: null,
  broken: null,
};

function statusFor(error: unknown): number | null {
  return error instanceof MonitorError ? STATUS[error.kind] : null;
}

function messageFor(error: Error): string {
  if (error instanceof ArticleNotFoundError) return `This article is not watched: ${error.url}`;
  if (error instanceof FetchRefusedError) return `This URL cannot be watched: ${error.message}`;
  if (error instanceof FetchError) return `The article could not be fetched: ${error.message}`;
  // Where the database is and how it failed is for the operator's /healthz and logs, not for visitors.
  if (error instanceof StoreUnavailableError || error instanceof StoreBusyError) return 'The database is not answering right now. Try again in a moment.';
  return error.message;
}

export function responseForError(error: unknown, path: string, siteName: string, logError: (error: unknown) => void): WebResponse {
  const status = statusFor(error);
  if (status === null || !(error instanceof Error)) {
    logError(error);
    return errorResponse(path, siteName, 500, 'Something went wrong on our side. The error has been logged.');
  }
  // Busy is worth trying again, and soon: say when.
  return errorResponse(path, siteName, status, messageFor(error), status === 503 ? { 'retry-after': '5' } : {});
}
