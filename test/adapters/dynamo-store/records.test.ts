import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { articlePk, HEAD_SK, versionSk } from '../../../lambdas/adapters/dynamo-items';
import { randomBytes } from 'node:crypto';
import { CorruptItemError, VersionTooLargeError } from '../../../lambdas/errors';
import { freshTable } from '../../support/dynamo';
import { articleHead, changeRecord, edited, versionRecord, watched } from './fixtures';

const URL_A = 'https://news.example.com/2026/03/budget?id=7';

async function setUp() {
  const { client, tableName } = await freshTable();
  return { client, tableName, store: new DynamoStore(client, tableName) };
}

describe('records read back exactly as written', () => {
  it('returns the head with every field, and no storage attributes', async () => {
    const { store } = await setUp();
    const head = articleHead(URL_A, {
      status: 'removed',
      lastCheckedAt: '2026-03-01T09:00:00.000Z',
      etag: 'W/"abc"',
      lastModified: 'Sun, 01 Mar 2026 08:00:00 GMT',
      failureCount: 2,
      lastError: 'HTTP 503',
      variantHashes: ['h1', 'h2'],
      flapping: true,
      pendingShrinkHash: 'h3',
      steadyVariantHash: 'h4',
      currentUrl: 'https://news.example.com/2026/03/budget-moved',
      latestTitle: '',
    });
    await store.createArticle(head);
    expect(await store.getArticle(URL_A)).toStrictEqual(head);
  });

  it('returns versions and changes field for field, with an optional newUrl only when it was set', async () => {
    const { store } = await setUp();
    const head = await watched(store, URL_A);
    const { next, version } = edited(head, '2026-03-02T10:00:00.000Z');
    const change = changeRecord(URL_A, 0, 1, {
      detectedAt: '2026-03-02T10:00:00.000Z',
      kinds: ['url-changed', 'title'],
      newUrl: 'https://news.example.com/new-home',
      excerpts: [],
      boring: false,
    });
    await store.saveCheck(head, next, { version: { ...version, publishedAt: null, byline: '' }, change });

    expect(await store.getVersion(URL_A, 0)).toStrictEqual(versionRecord(URL_A, 0));
    expect(await store.getVersion(URL_A, 1)).toStrictEqual({ ...version, publishedAt: null, byline: '' });
    expect(await store.recentChanges({ url: URL_A })).toStrictEqual([change]);
  });

  it('lists versions oldest first with their length instead of their text', async () => {
    const { store } = await setUp();
    const head = await watched(store, URL_A);
    const { next, version } = edited(head, '2026-03-02T10:00:00.000Z');
    // The first check after a watch stores a version with no change to report.
    await store.saveCheck(head, { ...next, changeCount: head.changeCount }, { version });

    const { text: text0, ...summary0 } = versionRecord(URL_A, 0);
    const { text: text1, ...summary1 } = version;
    expect(await store.listVersions(URL_A)).toStrictEqual([
      { ...summary0, chars: text0.length },
      { ...summary1, chars: text1.length },
    ]);
  });

  it('answers null or empty for what is not stored', async () => {
    const { store } = await setUp();
    await watched(store, URL_A);
    expect(await store.getArticle('https://news.example.com/unknown')).toBeNull();
    expect(await store.getVersion(URL_A, 1)).toBeNull();
    expect(await store.getVersion(URL_A, -1)).toBeNull();
    expect(await store.getVersion(URL_A, 0.5)).toBeNull();
    expect(await store.listVersions('https://news.example.com/unknown')).toEqual([]);
  });

  it('keeps a 300 KB text well inside the item limit and returns it unchanged', async () => {
    const { client, tableName, store } = await setUp();
    const paragraphs = Array.from(
      { length: 4000 },
      (_, i) => `Paragraph ${i}: the committee reviewed item ${(i * 7919) % 10007}, and “résumé” costs rose ${i % 97}%.`,
    );
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(300_000);
    const version = versionRecord(URL_A, 0, { text });
    await store.createArticle(articleHead(URL_A, { versionCount: 1, currentVersion: 0 }), version);

    expect(await store.getVersion(URL_A, 0)).toStrictEqual(version);
    expect((await store.listVersions(URL_A))[0]?.chars).toBe(text.length);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(URL_A), sk: versionSk(0) } }));
    const stored = Item?.textGz;
    expect(stored).toBeInstanceOf(Uint8Array);
    expect(stored instanceof Uint8Array && stored.byteLength).toBeLessThan(200 * 1024);
  });

  it('refuses a version too large to store even compressed, with its own error, and writes nothing', async () => {
    const { store } = await setUp();
    const noise = randomBytes(450 * 1024).toString('base64');
    await expect(
      store.createArticle(articleHead(URL_A, { versionCount: 1, currentVersion: 0 }), versionRecord(URL_A, 0, { text: noise })),
    ).rejects.toBeInstanceOf(VersionTooLargeError);
    expect(await store.getArticle(URL_A)).toBeNull();
  });

  it('reports a head item that was damaged outside the monitor instead of returning it', async () => {
    const { client, tableName, store } = await setUp();
    await store.createArticle(articleHead(URL_A));
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(URL_A), sk: HEAD_SK } }));
    await client.send(new PutCommand({ TableName: tableName, Item: { ...Item, versionCount: 'three', status: 'paused' } }));
    await expect(store.getArticle(URL_A)).rejects.toBeInstanceOf(CorruptItemError);
  });

  it('reads a head stored before steadyVariantHash existed, as null', async () => {
    const { client, tableName, store } = await setUp();
    await store.createArticle(articleHead(URL_A));
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: articlePk(URL_A), sk: HEAD_SK } }));
    const { steadyVariantHash: _dropped, ...older } = Item ?? {};
    await client.send(new PutCommand({ TableName: tableName, Item: older }));
    expect((await store.getArticle(URL_A))?.steadyVariantHash).toBeNull();
  });
});
