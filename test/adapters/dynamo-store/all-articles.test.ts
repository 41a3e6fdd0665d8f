import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { freshTable } from '../../support/dynamo';
import { articleHead, watched } from './fixtures';

describe('allArticles', () => {
  it('yields every article exactly once, retired ones included', async () => {
    const { client, tableName } = await freshTable();
    const store = new DynamoStore(client, tableName);
    const created: ArticleHead[] = [];
    for (let i = 0; i < 30; i++) {
      const url = `https://site${i % 3}.example.org/news/${i}`;
      if (i % 5 === 0) {
        const head = articleHead(url, { status: 'retired', nextCheckAt: null });
        await store.createArticle(head);
        created.push(head);
      } else {
        created.push(await watched(store, url));
      }
    }
    const seen: ArticleHead[] = [];
    for await (const head of store.allArticles()) seen.push(head);

    const byUrl = (a: ArticleHead, b: ArticleHead) => a.url.localeCompare(b.url);
    expect(seen.sort(byUrl)).toEqual(created.sort(byUrl));
  });

  it('reads past the first page of a shard', async () => {
    const { client, tableName } = await freshTable();
    const store = new DynamoStore(client, tableName);
    // Over 100 per shard on average, so every shard's key listing takes more than one page.
    const urls = Array.from({ length: 520 }, (_, i) => `https://bulk.example.org/item/${i}`);
    for (let i = 0; i < urls.length; i += 40) {
      await Promise.all(urls.slice(i, i + 40).map((url) => store.createArticle(articleHead(url))));
    }
    const seen: string[] = [];
    for await (const head of store.allArticles()) seen.push(head.url);
    expect(seen).toHaveLength(urls.length);
    expect(new Set(seen)).toEqual(new Set(urls));
  });

  it('yields nothing from an empty table', async () => {
    const { client, tableName } = await freshTable();
    const seen: ArticleHead[] = [];
    for await (const head of new DynamoStore(client, tableName).allArticles()) seen.push(head);
    expect(seen).toEqual([]);
  });
});
