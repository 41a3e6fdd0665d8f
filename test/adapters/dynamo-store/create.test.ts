import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { ArticleExistsError, InconsistentWriteError } from '../../../lambdas/errors';
import { freshTable } from '../../support/dynamo';
import { articleHead, versionRecord, watched } from './fixtures';

const URL_A = 'https://news.example.com/2026/03/budget';

async function setUp() {
  const { client, tableName } = await freshTable();
  return new DynamoStore(client, tableName);
}

describe('createArticle', () => {
  it('refuses a URL that is already watched and leaves the original untouched', async () => {
    const store = await setUp();
    const original = await watched(store, URL_A);
    const intruder = versionRecord(URL_A, 0, { text: 'Someone else’s text.', hash: 'other' });
    await expect(store.createArticle(articleHead(URL_A, { source: 'elsewhere', versionCount: 1, currentVersion: 0 }), intruder)).rejects.toBeInstanceOf(
      ArticleExistsError,
    );
    await expect(store.createArticle(articleHead(URL_A, { source: 'elsewhere' }))).rejects.toBeInstanceOf(ArticleExistsError);

    expect(await store.getArticle(URL_A)).toEqual(original);
    expect(await store.getVersion(URL_A, 0)).toEqual(versionRecord(URL_A, 0));
  });

  it('lets only one of two simultaneous watches of a URL create it', async () => {
    const store = await setUp();
    const results = await Promise.allSettled([
      store.createArticle(articleHead(URL_A, { source: 'first' }), undefined),
      store.createArticle(articleHead(URL_A, { source: 'second' }), undefined),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ArticleExistsError);
  });

  const inconsistent: Array<[string, () => Parameters<DynamoStore['createArticle']>]> = [
    ['a first version not numbered 0', () => [articleHead(URL_A, { versionCount: 1 }), versionRecord(URL_A, 1)]],
    ['a version for another URL', () => [articleHead(URL_A, { versionCount: 1 }), versionRecord('https://news.example.com/other', 0)]],
    ['a head that does not count its version', () => [articleHead(URL_A, { versionCount: 0 }), versionRecord(URL_A, 0)]],
    ['a head that counts a version it lacks', () => [articleHead(URL_A, { versionCount: 1 })]],
  ];
  for (const [what, build] of inconsistent) {
    it(`refuses ${what}, writing nothing`, async () => {
      const store = await setUp();
      await expect(store.createArticle(...build())).rejects.toBeInstanceOf(InconsistentWriteError);
      expect(await store.getArticle(URL_A)).toBeNull();
      expect(await store.listVersions(URL_A)).toEqual([]);
    });
  }
});
