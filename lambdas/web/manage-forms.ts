// GET /manage and the forms it posts (POST /manage/<action>): the same
// management as the API, for a browser that runs no script. Every write needs
// the signed-in cookie and a form from this site; each answers with a redirect
// back (303), or an error page that says what was wrong and changed nothing.
import { articlePath, sitePath } from '../domain/site-links';
import { normaliseUrl } from '../domain/url';
import { InvalidInputError } from '../errors';
import { systemClock } from '../ports';
import { listArticles, pauseArticle, resumeArticle, unwatchArticle } from '../service/manage';
import { errorResponse } from './error-responses';
import { isNotice, MANAGE_PATH, NOTICES, renderManagePage, type ManagePageModel } from './pages/manage';
import { articleListParams } from './request-params';
import { htmlResponse } from './responses';
import type { WebDeps, WebRequest, WebResponse } from './types';
import { MAX_URL_LENGTH } from './watch-api';
import { clearedSessionCookie, fromThisSite, MAX_WRITE_BODY_BYTES, pageWritesEnabled, sessionCookie, signedIn, tokenIsRight } from './write-guard';

export const MANAGE_ACTIONS = ['sign-in', 'sign-out', 'watch', 'pause', 'resume', 'unwatch', 'discover'] as const;
export type ManageFormAction = (typeof MANAGE_ACTIONS)[number];

const PAGE_SIZE = 50;
const NO_STORE = { 'cache-control': 'no-store' };

export interface ManageContext {
  deps: WebDeps;
  request: WebRequest;
  siteName: string;
  now: Date;
  /** The configured site origin, if any (for the cookie's Secure flag). */
  baseUrl: string | null;
}

function baseModel(context: ManageContext): ManagePageModel {
  return {
    siteName: context.siteName,
    now: context.now,
    enabled: pageWritesEnabled(context.deps),
    signedIn: signedIn(context.deps, context.request),
    discovery: context.deps.requestDiscovery !== undefined,
    list: null,
  };
}

export async function managePage(context: ManageContext): Promise<WebResponse> {
  const model = baseModel(context);
  const { query } = context.request;
  const done = query.get('done');
  if (done !== null && isNotice(done)) {
    const url = query.get('url');
    model.notice = { text: NOTICES[done], ...(url !== null && url.length <= MAX_URL_LENGTH ? { url } : {}) };
  }
  if (model.signedIn) {
    const params = articleListParams(query, { defaultLimit: PAGE_SIZE, maxLimit: PAGE_SIZE });
    const page = await listArticles(context.deps.store, params.filter, { limit: params.limit, ...(params.after !== undefined ? { after: params.after } : {}) });
    model.list = { ...page, params };
  }
  return htmlResponse(200, renderManagePage(model), NO_STORE);
}

function seeOther(location: string, extraHeaders: Record<string, string> = {}): WebResponse {
  return htmlResponse(303, '', { location, ...NO_STORE, ...extraHeaders });
}

function formUrl(form: URLSearchParams): string {
  const values = form.getAll('url');
  if (values.length !== 1 || (values[0] ?? '').trim() === '') throw new InvalidInputError("the form has no URL: enter the article's address");
  const url = values[0] ?? '';
  if (url.length > MAX_URL_LENGTH) throw new InvalidInputError(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  return normaliseUrl(url);
}

export async function manageForm(action: ManageFormAction, context: ManageContext): Promise<WebResponse> {
  const { deps, request, siteName } = context;
  if (!pageWritesEnabled(deps)) return errorResponse(request.path, siteName, 503, 'changes from the pages are off: this server has no API token configured');
  if (!fromThisSite(request)) return errorResponse(request.path, siteName, 403, 'this form was not sent from this site; nothing was changed');
  if (Buffer.byteLength(request.body, 'utf8') > MAX_WRITE_BODY_BYTES) {
    return errorResponse(request.path, siteName, 413, `the form is larger than ${MAX_WRITE_BODY_BYTES} bytes`);
  }
  const form = new URLSearchParams(request.body);

  if (action === 'sign-out') return seeOther(MANAGE_PATH, { 'set-cookie': clearedSessionCookie(request, context.baseUrl) });
  if (action === 'sign-in') {
    const token = form.get('token') ?? '';
    if (!tokenIsRight(deps, token)) {
      const model = { ...baseModel(context), signedIn: false, error: 'That is not the API token; nothing was changed.' };
      return htmlResponse(401, renderManagePage(model), NO_STORE);
    }
    return seeOther(MANAGE_PATH, { 'set-cookie': sessionCookie(token, request, context.baseUrl) });
  }
  if (!signedIn(deps, request)) {
    return errorResponse(request.path, siteName, 401, 'sign in on the manage page (/manage) with the API token first; nothing was changed');
  }

  const manageDeps = { store: deps.store, clock: deps.clock ?? systemClock };
  switch (action) {
    case 'watch': {
      const { article } = await deps.watch(formUrl(form));
      return seeOther(articlePath(article.url));
    }
    case 'pause':
    case 'resume':
    case 'unwatch': {
      const url = formUrl(form);
      const operation = { pause: pauseArticle, resume: resumeArticle, unwatch: unwatchArticle }[action];
      const { article } = await operation(manageDeps, url);
      const notice = ({ pause: 'paused', resume: 'resumed', unwatch: 'unwatched' } as const)[action];
      return seeOther(form.get('back') === 'article' ? articlePath(article.url) : sitePath(MANAGE_PATH, { done: notice, url: article.url }));
    }
    case 'discover': {
      if (!deps.requestDiscovery) {
        return errorResponse(request.path, siteName, 503, 'discovery cannot be started from here on this deployment; it runs on its schedule');
      }
      const state = await deps.requestDiscovery();
      return seeOther(sitePath(MANAGE_PATH, { done: state === 'started' ? 'discovery-started' : 'discovery-running' }));
    }
  }
}
