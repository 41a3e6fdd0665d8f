// A/B headline tests made visible: a newsroom on 127.0.0.1 that alternates headlines
// (or a paragraph) from one request to the next, checked many times through the real
// fetch gate and extractor into DynamoDB Local, then read back the way a newsroom
// auditor would: the history page, the JSON API and the feeds. Still worth no version.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportJsonl } from '../../lambdas/cli/export';
import { createRuntime } from '../../lambdas/composition/runtime';
import { parseConfig } from '../../lambdas/domain/config';
import type { VariantJson } from '../../lambdas/domain/types';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import { watchArticle } from '../../lambdas/service/watch';
import { createWebApp } from '../../lambdas/web/app';
import type { WebRequest } from '../../lambdas/web/types';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

const HEADLINE_B = 'Kerry Wins Russian Backing For Syria Plan';
const enc = encodeURIComponent;

let newsroom: Newsroom;
let deps: CheckerDeps;
let time: Date;
let pathCounter = 0;
let path: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({ politeness: { perHostConcurrency: 4, perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  time = new Date('2026-11-21T09:00:00Z');
  deps = { ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time } };
});

afterAll(async () => {
  await newsroom.close();
});

beforeEach(() => {
  path = `/news/ab-${++pathCounter}`;
  newsroom.publish(path, sampleArticle());
});

function web(pathAndQuery: string): Promise<{ status: number; body: string }> {
  const app = createWebApp({ store: deps.store, watch: (url) => watchArticle(deps, url), apiTokenSha256: null, clock: { now: () => time } });
  const [route = '/', search = ''] = pathAndQuery.split('?', 2);
  const request: WebRequest = { method: 'GET', path: route, query: new URLSearchParams(search), headers: { host: 'monitor.test' }, body: '' };
  return app(request);
}

async function watched(): Promise<string> {
  const result = await watchArticle(deps, newsroom.url(path));
  expect(result.created).toBe(true);
  return result.article.url;
}

/** Checks the article `times` times, twenty minutes apart; how many of them suppressed a variant. */
async function checks(url: string, times: number): Promise<number> {
  let suppressed = 0;
  for (let i = 0; i < times; i++) {
    time = new Date(time.getTime() + 20 * 60_000);
    if ((await checkArticle(deps, url)).outcome === 'variant-suppressed') suppressed++;
  }
  return suppressed;
}

interface JsonFeed {
  items: { id: string; title: string; content_text?: string; date_published?: string; tags?: string[] }[];
}

