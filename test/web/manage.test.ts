// Managing watched articles over HTTP: the listing API, the authenticated
// pause/resume/unwatch/discover API, and the script-free manage page whose
// forms carry the token in a cookie. Every bad request changes nothing.
import { dueKeys } from '../../lambdas/adapters/due-keys';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleJson } from '../../lambdas/domain/types';
import { createWebApp } from '../../lambdas/web/app';
import { OTHER_URL, STORY_URL, TEST_TOKEN, TEST_TOKEN_SHA256, request, seededSite, type TestSite } from './seed';

const enc = encodeURIComponent;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

let site: TestSite;
let discoveries: number;
beforeEach(async () => {
  discoveries = 0;
  site = await seededSite({
    apiTokenSha256: TEST_TOKEN_SHA256,
    requestDiscovery: async () => (++discoveries === 1 ? 'started' : 'already-running'),
  });
});

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await site.app(request('GET', path));
  return { status: response.status, body: JSON.parse(response.body) as T };
}

function post(path: string, body: string, headers: Record<string, string> = auth) {
  return site.app(request('POST', path, { headers, body }));
}

/** Every article's state as the store has it, to show a refused request changed nothing. */
async function snapshot(): Promise<string> {
  const heads = [];
  for await (const head of site.store.allArticles()) heads.push(head);
  return JSON.stringify(heads.sort((a, b) => a.url.localeCompare(b.url)));
}

