// Discovery isolates each feed, sitemap, page and entry: one that breaks is
// reported with its URL, and the rest of its source and every later source
// are still read. The test newsroom on 127.0.0.1, DynamoDB Local.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../lambdas/composition/runtime';
import { parseConfig, type SourceConfig } from '../../lambdas/domain/config';
import type { CheckerDeps } from '../../lambdas/service/checker';
import { discoverAll, discoverSource } from '../../lambdas/service/discovery';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let deps: CheckerDeps;

function rss(links: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>${links
    .map((link) => `<item><title>x</title><link>${link}</link></item>`)
    .join('')}</channel></rss>`;
}

/** Random CJK text: an article the extractor accepts that no DynamoDB item can hold, even gzipped. */
function unstorableParagraphs(): string[] {
  const random = randomBytes(800_000);
  return Array.from({ length: 2000 }, (_, p) =>
    Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + (random.readUInt16LE(2 * (p * 200 + i)) % 0x5000))).join(''),
  );
}

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({
    politeness: { perHostGap: 0, perHostConcurrency: 4 },
    sources: [
      { name: 'first', hosts: ['127.0.0.1'], feeds: [newsroom.url('/iso/first.xml')] },
      { name: 'second', hosts: ['localhost'], feeds: [newsroom.url('/iso/second.xml')] },
    ],
  });
  config.fetch.allowPrivateNetwork = true;
  deps = createRuntime({ config, tableName, endpoint });
});

afterAll(async () => {
  await newsroom.close();
});

describe('discovery isolates every input', () => {
  it('entries that break watching are reported with their URL; later entries and later sources are still watched', async () => {
    newsroom.publish('/iso/huge-title', { ...sampleArticle(), title: 'T'.repeat(450_000) });
    newsroom.publish('/iso/huge-text', { ...sampleArticle(), paragraphs: unstorableParagraphs() });
    newsroom.publish('/iso/good-1', sampleArticle());
    newsroom.publish('/iso/good-2', sampleArticle());
    newsroom.serveRaw('/iso/first.xml', 'application/rss+xml', rss(['/iso/huge-title', '/iso/huge-text', '/iso/good-1'].map((p) => newsroom.url(p))));
    newsroom.serveRaw('/iso/second.xml', 'application/rss+xml', rss([newsroom.url('/iso/good-2')]));

    const reports = await discoverAll(deps);
    const [first, second] = reports;
    expect(first?.watched).toEqual([newsroom.url('/iso/good-1')]);
    expect(first?.errors).toHaveLength(2);
    expect(first?.errors[0]).toMatch(new RegExp(`^${newsroom.url('/iso/huge-title')}: DynamoDB refused the request`));
    expect(first?.errors[1]).toMatch(new RegExp(`^${newsroom.url('/iso/huge-text')}: .*too large to store`));
    expect(second?.watched).toEqual([newsroom.url('/iso/good-2')]);
    expect(await deps.store.getArticle(newsroom.url('/iso/huge-text'))).toBeNull();
  });

  it("a feed URL that is no URL is reported, and the source's other feeds are still read", async () => {
    newsroom.publish('/iso/good-3', sampleArticle());
    newsroom.serveRaw('/iso/third.xml', 'application/rss+xml', rss([newsroom.url('/iso/good-3')]));
    // Config validation refuses this; a source built in code, or an older config, may still carry one.
    const source: SourceConfig = { name: 'broken', hosts: [], feeds: ['htp:/not a url', newsroom.url('/iso/third.xml')], sitemaps: [], frontPages: [] };
    const report = await discoverSource(deps, source);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^htp:\/not a url: /);
    expect(report.watched).toEqual([newsroom.url('/iso/good-3')]);
  });
});
