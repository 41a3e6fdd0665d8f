// Tables written by releases before the head was split: one HEAD item holding every field with the
// 'articles' index keys, and version text stored plain. They read as they are, and a head's first
// save rewrites it into the HEAD and INFO items.
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dueKeys } from '../../../lambdas/adapters/due-keys';
import { articlePk, HEAD_SK, listShardKey, shardOf, versionSk } from '../../../lambdas/adapters/dynamo-items';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { headToItems, INFO_SK } from '../../../lambdas/adapters/head-items';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { CorruptItemError, StaleHeadError } from '../../../lambdas/errors';
import { freshTable } from '../../support/dynamo';
import { articleHead, saveEdit, versionRecord, watched } from './fixtures';

const OLD_URL = 'https://news.example.com/2026/01/old-article';
const NEW_URL = 'https://news.example.com/2026/03/new-article';

/** The head item exactly as the release before the split wrote it. */
function wholeHeadItem(head: ArticleHead): Record<string, unknown> {
  const { pausedAt, unwatchedAt, ...rest } = head;
  return {
    ...rest,
    ...(pausedAt !== null ? { pausedAt } : {}),
    ...(unwatchedAt !== null ? { unwatchedAt } : {}),
    pk: articlePk(head.url),
    sk: HEAD_SK,
    listShard: listShardKey(shardOf(head.url)),
    ...dueKeys(head),
  };
}

/** An article as the older release left it: the whole head and version 0 with its text in plain. */
async function writtenByOlderRelease(client: DynamoDBDocumentClient, tableName: string): Promise<ArticleHead> {
  const version = versionRecord(OLD_URL, 0, { text: 'An older release stored this text as it was. '.repeat(60) });
  const head = articleHead(OLD_URL, {
    versionCount: 1,
    currentVersion: 0,
    latestChars: version.text.length,
    contentHash: version.hash,
    latestTitle: version.title,
    knownHashes: [{ hash: version.hash, version: 0 }],
    lastCheckedAt: '2026-03-01T08:10:00.000Z',
    etag: '"v0"',
  });
  const { text, ...rest } = version;
  await client.send(new PutCommand({ TableName: tableName, Item: wholeHeadItem(head) }));
  await client.send(new PutCommand({ TableName: tableName, Item: { ...rest, pk: articlePk(OLD_URL), sk: versionSk(0), chars: text.length, text } }));
  return head;
}

