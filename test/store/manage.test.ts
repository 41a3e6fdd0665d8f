// The store's part in managing articles: aliases after a move, pauses a check
// cannot undo, bounded listing pages, and deleting a whole history.
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoStore, MAX_LISTED_EXAMINED } from '../../lambdas/adapters/dynamo-store';
import { articlePk } from '../../lambdas/adapters/dynamo-items';
import type { ArticleHead } from '../../lambdas/domain/types';
import { InvalidInputError, StaleHeadError } from '../../lambdas/errors';
import { freshTable } from '../support/dynamo';
import { articleHead, changeRecord, edited, saveEdit, watched } from './fixtures';

const OLD_URL = 'https://news.example.com/2026/03/budget';
const NEW_URL = 'https://news.example.com/2026/03/budget-approved';

async function setUp() {
  const { client, tableName } = await freshTable();
  return { client, tableName, store: new DynamoStore(client, tableName) };
}

/** The head and change of a check that saw the article at a new address. */
function moved(previous: ArticleHead, to: string, at: string) {
  const next: ArticleHead = { ...previous, lastCheckedAt: at, changeCount: previous.changeCount + 1, currentUrl: to };
  const change = changeRecord(previous.url, 0, 0, { detectedAt: at, kinds: ['url-changed'], newUrl: to, summary: `Article moved to ${to}` });
  return { next, change };
}

describe('aliases: a moved article keeps one history', () => {
  it('finds the article under the address it moved to, and refuses a second article there', async () => {
    const { store } = await setUp();
    const head = await watched(store, OLD_URL);
    const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
    await store.saveCheck(head, next, { change, alias: NEW_URL });

    expect(await store.getArticle(NEW_URL)).toEqual(next);
    expect(await store.getArticle(OLD_URL)).toEqual(next);
    await expect(store.createArticle(articleHead(NEW_URL))).rejects.toThrow(/already watched/);
    // The alias is no article of its own: listings and the due index hold the one article.
    const listed = await store.listArticles({ limit: 10 });
    expect(listed.articles.map((a) => a.url)).toEqual([OLD_URL]);
    expect((await store.dueArticles('2030-01-01T00:00:00.000Z', 10)).map((a) => a.url)).toEqual([OLD_URL]);
  });

  it('leaves another article watched at the new address alone, and still records the move', async () => {
    const { store } = await setUp();
    const head = await watched(store, OLD_URL);
    const other = await watched(store, NEW_URL);
    const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
    await store.saveCheck(head, next, { change, alias: NEW_URL });

    expect(await store.getArticle(NEW_URL)).toEqual(other);
    expect(await store.getArticle(OLD_URL)).toEqual(next);
    expect((await store.recentChanges({ url: OLD_URL })).map((c) => c.kinds)).toEqual([['url-changed']]);
  });

  it('a stale save with an alias writes nothing, alias included', async () => {
    const { store } = await setUp();
    const head = await watched(store, OLD_URL);
    await saveEdit(store, head, '2026-03-02T09:00:00.000Z');
    const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
    await expect(store.saveCheck(head, next, { change, alias: NEW_URL })).rejects.toThrow(StaleHeadError);
    expect(await store.getArticle(NEW_URL)).toBeNull();
  });
});

describe('pauses and unwatches', () => {
  it('a check that read the head before a pause cannot save over it', async () => {
    const { store } = await setUp();
    const head = await watched(store, OLD_URL);
    const paused: ArticleHead = { ...head, pausedAt: '2026-03-02T10:00:00.000Z' };
    await store.saveCheck(head, paused);
    const checkedMeanwhile: ArticleHead = { ...head, lastCheckedAt: '2026-03-02T10:00:01.000Z' };
    await expect(store.saveCheck(head, checkedMeanwhile)).rejects.toThrow(StaleHeadError);
    expect(await store.getArticle(OLD_URL)).toEqual(paused);
  });

  it('a paused or unwatched article leaves the due index and comes back when resumed', async () => {
    const { store } = await setUp();
    const head = await watched(store, OLD_URL);
    const later = '2030-01-01T00:00:00.000Z';
    expect(await store.dueArticles(later, 10)).toHaveLength(1);
    const paused: ArticleHead = { ...head, pausedAt: '2026-03-02T10:00:00.000Z' };
    await store.saveCheck(head, paused);
    expect(await store.dueArticles(later, 10)).toHaveLength(0);
    const resumed: ArticleHead = { ...paused, pausedAt: null };
    await store.saveCheck(paused, resumed);
    expect(await store.dueArticles(later, 10)).toHaveLength(1);
    const unwatched: ArticleHead = { ...resumed, unwatchedAt: '2026-03-02T11:00:00.000Z' };
    await store.saveCheck(resumed, unwatched);
    expect(await store.dueArticles(later, 10)).toHaveLength(0);
    expect(await store.getArticle(OLD_URL)).toEqual(unwatched);
  });
});

