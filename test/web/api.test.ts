import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleJson, ChangeJson, VersionJson } from '../../lambdas/domain/types';
import type { VersionListingJson } from '../../lambdas/domain/types';
import { HOSTILE_TITLE, STORY_PARAGRAPHS_V1, STORY_URL, request, seededSite, type TestSite } from './seed';

let site: TestSite;
beforeAll(async () => {
  site = await seededSite();
});

const enc = encodeURIComponent;

describe('GET /api/articles', () => {
  it('returns the article, its versions without text but with sizes, and every change', async () => {
    const response = await site.app(request('GET', `/api/articles?url=${enc(STORY_URL)}`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(response.body) as { article: ArticleJson; versions: VersionListingJson[]; changes: ChangeJson[] };
    expect(body.article).toMatchObject({ type: 'article', url: STORY_URL, source: 'news.example.com', status: 'active', versionCount: 3, flapping: false });
    expect(body.versions.map((v) => [v.version, v.boring, v.title])).toEqual([
      [0, false, HOSTILE_TITLE],
      [1, false, HOSTILE_TITLE],
      [2, true, HOSTILE_TITLE],
    ]);
    expect(body.versions.every((v) => !('text' in v) && v.chars > 0)).toBe(true);
    expect(body.changes.map((c) => [c.from, c.to, c.kinds, c.stealth, c.boring])).toEqual([
      [1, 2, ['paragraph-edited'], false, true],
      [0, 1, ['paragraph-edited', 'quote'], true, false],
    ]);
  });

  it('returns one version with its text', async () => {
    const response = await site.app(request('GET', `/api/articles?url=${enc(STORY_URL)}&version=1`));
    expect(response.status).toBe(200);
    const version = JSON.parse(response.body) as VersionJson;
    expect(version).toMatchObject({ type: 'version', url: STORY_URL, version: 1, title: HOSTILE_TITLE, text: STORY_PARAGRAPHS_V1.join('\n\n') });
  });

  it('answers JSON errors: 404 for unknown article or version, 400 for bad parameters', async () => {
    const cases: [string, number, RegExp][] = [
      [`/api/articles?url=${enc('https://nowhere.example/a')}`, 404, /not watched: https:\/\/nowhere\.example\/a/],
      [`/api/articles?url=${enc(STORY_URL)}&version=7`, 404, /no version 7/],
      [`/api/articles?url=${enc(STORY_URL)}&version=one`, 400, /version number/],
      ['/api/articles', 400, /missing \?url=/],
      [`/api/articles?url=${enc('ftp://example.com/x')}`, 400, /only http and https/],
    ];
    for (const [path, status, message] of cases) {
      const response = await site.app(request('GET', path));
      expect(response.status, path).toBe(status);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect((JSON.parse(response.body) as { error: string }).error).toMatch(message);
    }
  });
});

describe('GET /api/changes', () => {
  it('applies the feed filters', async () => {
    const all = JSON.parse((await site.app(request('GET', '/api/changes'))).body) as { changes: ChangeJson[] };
    expect(all.changes.map((c) => c.summary)).toEqual([
      'The article moved',
      'The headline changed and a correction was added',
      'A quote changed: "will" became "may" <b>',
    ]);
    const withBoring = JSON.parse((await site.app(request('GET', '/api/changes?boring=1&limit=2'))).body) as { changes: ChangeJson[] };
    expect(withBoring.changes).toHaveLength(2);
    const quotes = JSON.parse((await site.app(request('GET', '/api/changes?kind=quote&stealth=1'))).body) as { changes: ChangeJson[] };
    expect(quotes.changes.map((c) => c.url)).toEqual([STORY_URL]);
  });

  it('refuses a limit out of range', async () => {
    const response = await site.app(request('GET', '/api/changes?limit=100000'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: '?limit= must be a whole number from 1 to 500' });
  });
});

describe('paging back through changes', () => {
  it('following `next` one change at a time gives exactly the full list, newest first, then null', async () => {
    const all = (JSON.parse((await site.app(request('GET', '/api/changes?boring=1&limit=500'))).body) as { changes: ChangeJson[] }).changes;
    expect(all.length).toBeGreaterThan(1);
    const paged: ChangeJson[] = [];
    let next: string | null = '/api/changes?boring=1&limit=1';
    while (next !== null) {
      const body = JSON.parse((await site.app(request('GET', next))).body) as { changes: ChangeJson[]; next: string | null };
      paged.push(...body.changes);
      next = body.changes.length > 0 ? body.next : null;
      expect(paged.length).toBeLessThanOrEqual(all.length);
    }
    expect(paged).toEqual(all);
  });

  it('refuses a cursor that is not a UTC time', async () => {
    const response = await site.app(request('GET', '/api/changes?before=yesterday'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(/before/);
  });

  it('links the home page to older changes', async () => {
    const page = await site.app(request('GET', '/?limit=1'));
    expect(page.body).toMatch(/<a href="\/\?[^"]*before=[^"]+">Older changes<\/a>/);
  });
});
