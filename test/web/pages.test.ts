import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NEW_URL, OTHER_URL, STORY_URL, request, seededSite, type TestSite } from './seed';

let site: TestSite;
beforeAll(async () => {
  site = await seededSite();
});

const enc = encodeURIComponent;

function expectSafeHtmlPage(response: { status: number; headers: Record<string, string>; body: string }): void {
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(response.headers['content-security-policy']).not.toMatch(/script-src/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  // Nothing a fetched page supplied may become markup or a script link.
  expect(response.body).not.toContain('<script');
  expect(response.body).not.toContain('<img');
  expect(response.body).not.toMatch(/href="\s*javascript:/i);
}

describe('GET / (recent changes)', () => {
  it('lists changes newest first with kinds and the stealth label, hostile text escaped, boring hidden', async () => {
    const response = await site.app(request('GET', '/'));
    expect(response.status).toBe(200);
    expectSafeHtmlPage(response);
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    const moved = response.body.indexOf('The article moved');
    const correction = response.body.indexOf('The headline changed and a correction was added');
    const quote = response.body.indexOf('A quote changed');
    expect(moved).toBeGreaterThan(-1);
    expect(moved).toBeLessThan(correction);
    expect(correction).toBeLessThan(quote);
    expect(response.body).toContain('stealth edit');
    expect(response.body).toContain('data-kind="quote"');
    expect(response.body).not.toContain('Only punctuation changed');
  });

  it('shows boring changes on request', async () => {
    const response = await site.app(request('GET', '/?boring=1'));
    expect(response.body).toContain('Only punctuation changed');
    expect(response.body).toContain('class="label boring"');
  });

  it('filters by kind, stealth and source', async () => {
    const byKind = await site.app(request('GET', '/?kind=correction'));
    expect(byKind.body).toContain('The headline changed and a correction was added');
    expect(byKind.body).not.toContain('A quote changed');
    const stealthOnly = await site.app(request('GET', '/?stealth=1'));
    expect(stealthOnly.body).toContain('A quote changed');
    expect(stealthOnly.body).not.toContain('The headline changed');
    const bySource = await site.app(request('GET', '/?source=other.example.org'));
    expect(bySource.body).toContain('Recent changes in other.example.org');
    expect(bySource.body).not.toContain('A quote changed');
  });

  it('keeps an article filter when the filter form is submitted', async () => {
    const page = await site.app(request('GET', `/?url=${enc(STORY_URL)}`));
    expect(page.body).toContain(`<input type="hidden" name="url" value="${STORY_URL}">`);
  });

  it('tells a reader how to start when nothing matches', async () => {
    const none = await site.app(request('GET', '/?source=nobody.example'));
    expect(none.status).toBe(200);
    expect(none.body).toContain('No changes match yet.');
    expect(none.body).toContain('npx monitor watch &lt;url&gt;');
  });

  it('answers a bad filter with a 400 page that names the problem', async () => {
    const response = await site.app(request('GET', '/?kind=%3Cscript%3E'));
    expect(response.status).toBe(400);
    expectSafeHtmlPage(response);
    expect(response.body).toContain('unknown change kind');
  });
});

describe('GET /article (version history)', () => {
  it('tells the article story like NewsDiffs: source, first seen, changes, checking, feed, versions and compare links', async () => {
    const response = await site.app(request('GET', `/article?url=${enc(STORY_URL)}`));
    expect(response.status).toBe(200);
    expectSafeHtmlPage(response);
    const body = response.body;
    expect(body).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</h1>');
    expect(body).toContain('from the source <strong>news.example.com</strong>');
    expect(body).toContain('first published or seen on <time datetime="2025-03-09T05:00:00.000Z">2025-03-09 05:00 UTC</time>');
    // The boring punctuation fix at 12:30 does not count as the article changing.
    expect(body).toContain('It last changed <time datetime="2025-03-09T11:00:00.000Z"');
    expect(body).toContain('It is still checked for changes (next in about 1 hour).');
    expect(body).toContain('The article has changed 1 time.');
    expect(body).toContain(`href="/feeds/changes.atom?url=${enc(STORY_URL)}"`);
    expect(body).toContain(`href="${STORY_URL}" rel="noopener noreferrer nofollow"`);
    expect(body).toContain('(about 5 hours later)');
    expect(body).toContain(`href="/diff?url=${enc(STORY_URL)}&amp;from=0&amp;to=1"`);
    // The typography-only version 2 is boring: hidden, with a way to show it.
    expect(body).not.toContain('Version 2');
    expect(body).toContain('1 boring version and 1 boring change hidden');
    expect(body).toContain('<span class="label status-active">active</span>');
  });

  it('shows boring versions and changes with ?boring=1', async () => {
    const response = await site.app(request('GET', `/article?url=${enc(STORY_URL)}&boring=1`));
    expect(response.body).toContain('Version 2');
    expect(response.body).toContain('The article has changed 2 times.');
    expect(response.body).toContain('Only punctuation changed');
  });

  it('never turns a hostile stored address into a link', async () => {
    const response = await site.app(request('GET', `/article?url=${enc(OTHER_URL)}`));
    expect(response.status).toBe(200);
    expectSafeHtmlPage(response);
    expect(response.body).toContain(`It has moved to <span class="url">${HOSTILE_NEW_URL}</span>`);
  });

  it('answers 404 for an article that is not watched, and 400 for a missing or bad url', async () => {
    const missing = await site.app(request('GET', `/article?url=${enc('https://nowhere.example/x')}`));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('This article is not watched: https://nowhere.example/x');
    const noUrl = await site.app(request('GET', '/article'));
    expect(noUrl.status).toBe(400);
    expect(noUrl.body).toContain('missing ?url=');
    const script = await site.app(request('GET', `/article?url=${enc('javascript:alert(1)')}`));
    expect(script.status).toBe(400);
    expectSafeHtmlPage(script);
  });
});

describe('GET /diff (side by side)', () => {
  it('shows the two versions in two columns, deletions and insertions marked, hostile text escaped', async () => {
    const response = await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&from=0&to=1`));
    expect(response.status).toBe(200);
    expectSafeHtmlPage(response);
    const body = response.body;
    expect(body).toContain('<table class="diff">');
    expect(body).toMatch(/<td class="removed">[^]*<del>[^<]*will[^<]*<\/del>/);
    expect(body).toMatch(/<td class="added">[^]*<ins>[^<]*may[^<]*<\/ins>/);
    expect(body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(body).toContain('stealth edit');
    expect(body).toContain('about 5 hours later');
    expect(body).toContain('<tr class="equal"><td>MOSCOW — The first paragraph stays.</td><td>MOSCOW — The first paragraph stays.</td></tr>');
  });

  it('defaults to the latest version against the one before it', async () => {
    const response = await site.app(request('GET', `/diff?url=${enc(STORY_URL)}`));
    expect(response.status).toBe(200);
    expect(response.body).toContain('Version 1<br>');
    expect(response.body).toContain('Version 2<br>');
    expect(response.body).toContain('Only punctuation changed');
  });

  it('answers 404 for a version that does not exist and 400 for a bad version number', async () => {
    const missing = await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&from=0&to=9`));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('no version 9');
    const bad = await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&from=x`));
    expect(bad.status).toBe(400);
    const first = await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&to=0`));
    expect(first.status).toBe(400);
    expect(first.body).toContain('nothing before it');
  });
});

