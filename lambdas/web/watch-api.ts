// POST /api/watch {"url": ...}: start watching an article. The only write a
// visitor can make, so it is authenticated, size-capped and validated before
// anything is fetched or stored.
import { articleJson } from '../domain/json';
import { normaliseUrl } from '../domain/url';
import { InvalidInputError } from '../errors';
import { jsonResponse } from './responses';
import type { WebDeps, WebRequest, WebResponse } from './types';
import { refuseApiWrite } from './write-guard';

export const MAX_URL_LENGTH = 2048;

function parseWatchBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidInputError('the request body must be JSON like {"url": "https://..."}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError('the request body must be a JSON object like {"url": "https://..."}');
  }
  const url = 'url' in parsed ? parsed.url : undefined;
  if (typeof url !== 'string' || url.trim() === '') throw new InvalidInputError('"url" is missing: send {"url": "https://..."}');
  if (url.length > MAX_URL_LENGTH) throw new InvalidInputError(`"url" is longer than ${MAX_URL_LENGTH} characters`);
  return url;
}

export async function watchApi(deps: WebDeps, request: WebRequest, siteName: string): Promise<WebResponse> {
  const noStore = { 'cache-control': 'no-store' };
  const refused = refuseApiWrite(deps, request, siteName, 'watch API');
  if (refused) return refused;
  const url = normaliseUrl(parseWatchBody(request.body));
  const { created, article } = await deps.watch(url);
  return jsonResponse(created ? 201 : 200, articleJson(article), noStore);
}