async function setUp() {
  const { client, tableName } = await freshTable();
  const store = new DynamoStore(client, tableName);
  const old = await writtenByOlderRelease(client, tableName);
  const fresh = await watched(store, NEW_URL);
  const itemsOf = async (url: string) =>
    (await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': articlePk(url) } })))
      .Items ?? [];
  return { client, tableName, store, old, fresh, itemsOf };
}

async function everyArticle(store: DynamoStore): Promise<string[]> {
  const urls: string[] = [];
  for await (const head of store.allArticles()) urls.push(head.url);
  return urls.sort();
}

describe('a head written before the split', () => {
  it('reads whole through every way in: by URL, by key and the listings', async () => {
    const { store, old } = await setUp();
    expect(await store.getArticle(OLD_URL)).toStrictEqual(old);
    expect(await store.getArticleByKey(articlePk(OLD_URL).slice(2))).toStrictEqual(old);
    expect(await everyArticle(store)).toEqual([OLD_URL, NEW_URL].sort());
    expect((await store.listArticles({ limit: 10 })).articles.map((head) => head.url).sort()).toEqual([OLD_URL, NEW_URL].sort());
  });

  it('is rewritten into HEAD and INFO by its first save, even one that changes only hot fields', async () => {
    const { client, tableName, store, old, itemsOf } = await setUp();
    const next: ArticleHead = { ...old, lastCheckedAt: '2026-03-02T10:00:00.000Z', nextCheckAt: '2026-03-02T10:15:00.000Z', etag: '"v0b"' };
    await store.saveCheck(old, next);

    expect(await store.getArticle(OLD_URL)).toStrictEqual(next);
    const stored = await itemsOf(OLD_URL);
    expect(stored.map((item) => item.sk)).toEqual([HEAD_SK, INFO_SK, versionSk(0)]);
    const { hot, info } = headToItems(next);
    expect(stored[0]).toEqual(hot);
    expect(stored[1]).toEqual(info);
    expect(stored[0]).not.toHaveProperty('url');
    expect(stored[0]).not.toHaveProperty('listShard');
    // Listed once, now through its INFO item.
    expect(await everyArticle(store)).toEqual([OLD_URL, NEW_URL].sort());
    expect((await store.listArticles({ limit: 10 })).articles.filter((head) => head.url === OLD_URL)).toEqual([next]);

    // From then on an unchanged check writes the HEAD item alone.
    const later = { ...next, lastCheckedAt: '2026-03-02T11:00:00.000Z' };
    await store.saveCheck(next, later);
    expect(await store.getArticle(OLD_URL)).toStrictEqual(later);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(OLD_URL), sk: HEAD_SK } }));
    expect(Item?.lastCheckedAt).toBe('2026-03-02T11:00:00.000Z');
  });

  it('takes a new version on top of its history, the old plain text still readable', async () => {
    const { store, old } = await setUp();
    const next = await saveEdit(store, old, '2026-03-02T12:00:00.000Z');
    expect(await store.getArticle(OLD_URL)).toStrictEqual(next);
    expect((await store.getVersion(OLD_URL, 0))?.text).toBe('An older release stored this text as it was. '.repeat(60));
    expect((await store.listVersions(OLD_URL)).map((version) => version.version)).toEqual([0, 1]);
  });

  it('refuses a save from a head that moved on, and leaves the old item as it was', async () => {
    const { client, tableName, store, old } = await setUp();
    const { Item: before } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(OLD_URL), sk: HEAD_SK } }));
    const stale = { ...old, versionCount: old.versionCount + 1 };
    await expect(store.saveCheck(stale, { ...stale, lastCheckedAt: '2026-03-02T13:00:00.000Z' })).rejects.toBeInstanceOf(StaleHeadError);
    const paused = { ...old, pausedAt: '2026-03-02T13:00:00.000Z' };
    await expect(store.saveCheck(paused, { ...paused, lastCheckedAt: '2026-03-02T13:00:00.000Z' })).rejects.toBeInstanceOf(StaleHeadError);
    const { Item: after } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(OLD_URL), sk: HEAD_SK } }));
    expect(after).toEqual(before);
  });

  it('is deleted with everything of its article', async () => {
    const { store, itemsOf } = await setUp();
    expect(await store.deleteArticle(OLD_URL)).toBe(true);
    expect(await itemsOf(OLD_URL)).toEqual([]);
    expect(await everyArticle(store)).toEqual([NEW_URL]);
  });
});

describe('a split head', () => {
  it('saves from a head tagged by another release, rewriting both items when their fields are what the save read', async () => {
    const { client, tableName, store, fresh } = await setUp();
    for (const sk of [HEAD_SK, INFO_SK]) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(NEW_URL), sk } }));
      await client.send(new PutCommand({ TableName: tableName, Item: { ...Item, infoTag: 'tag-of-another-release' } }));
    }
    expect(await store.getArticle(NEW_URL)).toStrictEqual(fresh);
    const next = { ...fresh, lastCheckedAt: '2026-03-02T10:00:00.000Z' };
    await store.saveCheck(fresh, next);
    expect(await store.getArticle(NEW_URL)).toStrictEqual(next);
  });

  it('refuses, as stale, a save whose INFO fields are no longer what is stored', async () => {
    const { store, fresh } = await setUp();
    const moved = { ...fresh, variantHashes: ['abcd'], flapping: true };
    await store.saveCheck(fresh, moved);
    // A second check that read the head before the first saved: same counts, older INFO.
    await expect(store.saveCheck(fresh, { ...fresh, lastCheckedAt: '2026-03-02T10:00:00.000Z' })).rejects.toBeInstanceOf(StaleHeadError);
    expect(await store.getArticle(NEW_URL)).toStrictEqual(moved);
  });

  it('reports HEAD and INFO items that disagree for good as damage, not as an article', async () => {
    const { client, tableName, store } = await setUp();
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(NEW_URL), sk: INFO_SK } }));
    await client.send(new PutCommand({ TableName: tableName, Item: { ...Item, infoTag: 'edited-by-hand' } }));
    await expect(store.getArticle(NEW_URL)).rejects.toBeInstanceOf(CorruptItemError);
  });
});