describe('routing', () => {
  it('answers an unknown page with a 404 HTML page and an unknown API path with JSON', async () => {
    const page = await site.app(request('GET', '/nope'));
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const api = await site.app(request('GET', '/api/nope'));
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(api.body)).toEqual({ error: 'There is no page at /api/nope' });
  });

  it('answers a wrong method with 405 and the allowed methods', async () => {
    const response = await site.app(request('POST', '/'));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    const watch = await site.app(request('GET', '/api/watch'));
    expect(watch.status).toBe(405);
    expect(watch.headers.allow).toBe('POST');
    expect(JSON.parse(watch.body).error).toBe('Use POST for /api/watch');
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await site.app(request('HEAD', '/'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('reports health as JSON', async () => {
    const response = await site.app(request('GET', '/healthz'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ok: true });
  });
});

describe('caching', () => {
  it('lets browsers and CDNs keep public pages, feeds and read API answers a short while', async () => {
    for (const path of [
      '/',
      `/article?url=${enc(STORY_URL)}`,
      `/diff?url=${enc(STORY_URL)}&from=0&to=1`,
      '/api/changes',
      `/api/articles?url=${enc(STORY_URL)}`,
    ]) {
      const response = await site.app(request('GET', path));
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('public, max-age=60');
    }
    expect((await site.app(request('GET', '/feeds/changes.atom'))).headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });

  it('never lets a cache keep an error page', async () => {
    const missing = await site.app(request('GET', `/article?url=${enc('https://nowhere.example/x')}`));
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });
});
