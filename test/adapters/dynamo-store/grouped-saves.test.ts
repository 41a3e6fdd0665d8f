// Local mode's group commit of unchanged checks' head writes (grouped-head-puts.ts): fewer requests to
// DynamoDB Local, and every save answered exactly as if it had been sent alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { GroupedHeadPuts } from '../../../lambdas/adapters/grouped-head-puts';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { StaleHeadError, StoreBusyError } from '../../../lambdas/errors';
import { systemClock } from '../../../lambdas/ports';
import { type CancellingDynamo, startCancellingDynamo } from '../../support/cancelling-dynamo';
import { freshTable } from '../../support/dynamo';
import { recordCommands, type SentCommand } from './command-log';
import { saveEdit, watched } from './fixtures';

const WRITES = new Set(['PutItemCommand', 'TransactWriteItemsCommand']);

async function setUp(windowMs: number) {
  const { client, tableName } = await freshTable();
  const headPuts = new GroupedHeadPuts(client, { windowMs });
  return { client, headPuts, store: new DynamoStore(client, tableName, systemClock, headPuts), plain: new DynamoStore(client, tableName) };
}

function unchangedCheck(previous: ArticleHead, at: string): ArticleHead {
  return { ...previous, lastCheckedAt: at, nextCheckAt: '2026-03-02T10:15:00.000Z', etag: `"${at}"` };
}

const urlOf = (index: number) => `https://news.example.com/2026/03/story-${index}`;

function writesIn(sent: SentCommand[]): SentCommand[] {
  return sent.filter((command) => WRITES.has(command.name));
}

function transactionKeys(command: SentCommand): string[] {
  const items = (command.input.TransactItems ?? []) as Array<{ Put?: { Item?: { pk?: unknown } } }>;
  return items.map((item) => String(item.Put?.Item?.pk));
}

describe('grouped head saves', () => {
  it('write many concurrent unchanged checks in a few requests, every one of them stored', async () => {
    const { client, store } = await setUp(50);
    const heads = await Promise.all(Array.from({ length: 40 }, (_, index) => watched(store, urlOf(index))));
    const nexts = heads.map((head, index) => unchangedCheck(head, `2026-03-02T10:00:${String(index).padStart(2, '0')}.000Z`));
    const log = recordCommands(client);
    await Promise.all(heads.map((head, index) => store.saveCheck(head, nexts[index] as ArticleHead)));
    log.stop();

    // 40 saves alone are 40 Puts; in groups of at most 25, two transactions.
    expect(writesIn(log.sent).map((command) => command.name)).toEqual(['TransactWriteItemsCommand', 'TransactWriteItemsCommand']);
    for (const [index, next] of nexts.entries()) expect(await store.getArticle(urlOf(index))).toEqual(next);
  });

  it('refuse only the save whose head changed underneath it; its group-mates are written', async () => {
    const { client, store, plain } = await setUp(50);
    const [stale, second, third] = await Promise.all([0, 1, 2].map((index) => watched(store, urlOf(index))));
    if (!stale || !second || !third) throw new Error('three articles were watched');
    // Another check recorded a new version of the first article after this one read it.
    const edited = await saveEdit(plain, stale, '2026-03-02T09:30:00.000Z');
    const nexts = [stale, second, third].map((head) => unchangedCheck(head, '2026-03-02T10:00:00.000Z'));
    const log = recordCommands(client);
    const results = await Promise.allSettled([stale, second, third].map((head, index) => store.saveCheck(head, nexts[index] as ArticleHead)));
    log.stop();

    expect(results[0]?.status === 'rejected' && results[0].reason).toBeInstanceOf(StaleHeadError);
    expect(results.slice(1).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    // They were tried together, and the two not refused were written after the transaction was cancelled.
    expect(log.sent.filter((command) => command.name === 'TransactWriteItemsCommand').map(transactionKeys)[0]).toHaveLength(3);
    expect(await store.getArticle(urlOf(0))).toEqual(edited);
    expect(await store.getArticle(urlOf(1))).toEqual(nexts[1]);
    expect(await store.getArticle(urlOf(2))).toEqual(nexts[2]);
  });

  it('send two saves of one article one after the other, as sequential saves', async () => {
    const { client, store } = await setUp(50);
    const [head, other] = await Promise.all([watched(store, urlOf(0)), watched(store, urlOf(1))]);
    if (!head || !other) throw new Error('two articles were watched');
    // A pause recorded with a check, then a check that read the pause: the second save's condition is the
    // first one's write, so it succeeds only if it is sent after the first.
    const paused = { ...unchangedCheck(head, '2026-03-02T10:00:00.000Z'), pausedAt: '2026-03-02T10:00:00.000Z' };
    const checkedWhilePaused = unchangedCheck(paused, '2026-03-02T10:05:00.000Z');
    const otherNext = unchangedCheck(other, '2026-03-02T10:00:00.000Z');
    const log = recordCommands(client);
    await Promise.all([store.saveCheck(head, paused), store.saveCheck(paused, checkedWhilePaused), store.saveCheck(other, otherNext)]);
    // Two saves from the one head, the first lifting the pause: the one asked for later no longer finds the pause it read.
    const resumed = { ...unchangedCheck(checkedWhilePaused, '2026-03-02T10:10:00.000Z'), pausedAt: null };
    const stillPaused = unchangedCheck(checkedWhilePaused, '2026-03-02T10:11:00.000Z');
    const results = await Promise.allSettled([store.saveCheck(checkedWhilePaused, resumed), store.saveCheck(checkedWhilePaused, stillPaused)]);
    log.stop();

    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]?.status === 'rejected' && results[1].reason).toBeInstanceOf(StaleHeadError);
    expect(await store.getArticle(urlOf(0))).toEqual(resumed);
    expect(await store.getArticle(urlOf(1))).toEqual(otherNext);
    for (const command of log.sent.filter((sent) => sent.name === 'TransactWriteItemsCommand')) {
      const keys = transactionKeys(command);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('send what is waiting when closed, without waiting out the window', async () => {
    const { store, headPuts } = await setUp(600_000);
    const head = await watched(store, urlOf(0));
    const next = unchangedCheck(head, '2026-03-02T10:00:00.000Z');
    const saved = store.saveCheck(head, next);
    // Let the save reach the queue (it validates first) before closing.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await headPuts.close();

    expect(await store.getArticle(urlOf(0))).toEqual(next);
    await expect(saved).resolves.toBeUndefined();
  });
});

/** DynamoDB Local never runs out of capacity: a loopback server cancels every transaction as DynamoDB does when one item is throttled. */
describe('a group DynamoDB throttles', () => {
  let dynamo: CancellingDynamo;
  let endpoint = '';
  beforeAll(async () => {
    dynamo = await startCancellingDynamo(() => [
      { Code: 'None' },
      { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index.' },
    ]);
    endpoint = dynamo.endpoint;
  });
  afterAll(() => dynamo.close());

  it('is a StoreBusyError for every save in it, as a throttled Put alone would be', async () => {
    const headPuts = new GroupedHeadPuts(createDocumentClient({ endpoint }), { windowMs: 50 });
    const put = (pk: string) => headPuts.put({ TableName: 't', Item: { pk, sk: 'HEAD' } });
    const results = await Promise.allSettled([put('A#one'), put('A#two')]);

    expect(results.map((result) => result.status === 'rejected' && result.reason instanceof StoreBusyError)).toEqual([true, true]);
  });
});