describe('listArticles', () => {
  it('pages through every article exactly once, with a cursor', async () => {
    const { store } = await setUp();
    const urls = Array.from({ length: 23 }, (_, i) => `https://news.example.com/story-${String(i).padStart(2, '0')}`);
    for (const url of urls) await store.createArticle(articleHead(url));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await store.listArticles({ limit: 5, ...(after ? { after } : {}) });
      expect(page.articles.length).toBeLessThanOrEqual(5);
      seen.push(...page.articles.map((a) => a.url));
      after = page.next ?? undefined;
      pages++;
    } while (after !== undefined && pages < 20);
    expect(seen.sort()).toEqual(urls);
  });

  it('filters, and stops a page at the examination bound with a cursor to go on', async () => {
    const { store } = await setUp();
    for (let i = 0; i < 6; i++) await store.createArticle(articleHead(`https://news.example.com/a-${i}`, { flapping: i % 3 === 0 }));
    const page = await store.listArticles({ limit: 10, where: (head) => head.flapping });
    expect(page.articles.map((a) => a.url).sort()).toEqual(['https://news.example.com/a-0', 'https://news.example.com/a-3']);
    expect(page.next).toBeNull();
    expect(MAX_LISTED_EXAMINED).toBeGreaterThanOrEqual(100);
  });

  it.each(['not a cursor!', 'bm9wZQ', Buffer.from('[9,null]').toString('base64url'), Buffer.from('[0,5]').toString('base64url'), 'x'.repeat(4000)])(
    'refuses the cursor %j with a clear error',
    async (cursor) => {
      const { store } = await setUp();
      await expect(store.listArticles({ limit: 5, after: cursor })).rejects.toThrow(InvalidInputError);
      await expect(store.listArticles({ limit: 5, after: cursor })).rejects.toThrow(/not a listing cursor/);
    },
  );
});

describe('deleteArticle', () => {
  async function itemsOf(client: Awaited<ReturnType<typeof setUp>>['client'], tableName: string, url: string) {
    const { Items } = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': articlePk(url) } }));
    return Items ?? [];
  }

  it('removes the head, every version and change, and the aliases, and leaves other articles alone', async () => {
    const { client, tableName, store } = await setUp();
    let head = await watched(store, OLD_URL);
    head = await saveEdit(store, head, '2026-03-02T09:00:00.000Z');
    const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
    await store.saveCheck(head, { ...next }, { change: { ...change, from: 1, to: 1 }, alias: NEW_URL });
    const other = await watched(store, 'https://other.example.org/piece');
    await saveEdit(store, other, '2026-03-02T09:30:00.000Z');

    expect(await store.deleteArticle(OLD_URL)).toBe(true);
    expect(await itemsOf(client, tableName, OLD_URL)).toEqual([]);
    expect(await itemsOf(client, tableName, NEW_URL)).toEqual([]);
    expect(await store.getArticle(NEW_URL)).toBeNull();
    expect((await store.recentChanges({ limit: 10 })).map((c) => c.url)).toEqual(['https://other.example.org/piece']);
    expect((await store.listArticles({ limit: 10 })).articles.map((a) => a.url)).toEqual(['https://other.example.org/piece']);
    // The address is free again: watching it starts afresh.
    await store.createArticle(articleHead(NEW_URL));
    expect(await store.deleteArticle(OLD_URL)).toBe(false);
  });

  it('finishes a deletion cut short, and will not delete through an alias', async () => {
    const { client, tableName, store } = await setUp();
    const head = await watched(store, OLD_URL);
    const { next, version, change } = edited(head, '2026-03-02T09:00:00.000Z');
    await store.saveCheck(head, next, { version, change });
    const movedHead = moved(next, NEW_URL, '2026-03-02T10:00:00.000Z');
    await store.saveCheck(next, movedHead.next, { change: { ...movedHead.change, from: 1, to: 1 }, alias: NEW_URL });
    expect(await store.deleteArticle(NEW_URL)).toBe(false);
    expect(await store.getArticle(NEW_URL)).not.toBeNull();
    // As if a first run had stopped after deleting the change items.
    for (const item of await itemsOf(client, tableName, OLD_URL)) {
      if (String(item.sk).startsWith('C#')) await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
    expect(await store.deleteArticle(OLD_URL)).toBe(true);
    expect(await store.deleteArticle(OLD_URL)).toBe(false);
    expect(await itemsOf(client, tableName, OLD_URL)).toEqual([]);
  });
});
