import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleJson } from '../../lambdas/domain/types';
import { FetchNetworkError, FetchRefusedError } from '../../lambdas/errors';
import { createWebApp } from '../../lambdas/web/app';
import { TEST_TOKEN, TEST_TOKEN_SHA256, request, seededSite, type TestSite } from './seed';

let site: TestSite;
beforeAll(async () => {
  site = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256 }, { seed: false });
});

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

function watch(body: string, headers: Record<string, string> = auth) {
  return request('POST', '/api/watch', { headers, body });
}

async function watchedUrls(): Promise<string[]> {
  const urls: string[] = [];
  for await (const head of site.store.allArticles()) urls.push(head.url);
  return urls.sort();
}

function errorOf(body: string): string {
  return (JSON.parse(body) as { error: string }).error;
}

describe('POST /api/watch', () => {
  it('starts watching a new URL (201), then reports it as already watched (200)', async () => {
    const created = await site.app(watch(JSON.stringify({ url: 'https://News.Example.com/a/story?utm_source=x#top' })));
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    const article = JSON.parse(created.body) as ArticleJson;
    expect(article).toMatchObject({ type: 'article', url: 'https://news.example.com/a/story', status: 'active', versionCount: 0 });
    const again = await site.app(watch(JSON.stringify({ url: 'https://news.example.com/a/story' })));
    expect(again.status).toBe(200);
    expect((JSON.parse(again.body) as ArticleJson).url).toBe('https://news.example.com/a/story');
    expect(await watchedUrls()).toEqual(['https://news.example.com/a/story']);
  });

  it('refuses a request without a token or with a wrong one (401), and watches nothing', async () => {
    const before = await watchedUrls();
    const body = JSON.stringify({ url: 'https://sneaky.example/' });
    const cases = [
      watch(body, { 'content-type': 'application/json' }),
      watch(body, { authorization: 'Bearer wrong-token' }),
      watch(body, { authorization: `Basic ${Buffer.from(`user:${TEST_TOKEN}`).toString('base64')}` }),
      watch(body, { authorization: `Bearer ${TEST_TOKEN_SHA256}` }),
    ];
    for (const req of cases) {
      const response = await site.app(req);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(errorOf(response.body)).toMatch(/Authorization: Bearer/);
    }
    expect(await watchedUrls()).toEqual(before);
  });

  it('is disabled with a clear 503 when no token is configured', async () => {
    const app = createWebApp({ ...site.deps, apiTokenSha256: null });
    const before = await watchedUrls();
    const response = await app(watch(JSON.stringify({ url: 'https://open.example/' })));
    expect(response.status).toBe(503);
    expect(errorOf(response.body)).toBe('the watch API is disabled: no API token is configured on this server');
    expect(await watchedUrls()).toEqual(before);
  });

  it('answers bad bodies and bad URLs with 400 and a message, and watches nothing', async () => {
    const before = await watchedUrls();
    const cases: [string, RegExp][] = [
      ['{not json', /must be JSON/],
      ['["https://a.example/"]', /must be a JSON object/],
      ['{}', /"url" is missing/],
      ['{"url": 42}', /"url" is missing/],
      ['{"url": "   "}', /"url" is missing/],
      ['{"url": "javascript:alert(1)"}', /only http and https/],
      ['{"url": "https://user:pw@a.example/"}', /credentials/],
      ['{"url": "no scheme here"}', /not a URL/],
      [JSON.stringify({ url: `https://a.example/${'x'.repeat(3000)}` }), /longer than 2048/],
    ];
    for (const [body, message] of cases) {
      const response = await site.app(watch(body));
      expect(response.status, body.slice(0, 40)).toBe(400);
      expect(errorOf(response.body)).toMatch(message);
    }
    expect(await watchedUrls()).toEqual(before);
  });

  it('refuses a body over 16 KB with 413', async () => {
    const before = await watchedUrls();
    const response = await site.app(watch(JSON.stringify({ url: 'https://big.example/', padding: 'x'.repeat(17 * 1024) })));
    expect(response.status).toBe(413);
    expect(errorOf(response.body)).toMatch(/larger than 16384 bytes/);
    expect(await watchedUrls()).toEqual(before);
  });

  it('maps a refused URL to 400 and another fetch failure to 502', async () => {
    const refusing = createWebApp({
      ...site.deps,
      watch: async () => {
        throw new FetchRefusedError('127.0.0.1 is a loopback address');
      },
    });
    const refused = await refusing(watch(JSON.stringify({ url: 'http://localhost/' })));
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body)).toBe('This URL cannot be watched: 127.0.0.1 is a loopback address');

    const unreachable = createWebApp({
      ...site.deps,
      watch: async () => {
        throw new FetchNetworkError('connection reset by news.example.com');
      },
    });
    const failed = await unreachable(watch(JSON.stringify({ url: 'https://news.example.com/b' })));
    expect(failed.status).toBe(502);
    expect(errorOf(failed.body)).toBe('The article could not be fetched: connection reset by news.example.com');
  });
});
