// What every DueIndex must do, run against DynamoDB Local (dynamo-due-index.test.ts) and the
// in-memory one (memory-due-index.test.ts): heads land in the lane their schedule says, leave it
// when held or retired, and every dispatcher write holds only if nobody moved the entry first.
import { expect, it } from 'vitest';
import { dueShardOf, hostKeyOf, laneName, slotSortKey } from '../../lambdas/domain/due-lanes';
import { slotOf } from '../../lambdas/domain/schedule';
import type { ArticleHead } from '../../lambdas/domain/types';
import { articleKey } from '../../lambdas/domain/url';
import type { ArticleStore, DueIndex } from '../../lambdas/ports';
import { articleHead, watched } from './dynamo-store/fixtures';

export type DueIndexFactory = () => Promise<{ store: ArticleStore; dueIndex: DueIndex }>;

const URL_A = 'https://news.example.com/2026/03/budget';
const LATER = '2030-01-01T00:00:00.000Z';

const oneOffLane = (url: string) => laneName({ kind: 'one-off', shard: dueShardOf(url) });
const periodicLane = (url: string, every: number) => laneName({ kind: 'periodic', every, shard: dueShardOf(url) });

async function keysIn(dueIndex: DueIndex, lane: string, from = '0', to = LATER): Promise<string[]> {
  return (await dueIndex.entries(lane, from, to, 1000)).entries.map((entry) => entry.key);
}

