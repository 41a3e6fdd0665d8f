import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { shardOf } from '../../../lambdas/adapters/dynamo-items';
import { SHARD_COUNT } from '../../../lambdas/adapters/table-schema';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { freshTable } from '../../support/dynamo';
import { articleHead } from './fixtures';

const NOW = '2026-03-10T12:00:00.000Z';

function hoursFromNow(hours: number): string {
  return new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();
}

/** Story URLs, at least `perShard` on every shard, so the test sees the merge across shards. */
function urlsAcrossShards(perShard: number): string[][] {
  const byShard: string[][] = Array.from({ length: SHARD_COUNT }, () => []);
  for (let i = 0; byShard.some((urls) => urls.length < perShard); i++) {
    const url = `https://news.example.com/story-${i}`;
    byShard[shardOf(url)]?.push(url);
  }
  return byShard.map((urls) => urls.slice(0, perShard));
}

async function setUp() {
  const { client, tableName } = await freshTable();
  const store = new DynamoStore(client, tableName);
  const [first = [], second = [], third = [], fourth = []] = urlsAcrossShards(3);
  // Due times interleave the shards, so soonest-first order needs a real merge.
  const due: ArticleHead[] = [
    ...first.map((url, i) => articleHead(url, { nextCheckAt: hoursFromNow(-1 - 4 * i) })),
    ...second.map((url, i) => articleHead(url, { nextCheckAt: hoursFromNow(-2 - 4 * i), status: i === 0 ? 'removed' : 'active' })),
    ...third.slice(0, 2).map((url, i) => articleHead(url, { nextCheckAt: hoursFromNow(-3 - 4 * i) })),
    articleHead(fourth[0] ?? '', { nextCheckAt: NOW }),
  ];
  const notYetDue = [articleHead(third[2] ?? '', { nextCheckAt: hoursFromNow(1) }), articleHead(fourth[1] ?? '', { nextCheckAt: hoursFromNow(0.001) })];
  const retired = articleHead(fourth[2] ?? '', { status: 'retired', nextCheckAt: null });
  for (const head of [...due, ...notYetDue, retired]) await store.createArticle(head);
  const soonestFirst = [...due].sort((a, b) => (a.nextCheckAt ?? '').localeCompare(b.nextCheckAt ?? ''));
  return { store, soonestFirst, notYetDue, retired };
}

describe('dueArticles', () => {
  it('returns every due article from every shard, soonest first, and nothing else', async () => {
    const { store, soonestFirst } = await setUp();
    const result = await store.dueArticles(NOW, 100);
    expect(result).toEqual(soonestFirst);
    expect(new Set(result.map((head) => shardOf(head.url))).size).toBe(SHARD_COUNT);
  });

  it('caps the answer at the limit, keeping the soonest across shards', async () => {
    const { store, soonestFirst } = await setUp();
    const result = await store.dueArticles(NOW, 4);
    expect(result).toEqual(soonestFirst.slice(0, 4));
    expect(new Set(result.map((head) => shardOf(head.url))).size).toBeGreaterThan(1);
    expect(await store.dueArticles(NOW, 0)).toEqual([]);
  });

  it('drops an article from the due list once it is retired, and takes it back when checks resume', async () => {
    const { store, soonestFirst } = await setUp();
    const target = soonestFirst[2];
    if (!target) throw new Error('fixture has due articles');
    const retiredHead: ArticleHead = { ...target, status: 'retired', nextCheckAt: null, lastCheckedAt: NOW };
    await store.saveCheck(target, retiredHead);
    expect((await store.dueArticles(NOW, 100)).map((h) => h.url)).not.toContain(target.url);

    // A retired head that still carries a stale due time must not come back either.
    const staleRetired: ArticleHead = { ...retiredHead, nextCheckAt: hoursFromNow(-10) };
    await store.saveCheck(retiredHead, staleRetired);
    expect((await store.dueArticles(NOW, 100)).map((h) => h.url)).not.toContain(target.url);

    const revived: ArticleHead = { ...staleRetired, status: 'active', nextCheckAt: hoursFromNow(-0.5) };
    await store.saveCheck(staleRetired, revived);
    expect(await store.dueArticles(NOW, 100)).toContainEqual(revived);
  });

  it('moves an article out of the due list when its next check is pushed past now', async () => {
    const { store, soonestFirst, notYetDue } = await setUp();
    const target = soonestFirst[0];
    if (!target) throw new Error('fixture has due articles');
    await store.saveCheck(target, { ...target, lastCheckedAt: NOW, nextCheckAt: hoursFromNow(3) });
    const result = await store.dueArticles(NOW, 100);
    expect(result).toEqual(soonestFirst.slice(1));
    const later = await store.dueArticles(hoursFromNow(5), 100);
    expect(later.map((h) => h.url)).toEqual(expect.arrayContaining([target.url, ...notYetDue.map((h) => h.url)]));
  });
});
