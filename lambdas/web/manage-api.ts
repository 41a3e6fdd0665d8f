// The management API: GET /api/articles/list (public, paged and bounded like
// every listing) and the authenticated writes POST /api/articles/pause,
// /resume and /unwatch {"url": ...} (unwatch with "delete": true deletes the
// history) and POST /api/discover. Bodies are validated before anything changes.
import { articleJson } from '../domain/json';
import { sitePath } from '../domain/site-links';
import type { ArticleJson } from '../domain/types';
import { normaliseUrl } from '../domain/url';
import { InvalidInputError } from '../errors';
import type { ArticleStore } from '../ports';
import { deleteArticle, listArticles, MAX_LIST_LIMIT, pauseArticle, resumeArticle, unwatchArticle } from '../service/manage';
import { systemClock } from '../ports';
import { articleListParams, articleListToParams } from './request-params';
import { errorResponse } from './error-responses';
import { jsonResponse } from './responses';
import type { WebDeps, WebRequest, WebResponse } from './types';
import { MAX_URL_LENGTH } from './watch-api';
import { refuseApiWrite } from './write-guard';

export const LIST_PATH = '/api/articles/list';

/** GET /api/articles/list: `next` is the path of the next page, or null after the last one. */
export async function listApi(store: ArticleStore, query: URLSearchParams): Promise<{ articles: ArticleJson[]; next: string | null }> {
  const params = articleListParams(query, { defaultLimit: 100, maxLimit: MAX_LIST_LIMIT });
  const page = await listArticles(store, params.filter, { limit: params.limit, ...(params.after !== undefined ? { after: params.after } : {}) });
  return {
    articles: page.articles.map(articleJson),
    next: page.next === null ? null : sitePath(LIST_PATH, { ...articleListToParams(params), limit: query.get('limit') ?? undefined, after: page.next }),
  };
}

export type ManageAction = 'pause' | 'resume' | 'unwatch';

interface ManageBody {
  url: string;
  delete: boolean;
}

/** `{"url": "..."}`, and for unwatch `"delete": true|false`; any other field is refused, so a typo never passes for a request. */
function parseManageBody(body: string, action: ManageAction): ManageBody {
  const example = action === 'unwatch' ? '{"url": "https://...", "delete": false}' : '{"url": "https://..."}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidInputError(`the request body must be JSON like ${example}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError(`the request body must be a JSON object like ${example}`);
  }
  const fields: Record<string, unknown> = { ...parsed };
  const allowed = action === 'unwatch' ? ['url', 'delete'] : ['url'];
  const unknown = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new InvalidInputError(`unknown field ${JSON.stringify(unknown[0])}: send ${example}`);
  const { url } = fields;
  if (typeof url !== 'string' || url.trim() === '') throw new InvalidInputError(`"url" is missing: send ${example}`);
  if (url.length > MAX_URL_LENGTH) throw new InvalidInputError(`"url" is longer than ${MAX_URL_LENGTH} characters`);
  if (fields.delete !== undefined && typeof fields.delete !== 'boolean') throw new InvalidInputError('"delete" must be true or false');
  return { url: normaliseUrl(url), delete: fields.delete === true };
}

export async function manageApi(action: ManageAction, deps: WebDeps, request: WebRequest, siteName: string): Promise<WebResponse> {
  const refused = refuseApiWrite(deps, request, siteName, 'management API');
  if (refused) return refused;
  const body = parseManageBody(request.body, action);
  const manageDeps = { store: deps.store, clock: deps.clock ?? systemClock };
  const noStore = { 'cache-control': 'no-store' };
  if (action === 'unwatch' && body.delete) {
    if (deps.deletes === false) {
      return errorResponse(
        request.path,
        siteName,
        403,
        'this deployment\'s web function cannot delete articles (it holds no delete rights on the table). Unwatch without "delete" to stop checking (the history stays), or delete with operator credentials: monitor unwatch --delete --table <TableName> <url>',
      );
    }
    const { url } = await deleteArticle(manageDeps, body.url);
    return jsonResponse(200, { deleted: url }, noStore);
  }
  const operation = { pause: pauseArticle, resume: resumeArticle, unwatch: unwatchArticle }[action];
  const { article, changed } = await operation(manageDeps, body.url);
  return jsonResponse(200, { article: articleJson(article), changed }, noStore);
}

/** POST /api/discover: starts a discovery run now, where this deployment can (202). */
export async function discoverApi(deps: WebDeps, request: WebRequest, siteName: string): Promise<WebResponse> {
  const refused = refuseApiWrite(deps, request, siteName, 'management API');
  if (refused) return refused;
  if (!deps.requestDiscovery) {
    return errorResponse(request.path, siteName, 503, 'discovery cannot be started from here on this deployment; it runs on its schedule');
  }
  const state = await deps.requestDiscovery();
  return jsonResponse(202, { discovery: state }, { 'cache-control': 'no-store' });
}