export function dueIndexContract(make: DueIndexFactory): void {
  it('holds a one-off head by its due time and a periodic head by its slot, with its host', async () => {
    const { store, dueIndex } = await make();
    const first = articleHead(URL_A, { nextCheckAt: '2026-03-01T08:15:00.000Z' });
    await store.createArticle(first);
    const page = await dueIndex.entries(oneOffLane(URL_A), '0', '2026-03-01T08:15:00.000Z', 10);
    expect(page.entries).toEqual([{ key: articleKey(URL_A), hostKey: hostKeyOf(URL_A), slot: '2026-03-01T08:15:00.000Z', leaseCount: 0 }]);
    expect(await keysIn(dueIndex, oneOffLane(URL_A), '0', '2026-03-01T08:14:59.999Z')).toEqual([]);

    const periodic: ArticleHead = { ...first, lastCheckedAt: '2026-03-01T08:15:00.000Z', nextCheckAt: '2026-03-01T08:30:00.000Z', checkEvery: 900 };
    await store.saveCheck(first, periodic);
    expect(await keysIn(dueIndex, oneOffLane(URL_A))).toEqual([]);
    const slot = slotSortKey(slotOf(URL_A, 900));
    expect((await dueIndex.entries(periodicLane(URL_A, 900), slot, slot, 10)).entries.map((e) => e.key)).toEqual([articleKey(URL_A)]);
  });

  it('takes a paused, unwatched or retired article out, and back when checked again; an alias is never in it', async () => {
    const { store, dueIndex } = await make();
    const head = await watched(store, URL_A);
    const lane = oneOffLane(URL_A);
    const paused: ArticleHead = { ...head, pausedAt: '2026-03-02T10:00:00.000Z' };
    await store.saveCheck(head, paused);
    expect(await keysIn(dueIndex, lane)).toEqual([]);
    const resumed: ArticleHead = { ...paused, pausedAt: null };
    await store.saveCheck(paused, resumed);
    expect(await keysIn(dueIndex, lane)).toEqual([articleKey(URL_A)]);
    const retired: ArticleHead = { ...resumed, status: 'retired', nextCheckAt: null };
    await store.saveCheck(resumed, retired);
    expect(await keysIn(dueIndex, lane)).toEqual([]);
    const unwatched: ArticleHead = { ...resumed, unwatchedAt: '2026-03-02T11:00:00.000Z' };
    await store.saveCheck(retired, unwatched);
    expect(await keysIn(dueIndex, lane)).toEqual([]);
  });

  it('pages a lane in order, and counts it', async () => {
    const { store, dueIndex } = await make();
    const urls: string[] = [];
    for (let i = 0; urls.length < 7; i++) {
      const url = `https://news.example.com/story-${i}`;
      if (dueShardOf(url) === dueShardOf(URL_A)) urls.push(url);
    }
    for (const [i, url] of urls.entries()) await store.createArticle(articleHead(url, { nextCheckAt: `2026-03-01T08:0${i}:00.000Z` }));
    const lane = oneOffLane(URL_A);
    const first = await dueIndex.entries(lane, '0', LATER, 3);
    expect(first.more).toBe(true);
    const second = await dueIndex.entries(lane, '0', LATER, 10, first.entries.at(-1));
    expect([...first.entries, ...second.entries].map((e) => e.key)).toEqual(urls.map(articleKey));
    expect(second.more).toBe(false);
    expect(await dueIndex.count(lane, '0', '2026-03-01T08:03:00.000Z')).toBe(4);
  });

  it('leases an entry once: a second lease of what was read before fails, and the lease counts up', async () => {
    const { store, dueIndex } = await make();
    await store.createArticle(articleHead(URL_A));
    const lane = oneOffLane(URL_A);
    const [entry] = (await dueIndex.entries(lane, '0', LATER, 10)).entries;
    if (!entry) throw new Error('the head is due');
    expect(await dueIndex.lease(lane, entry, '2026-03-01T08:25:00.000Z')).toBe(true);
    expect(await dueIndex.lease(lane, entry, '2026-03-01T08:26:00.000Z')).toBe(false);
    const [leased] = (await dueIndex.entries(lane, '0', LATER, 10)).entries;
    expect(leased).toMatchObject({ slot: '2026-03-01T08:25:00.000Z', leaseCount: 1 });
    // The check's save puts the whole head: the lease is gone with it.
    const head = await store.getArticle(URL_A);
    if (!head) throw new Error('watched');
    await store.saveCheck(head, { ...head, lastCheckedAt: '2026-03-01T08:16:00.000Z', nextCheckAt: '2026-03-01T09:00:00.000Z' });
    expect((await dueIndex.entries(lane, '0', LATER, 10)).entries).toMatchObject([{ slot: '2026-03-01T09:00:00.000Z', leaseCount: 0 }]);
  });

  it('defers an entry to a one-off lane, unless it moved first', async () => {
    const { store, dueIndex } = await make();
    const head = articleHead(URL_A, { nextCheckAt: '2026-03-01T08:30:00.000Z', checkEvery: 900 });
    await store.createArticle(head);
    const lane = periodicLane(URL_A, 900);
    const [entry] = (await dueIndex.entries(lane, '0', '9', 10)).entries;
    if (!entry) throw new Error('the head is in its periodic lane');
    expect(await dueIndex.defer(lane, entry, oneOffLane(URL_A), '2026-03-01T08:45:00.000Z')).toBe(true);
    expect(await dueIndex.defer(lane, entry, oneOffLane(URL_A), '2026-03-01T08:50:00.000Z')).toBe(false);
    expect((await dueIndex.entries(oneOffLane(URL_A), '0', LATER, 10)).entries).toMatchObject([{ key: articleKey(URL_A), slot: '2026-03-01T08:45:00.000Z' }]);
  });

  it('moves a cursor only from the value read: two dispatchers cannot both claim a window', async () => {
    const { dueIndex } = await make();
    expect(await dueIndex.claim('P#900#0', null, 100)).toBe(true);
    expect(await dueIndex.claim('P#900#0', null, 100)).toBe(false);
    const [a, b] = await Promise.all([dueIndex.claim('P#900#0', 100, 160), dueIndex.claim('P#900#0', 100, 170)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await dueIndex.cursors()).get('P#900#0')).toBe(a ? 160 : 170);
  });

  it('remembers busy hosts until they are forgotten, and forgets only the value read', async () => {
    const { dueIndex } = await make();
    await dueIndex.setHostFreeAt('host-a', 5000);
    await dueIndex.setHostFreeAt('host-b', 6000);
    expect(await dueIndex.busyHosts()).toEqual(
      new Map([
        ['host-a', 5000],
        ['host-b', 6000],
      ]),
    );
    await dueIndex.forgetHost('host-a', 4000);
    await dueIndex.forgetHost('host-b', 6000);
    expect(await dueIndex.busyHosts()).toEqual(new Map([['host-a', 5000]]));
  });
}
