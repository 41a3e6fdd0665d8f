// Discovery against the test newsroom: feeds, news sitemaps and front pages
// each lead to new articles, watched once, under their canonical form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import { discoverSource } from '../../lambdas/service/discovery';
import { createRuntime } from '../../lambdas/composition/runtime';
import type { CheckerDeps } from '../../lambdas/service/checker';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let deps: CheckerDeps;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({
    politeness: { perHostGap: 0 },
    sources: [
      {
        name: 'newsroom',
        hosts: ['127.0.0.1'],
        feeds: [newsroom.url('/feeds/world.xml')],
        sitemaps: [newsroom.url('/sitemap-news.xml')],
        frontPages: [{ url: newsroom.url('/front'), articlePattern: '/news/\\d+/' }],
      },
    ],
  });
  config.fetch.allowPrivateNetwork = true;
  deps = createRuntime({ config, tableName, endpoint });
});

afterAll(async () => {
  await newsroom.close();
});

describe('discovery', () => {
  it('watches every new article from feeds, sitemaps and front pages once, under its canonical URL', async () => {
    for (const n of [1, 2, 3, 4]) newsroom.publish(`/news/${n}/story`, sampleArticle());
    // The page behind this link names /news/4/story as its canonical address.
    newsroom.publish('/news/4/story-amp', { ...sampleArticle(), canonicalPath: '/news/4/story' });
    newsroom.serveRaw(
      '/feeds/world.xml',
      'application/rss+xml',
      `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
        <item><title>One</title><link>${newsroom.url('/news/1/story?utm_source=rss')}</link></item>
        <item><title>Two</title><link>${newsroom.url('/news/2/story#top')}</link></item></channel></rss>`,
    );
    newsroom.serveRaw(
      '/sitemap-news.xml',
      'application/xml',
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>${newsroom.url('/news/2/story')}</loc><news:news><news:title>Two</news:title></news:news></url>
        <url><loc>${newsroom.url('/news/3/story')}</loc></url></urlset>`,
    );
    newsroom.serveRaw(
      '/front',
      'text/html',
      `<html><body><a href="/news/4/story-amp">Four</a> <a href="/about">About us</a> <a href="/news/3/story">Three</a></body></html>`,
    );

    const first = await discoverSource(deps, deps.config.sources[0]!);
    expect(first.errors).toEqual([]);
    expect(first.watched.sort()).toEqual([1, 2, 3, 4].map((n) => newsroom.url(`/news/${n}/story`)).sort());
    const head = await deps.store.getArticle(newsroom.url('/news/1/story'));
    expect(head?.versionCount).toBe(1);
    expect(head?.source).toBe('newsroom');
    expect(await deps.store.getArticle(newsroom.url('/news/4/story-amp'))).toBeNull();

    const again = await discoverSource(deps, deps.config.sources[0]!);
    expect(again.watched).toEqual([]);
  });

  it('reports an unreachable feed and carries on with the other inputs', async () => {
    const source = { ...deps.config.sources[0]!, feeds: [newsroom.url('/feeds/missing.xml')], sitemaps: [], frontPages: [] };
    const report = await discoverSource(deps, source);
    expect(report.errors.join('\n')).toMatch(/missing\.xml: HTTP 404/);
    expect(report.watched).toEqual([]);
  });
});
