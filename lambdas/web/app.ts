// The web site as one function from request to response: the same code behind
// the local node:http server and the web Lambda. This file only routes; each
// page, feed and API lives in its own module.
import { StoreBusyError, StoreUnavailableError } from '../errors';
import { systemClock } from '../ports';
import { articlesApi, changesApi } from './api';
import { configuredBaseUrl } from '../domain/site-links';
import { requestBaseUrl } from './base-url';
import { errorResponse, responseForError } from './error-responses';
import { changeFeed, feedFormatOf } from './feeds';
import { articleHistoryPage } from './pages/article-history';
import { diffPage } from './pages/diff-page';
import { recentChangesPage } from './pages/recent-changes';
import { htmlResponse, jsonResponse, NO_STORE, PUBLIC_CACHE } from './responses';
import type { WebDeps, WebRequest, WebResponse } from './types';
import { watchApi } from './watch-api';
import { discoverApi, LIST_PATH, listApi, manageApi } from './manage-api';
import { MANAGE_ACTIONS, manageForm, managePage } from './manage-forms';
import { MANAGE_PATH } from './pages/manage';
import { signedIn } from './write-guard';

export type { WebDeps, WebHandler, WebRequest, WebResponse } from './types';

const DEFAULT_SITE_NAME = 'Article Change Monitor';

interface RouteContext {
  deps: WebDeps;
  request: WebRequest;
  siteName: string;
  now: Date;
  baseUrl: () => string;
  /** The configured origin, null when links are built from the Host header. */
  configuredBaseUrl: string | null;
}

type Route = { method: 'GET' | 'POST'; handle: (context: RouteContext) => Promise<WebResponse> };

const ROUTES: Record<string, Route> = {
  '/': {
    method: 'GET',
    handle: async ({ deps, request, siteName, now }) => htmlResponse(200, await recentChangesPage(deps.store, request.query, { siteName, now }), PUBLIC_CACHE),
  },
  '/article': {
    method: 'GET',
    handle: async ({ deps, request, siteName, now }) => {
      // A signed-in manager's page has the manage buttons: it must never be served to anyone else from a cache.
      const manage = signedIn(deps, request);
      return htmlResponse(200, await articleHistoryPage(deps.store, request.query, { siteName, now, manage }), manage ? NO_STORE : PUBLIC_CACHE);
    },
  },
  '/diff': {
    method: 'GET',
    handle: async ({ deps, request, siteName }) => htmlResponse(200, await diffPage(deps.store, request.query, { siteName }), PUBLIC_CACHE),
  },
  '/api/articles': {
    method: 'GET',
    handle: async ({ deps, request }) => jsonResponse(200, await articlesApi(deps.store, request.query), PUBLIC_CACHE),
  },
  '/api/changes': {
    method: 'GET',
    handle: async ({ deps, request }) => jsonResponse(200, await changesApi(deps.store, request.query), PUBLIC_CACHE),
  },
  '/api/watch': {
    method: 'POST',
    handle: ({ deps, request, siteName }) => watchApi(deps, request, siteName),
  },
  [LIST_PATH]: {
    method: 'GET',
    handle: async ({ deps, request }) => jsonResponse(200, await listApi(deps.store, request.query)),
  },
  '/api/articles/pause': { method: 'POST', handle: ({ deps, request, siteName }) => manageApi('pause', deps, request, siteName) },
  '/api/articles/resume': { method: 'POST', handle: ({ deps, request, siteName }) => manageApi('resume', deps, request, siteName) },
  '/api/articles/unwatch': { method: 'POST', handle: ({ deps, request, siteName }) => manageApi('unwatch', deps, request, siteName) },
  '/api/discover': { method: 'POST', handle: ({ deps, request, siteName }) => discoverApi(deps, request, siteName) },
  [MANAGE_PATH]: {
    method: 'GET',
    handle: ({ deps, request, siteName, now, configuredBaseUrl }) => managePage({ deps, request, siteName, now, baseUrl: configuredBaseUrl }),
  },
  ...Object.fromEntries(
    MANAGE_ACTIONS.map((action): [string, Route] => [
      `${MANAGE_PATH}/${action}`,
      {
        method: 'POST',
        handle: ({ deps, request, siteName, now, configuredBaseUrl }) => manageForm(action, { deps, request, siteName, now, baseUrl: configuredBaseUrl }),
      },
    ]),
  ),
  '/healthz': {
    method: 'GET',
    handle: async ({ deps }) => {
      const problem = await tableProblem(deps);
      if (problem === null) return jsonResponse(200, { ok: true }, { 'cache-control': 'no-store' });
      return jsonResponse(503, { ok: false, error: problem }, { 'cache-control': 'no-store', 'retry-after': '5' });
    },
  },
};

/** /healthz answers within this, whatever the table is doing. */
const HEALTH_TIMEOUT_MS = 1500;
/** Read by key to prove the table answers; nothing is ever stored under it. */
const HEALTH_PROBE_URL = 'https://healthz.invalid/';

/** Why the table cannot serve the site right now, or null when it answered a read. */
async function tableProblem(deps: WebDeps): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`table unreachable: no answer within ${HEALTH_TIMEOUT_MS} ms`), HEALTH_TIMEOUT_MS);
  });
  const probe = deps.store.getArticle(HEALTH_PROBE_URL).then(
    () => null,
    (error: unknown) => `table unreachable: ${error instanceof StoreUnavailableError || error instanceof StoreBusyError ? error.message : 'the read failed'}`,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function routeFor(path: string): Route | null {
  const format = feedFormatOf(path);
  if (format !== null) {
    return {
      method: 'GET',
      handle: ({ deps, request, siteName, now, baseUrl }) => changeFeed(deps.store, format, request.query, { siteName, baseUrl: baseUrl(), now }),
    };
  }
  return Object.hasOwn(ROUTES, path) ? (ROUTES[path] ?? null) : null;
}

export function createWebApp(deps: WebDeps): (request: WebRequest) => Promise<WebResponse> {
  const siteName = deps.siteName ?? DEFAULT_SITE_NAME;
  // A bad configured base URL should stop start-up, not fail every feed request later.
  const fixedBaseUrl = deps.baseUrl !== undefined ? configuredBaseUrl(deps.baseUrl) : null;
  const clock = deps.clock ?? systemClock;
  const logError = deps.logError ?? ((error: unknown) => console.error('web request failed', error));

  return async (request) => {
    const route = routeFor(request.path);
    if (route === null) return errorResponse(request.path, siteName, 404, `There is no page at ${request.path}`);
    const method = request.method.toUpperCase();
    // HEAD is GET without the body, as HTTP requires.
    const isHead = method === 'HEAD' && route.method === 'GET';
    if (method !== route.method && !isHead) {
      const allow = route.method === 'GET' ? 'GET, HEAD' : route.method;
      return errorResponse(request.path, siteName, 405, `Use ${route.method} for ${request.path}`, { allow });
    }
    let response: WebResponse;
    try {
      response = await route.handle({
        deps,
        request,
        siteName,
        now: clock.now(),
        baseUrl: () => fixedBaseUrl ?? requestBaseUrl(request),
        configuredBaseUrl: fixedBaseUrl,
      });
    } catch (error) {
      response = responseForError(error, request.path, siteName, logError);
    }
    return isHead ? { ...response, body: '' } : response;
  };
}