describe('an A/B headline test', () => {
  it('alternating over many checks is worth no version, and is kept as one variant counted on every check that saw it', async () => {
    const url = await watched();
    const firstSeen = new Date(time.getTime() + 20 * 60_000).toISOString();
    const { title } = sampleArticle();
    newsroom.edit(path, { titleVariants: [title, HEADLINE_B] });
    const suppressed = await checks(url, 12);
    expect(suppressed).toBeGreaterThanOrEqual(5);

    expect(await deps.store.listVersions(url)).toHaveLength(1);
    expect(await deps.store.recentChanges({ url, includeBoring: true })).toEqual([]);
    const variants = await deps.store.listVariants(url);
    expect(variants).toHaveLength(1);
    expect(variants[0]).toMatchObject({ title: HEADLINE_B, currentTitle: title, excerpt: '', seenCount: suppressed, firstSeenAt: firstSeen });
    expect((variants[0]?.lastSeenAt ?? '') > firstSeen).toBe(true);

    // The history page names both headlines, how often and since when (relative, absolute on hover).
    const page = await web(`/article?url=${enc(url)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Headline test: “${title}” / “${HEADLINE_B}”, seen ${suppressed} times since <time datetime="${firstSeen}" title="`);
    expect(page.body).toMatch(/since <time [^>]*title="[^"]*2026[^"]*UTC"[^>]*>[^<]*ago<\/time>/);

    // The API's article history lists it, apart from the versions.
    const api = JSON.parse((await web(`/api/articles?url=${enc(url)}`)).body) as { versions: unknown[]; variants: VariantJson[] };
    expect(api.versions).toHaveLength(1);
    expect(api.variants).toEqual([
      {
        type: 'variant',
        url,
        hash: variants[0]?.hash,
        headlineTest: true,
        title: HEADLINE_B,
        currentTitle: title,
        excerpt: '',
        firstSeenAt: firstSeen,
        lastSeenAt: variants[0]?.lastSeenAt,
        seenCount: suppressed,
      },
    ]);

    // The feeds: one item for the test, however often it was seen, readable as plain text.
    const articleFeed = JSON.parse((await web(`/feeds/changes.json?url=${enc(url)}`)).body) as JsonFeed;
    expect(articleFeed.items).toHaveLength(1);
    expect(articleFeed.items[0]).toMatchObject({ title: `Headline test: “${title}” / “${HEADLINE_B}”`, date_published: firstSeen });
    expect(articleFeed.items[0]?.content_text).toContain(`Headline test: “${title}” / “${HEADLINE_B}”`);
    const overall = JSON.parse((await web('/feeds/changes.json')).body) as JsonFeed;
    expect(overall.items.filter((item) => item.id === articleFeed.items[0]?.id)).toHaveLength(1);
    const atom = (await web('/feeds/changes.atom')).body;
    expect(atom.split(articleFeed.items[0]?.id ?? 'missing')).toHaveLength(2);
    // A feed of edits only (stealth, or of some kinds) leaves it out: it is no edit.
    const stealth = JSON.parse((await web(`/feeds/changes.json?url=${enc(url)}&stealth=1`)).body) as JsonFeed;
    expect(stealth.items).toEqual([]);

    // Seen again later: still the one item, first seen where it was.
    const more = await checks(url, 4);
    const again = JSON.parse((await web(`/feeds/changes.json?url=${enc(url)}`)).body) as JsonFeed;
    expect(again.items.map((item) => [item.id, item.date_published])).toEqual([[articleFeed.items[0]?.id, firstSeen]]);
    expect((await deps.store.listVariants(url)).map((v) => v.seenCount)).toEqual([suppressed + more]);
    expect(await deps.store.listVersions(url)).toHaveLength(1);

    // A researcher's export carries the headline test beside the history it belongs to.
    const lines: string[] = [];
    await exportJsonl(deps.store, (line) => lines.push(line));
    const exported = lines.map((line) => JSON.parse(line) as { type: string; url: string; title?: string; seenCount?: number });
    expect(exported.filter((record) => record.url === url && record.type === 'variant')).toEqual([
      expect.objectContaining({ title: HEADLINE_B, seenCount: suppressed + more }),
    ]);
  });

  it('that also rotates a paragraph keeps an excerpt of the differing text, shown on the page and in the feed', async () => {
    const url = await watched();
    const original = sampleArticle();
    const variant = {
      ...original,
      title: HEADLINE_B,
      paragraphs: original.paragraphs.map((p, i) => (i === 1 ? 'Kerry spoke after Putin personally endorsed the plan in talks that ran past midnight.' : p)),
    };
    newsroom.edit(path, { ...original, servedNext: [variant, original, variant] });
    expect(await checks(url, 1)).toBe(1);
    const [kept] = await deps.store.listVariants(url);
    expect(kept?.title).toBe(HEADLINE_B);
    expect(kept?.excerpt).toContain('Putin personally endorsed the plan');
    expect(kept?.excerpt.length).toBeLessThanOrEqual(300);
    expect(kept?.seenCount).toBe(1);

    const page = (await web(`/article?url=${enc(url)}`)).body;
    expect(page).toContain('seen 1 time since');
    expect(page).toContain('Putin personally endorsed the plan');
    const feed = JSON.parse((await web(`/feeds/changes.json?url=${enc(url)}`)).body) as JsonFeed;
    expect(feed.items[0]?.content_text).toContain('Putin personally endorsed the plan');
    expect(await deps.store.listVersions(url)).toHaveLength(1);
  });

  it('is deleted with its article', async () => {
    const url = await watched();
    newsroom.edit(path, { titleVariants: [sampleArticle().title, HEADLINE_B] });
    expect(await checks(url, 2)).toBeGreaterThan(0);
    expect(await deps.store.listVariants(url)).toHaveLength(1);
    expect(await deps.store.deleteArticle(url)).toBe(true);
    expect(await deps.store.listVariants(url)).toEqual([]);
    expect((await deps.store.recentVariants({ limit: 100 })).filter((v) => v.url === url)).toEqual([]);
  });
});