describe('GET /api/articles/list', () => {
  it('lists the watched articles with their state, filtered, page by page', async () => {
    const all = await getJson<{ articles: ArticleJson[]; next: string | null }>('/api/articles/list');
    expect(all.status).toBe(200);
    expect(all.body.articles.map((a) => a.url).sort()).toEqual([OTHER_URL, STORY_URL].sort());
    expect(all.body.articles.find((a) => a.url === STORY_URL)).toMatchObject({
      type: 'article',
      versionCount: 3,
      changeCount: 2,
      pausedAt: null,
      unwatchedAt: null,
    });
    expect(all.body.next).toBeNull();

    const bySource = await getJson<{ articles: ArticleJson[] }>('/api/articles/list?source=other.example.org');
    expect(bySource.body.articles.map((a) => a.url)).toEqual([OTHER_URL]);

    const first = await getJson<{ articles: ArticleJson[]; next: string | null }>('/api/articles/list?limit=1');
    expect(first.body.articles).toHaveLength(1);
    expect(first.body.next).toMatch(/^\/api\/articles\/list\?limit=1&after=/);
    const second = await getJson<{ articles: ArticleJson[]; next: string | null }>(first.body.next ?? '');
    const seen = [...first.body.articles, ...second.body.articles].map((a) => a.url);
    expect(seen.sort()).toEqual([OTHER_URL, STORY_URL].sort());
  });

  it.each([
    ['?status=sleeping', /\?status= must be one of active, removed, retired, paused, unwatched or all/],
    ['?limit=0', /\?limit= must be a whole number from 1 to 500/],
    ['?limit=501', /\?limit= must be a whole number from 1 to 500/],
    ['?flapping=maybe', /\?flapping= must be 1 or 0/],
    ['?source=%3Cb%3E', /\?source= must be a source name/],
    ['?after=not-a-cursor%21', /not a listing cursor/],
    ['?status=active&status=paused', /give \?status= only once/],
  ])('answers %s with 400 and a message', async (query, message) => {
    const response = await getJson<{ error: string }>(`/api/articles/list${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(message);
  });
});

describe('POST /api/articles/pause, resume, unwatch', () => {
  it('pauses and resumes an article, says when nothing changed, and lists it as paused meanwhile', async () => {
    const paused = await post('/api/articles/pause', JSON.stringify({ url: STORY_URL }));
    expect(paused.status).toBe(200);
    expect(JSON.parse(paused.body)).toMatchObject({ changed: true, article: { url: STORY_URL, pausedAt: expect.any(String) } });
    expect(JSON.parse((await post('/api/articles/pause', JSON.stringify({ url: STORY_URL }))).body)).toMatchObject({ changed: false });

    const listed = await getJson<{ articles: ArticleJson[] }>('/api/articles/list?status=paused');
    expect(listed.body.articles.map((a) => a.url)).toEqual([STORY_URL]);
    // Out of the due index: no lane holds it.
    const held = await site.store.getArticle(STORY_URL);
    expect(held && dueKeys(held)).toEqual({});
    const other = await site.store.getArticle(OTHER_URL);
    expect(other && dueKeys(other)).toMatchObject({ dueLane: expect.any(String) });

    const resumed = await post('/api/articles/resume', JSON.stringify({ url: STORY_URL }));
    expect(JSON.parse(resumed.body)).toMatchObject({ changed: true, article: { pausedAt: null } });
    expect(JSON.parse((await post('/api/articles/resume', JSON.stringify({ url: STORY_URL }))).body)).toMatchObject({ changed: false });
  });

  it('unwatch keeps the history and hides the article from listings; delete removes everything', async () => {
    const unwatched = await post('/api/articles/unwatch', JSON.stringify({ url: STORY_URL }));
    expect(unwatched.status).toBe(200);
    expect((await getJson<{ articles: ArticleJson[] }>('/api/articles/list')).body.articles.map((a) => a.url)).toEqual([OTHER_URL]);
    expect((await getJson<{ articles: ArticleJson[] }>('/api/articles/list?status=unwatched')).body.articles.map((a) => a.url)).toEqual([STORY_URL]);
    // The history stays readable: pages, API and feeds.
    const history = await getJson<{ versions: unknown[]; changes: unknown[] }>(`/api/articles?url=${enc(STORY_URL)}`);
    expect(history.body.versions).toHaveLength(3);
    expect((await site.app(request('GET', `/article?url=${enc(STORY_URL)}`))).body).toContain('It is no longer watched');
    // Pausing it now makes no sense, and says so.
    const pause = await post('/api/articles/pause', JSON.stringify({ url: STORY_URL }));
    expect(pause.status).toBe(400);
    expect(JSON.parse(pause.body).error).toMatch(/unwatched .*watch it again/);

    const deleted = await post('/api/articles/unwatch', JSON.stringify({ url: STORY_URL, delete: true }));
    expect(deleted.status).toBe(200);
    expect(JSON.parse(deleted.body)).toEqual({ deleted: STORY_URL });
    expect((await getJson(`/api/articles?url=${enc(STORY_URL)}`)).status).toBe(404);
    const changes = await getJson<{ changes: { url: string }[] }>('/api/changes?boring=1');
    expect(changes.body.changes.every((c) => c.url !== STORY_URL)).toBe(true);
  });

  it('refuses requests without the token (401) or when no token is configured (503), and changes nothing', async () => {
    const before = await snapshot();
    const body = JSON.stringify({ url: STORY_URL });
    const refusedHeaders: Record<string, string>[] = [{ 'content-type': 'application/json' }, { authorization: 'Bearer wrong' }];
    for (const headers of refusedHeaders) {
      for (const path of ['/api/articles/pause', '/api/articles/resume', '/api/articles/unwatch', '/api/discover']) {
        const response = await post(path, body, headers);
        expect(response.status, path).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
    const closed = createWebApp({ ...site.deps, apiTokenSha256: null });
    const response = await closed(request('POST', '/api/articles/pause', { headers: auth, body }));
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body).error).toMatch(/management API is disabled/);
    expect(await snapshot()).toBe(before);
    expect(discoveries).toBe(0);
  });

  it.each([
    ['/api/articles/pause', '{not json', 400, /must be JSON/],
    ['/api/articles/pause', '[1]', 400, /must be a JSON object/],
    ['/api/articles/pause', '{}', 400, /"url" is missing/],
    ['/api/articles/pause', '{"url": 7}', 400, /"url" is missing/],
    ['/api/articles/pause', JSON.stringify({ url: STORY_URL, delete: true }), 400, /unknown field "delete"/],
    ['/api/articles/unwatch', JSON.stringify({ url: STORY_URL, deleted: true }), 400, /unknown field "deleted"/],
    ['/api/articles/unwatch', JSON.stringify({ url: STORY_URL, delete: 'yes' }), 400, /"delete" must be true or false/],
    ['/api/articles/resume', JSON.stringify({ url: 'ftp://example.com/x' }), 400, /only http and https/],
    ['/api/articles/resume', JSON.stringify({ url: `https://a.example/${'x'.repeat(3000)}` }), 400, /longer than 2048/],
    ['/api/articles/unwatch', JSON.stringify({ url: 'https://nowhere.example/a', delete: true }), 404, /not watched/],
    ['/api/articles/pause', JSON.stringify({ url: STORY_URL, padding: 'x'.repeat(17 * 1024) }), 413, /larger than 16384 bytes/],
  ])('%s with %s answers %d, and changes nothing', async (path, body, status, message) => {
    const before = await snapshot();
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error).toMatch(message);
    expect(await snapshot()).toBe(before);
  });

  it('GET on a write route is 405', async () => {
    const response = await site.app(request('GET', '/api/articles/pause'));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});

describe('POST /api/discover', () => {
  it('starts discovery where the deployment can (202), and says when one is running', async () => {
    const first = await post('/api/discover', '');
    expect(first.status).toBe(202);
    expect(JSON.parse(first.body)).toEqual({ discovery: 'started' });
    expect(JSON.parse((await post('/api/discover', '')).body)).toEqual({ discovery: 'already-running' });
  });

  it('is 503 with a reason where discovery only runs on its schedule', async () => {
    const { requestDiscovery: _omitted, ...deps } = site.deps;
    const app = createWebApp(deps);
    const response = await app(request('POST', '/api/discover', { headers: auth, body: '' }));
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body).error).toMatch(/runs on its schedule/);
  });
});

describe('the manage page', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://monitor.test' };

  async function signIn(): Promise<string> {
    const response = await site.app(request('POST', '/manage/sign-in', { headers: form, body: `token=${enc(TEST_TOKEN)}` }));
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/manage');
    const cookie = response.headers['set-cookie'] ?? '';
    expect(cookie).toMatch(/^monitor_token=.+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    return cookie.split(';')[0] ?? '';
  }

  function submit(action: string, body: string, cookie: string, headers: Record<string, string> = form) {
    return site.app(request('POST', `/manage/${action}`, { headers: { ...headers, cookie }, body }));
  }

  it("never lets a cache keep a signed-in manager's article page, which carries the manage buttons", async () => {
    const cookie = await signIn();
    const page = await site.app(request('GET', `/article?url=${enc(STORY_URL)}`, { headers: { cookie } }));
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const anonymous = await site.app(request('GET', `/article?url=${enc(STORY_URL)}`));
    expect(anonymous.headers['cache-control']).toBe('public, max-age=60');
  });

  it('shows only the sign-in form until the token is entered, and refuses a wrong token', async () => {
    const page = await site.app(request('GET', '/manage'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('action="/manage/sign-in"');
    expect(page.body).toContain('type="password"');
    expect(page.body).not.toContain(STORY_URL);
    expect(page.body).not.toContain('<script');

    const wrong = await site.app(request('POST', '/manage/sign-in', { headers: form, body: 'token=guess' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('That is not the API token');
  });

  it('lists the articles with their buttons once signed in, and signs out', async () => {
    const cookie = await signIn();
    const page = await site.app(request('GET', '/manage', { headers: { cookie } }));
    expect(page.body).toContain(`value="${STORY_URL}"`);
    expect(page.body).toContain('action="/manage/pause"');
    expect(page.body).toContain('action="/manage/unwatch"');
    expect(page.body).toContain('action="/manage/watch"');
    expect(page.body).toContain('action="/manage/discover"');
    expect(page.headers['cache-control']).toBe('no-store');

    const out = await submit('sign-out', '', cookie);
    expect(out.status).toBe(303);
    expect(out.headers['set-cookie']).toMatch(/^monitor_token=; .*Max-Age=0/);
  });

  it('pauses, resumes and unwatches by form, and comes back to where it was', async () => {
    const cookie = await signIn();
    const paused = await submit('pause', `url=${enc(STORY_URL)}`, cookie);
    expect(paused.status).toBe(303);
    expect(paused.headers.location).toBe(`/manage?done=paused&url=${enc(STORY_URL)}`);
    expect((await site.store.getArticle(STORY_URL))?.pausedAt).not.toBeNull();
    const notice = await site.app(request('GET', paused.headers.location ?? '', { headers: { cookie } }));
    expect(notice.body).toContain('Paused: it keeps its history');

    const article = await site.app(request('GET', `/article?url=${enc(STORY_URL)}`, { headers: { cookie } }));
    expect(article.body).toContain('It is paused');
    expect(article.body).toContain('action="/manage/resume"');
    const resumed = await submit('resume', `url=${enc(STORY_URL)}&back=article`, cookie);
    expect(resumed.headers.location).toBe(`/article?url=${enc(STORY_URL)}`);
    expect((await site.store.getArticle(STORY_URL))?.pausedAt).toBeNull();

    await submit('unwatch', `url=${enc(STORY_URL)}`, cookie);
    expect((await site.store.getArticle(STORY_URL))?.unwatchedAt).not.toBeNull();
    // A reader who is not signed in sees the history, not the buttons.
    const publicPage = await site.app(request('GET', `/article?url=${enc(STORY_URL)}`));
    expect(publicPage.body).not.toContain('action="/manage/');
  });

  it('watches a URL from the form and lands on its history', async () => {
    const cookie = await signIn();
    const watched = await submit('watch', `url=${enc('https://fresh.example.com/story?utm_source=x')}`, cookie);
    expect(watched.status).toBe(303);
    expect(watched.headers.location).toBe(`/article?url=${enc('https://fresh.example.com/story')}`);
    expect(await site.store.getArticle('https://fresh.example.com/story')).not.toBeNull();
  });

  it('refuses a form without the cookie, from another site, or with a bad URL, and changes nothing', async () => {
    const cookie = await signIn();
    const before = await snapshot();
    const cases: [string, string, string, Record<string, string>, number, RegExp][] = [
      ['pause', `url=${enc(STORY_URL)}`, '', form, 401, /sign in on the manage page/],
      ['pause', `url=${enc(STORY_URL)}`, 'monitor_token=wrong', form, 401, /sign in on the manage page/],
      ['pause', `url=${enc(STORY_URL)}`, cookie, { ...form, origin: 'https://evil.example' }, 403, /not sent from this site/],
      ['pause', 'url=', cookie, form, 400, /the form has no URL/],
      ['pause', `url=${enc(STORY_URL)}&url=${enc(OTHER_URL)}`, cookie, form, 400, /the form has no URL/],
      ['watch', `url=${enc('javascript:alert(1)')}`, cookie, form, 400, /only http and https/],
      ['resume', `url=${enc('https://nowhere.example/a')}`, cookie, form, 404, /not watched/],
      ['unwatch', `url=${enc(STORY_URL)}&pad=${'x'.repeat(17 * 1024)}`, cookie, form, 413, /larger than 16384 bytes/],
    ];
    for (const [action, body, sentCookie, headers, status, message] of cases) {
      const response = await submit(action, body, sentCookie, headers);
      expect(response.status, `${action} ${status}`).toBe(status);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toMatch(message);
    }
    expect(await snapshot()).toBe(before);
  });

  it('says so when the server has no token, and takes no sign-in', async () => {
    const closed = createWebApp({ ...site.deps, apiTokenSha256: null });
    expect((await closed(request('GET', '/manage'))).body).toContain('no API token configured');
    const signIn = await closed(request('POST', '/manage/sign-in', { headers: form, body: 'token=anything' }));
    expect(signIn.status).toBe(503);
    expect(signIn.headers['set-cookie']).toBeUndefined();
  });
});

describe('deleting where the site holds no delete rights (the deployed web function)', () => {
  it('refuses unwatch with "delete": true with a 403 naming the operator path, and changes nothing', async () => {
    const deployed = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256, deletes: false });
    const before = JSON.stringify(await deployed.store.getArticle(STORY_URL));
    const response = await deployed.app(request('POST', '/api/articles/unwatch', { headers: auth, body: JSON.stringify({ url: STORY_URL, delete: true }) }));
    expect(response.status).toBe(403);
    expect(response.headers['cache-control']).toBe('no-store');
    expect((JSON.parse(response.body) as { error: string }).error).toMatch(/monitor unwatch --delete/);
    expect(JSON.stringify(await deployed.store.getArticle(STORY_URL))).toBe(before);
    expect(await deployed.store.listVersions(STORY_URL)).toHaveLength(3);
  });

  it('still unwatches without "delete", keeping the history', async () => {
    const deployed = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256, deletes: false });
    const response = await deployed.app(request('POST', '/api/articles/unwatch', { headers: auth, body: JSON.stringify({ url: STORY_URL }) }));
    expect(response.status).toBe(200);
    expect((await deployed.store.getArticle(STORY_URL))?.unwatchedAt).not.toBeNull();
    expect(await deployed.store.listVersions(STORY_URL)).toHaveLength(3);
  });
});
