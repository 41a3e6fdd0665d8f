// What every ArticleStore does with suppressed variants (A/B headline tests): each is an item
// of its own, counted once per check that saw it, written with the head or not at all, listed
// per article and across articles for the feeds, and deleted with its article.
import { describe, expect, it } from 'vitest';
import type { ArticleHead, VariantSighting } from '../../lambdas/domain/types';
import { InconsistentWriteError, StaleHeadError } from '../../lambdas/errors';
import type { ArticleStore, Clock } from '../../lambdas/ports';
import { saveEdit, watched } from './dynamo-store/fixtures';

const CLOCK: Clock = { now: () => new Date('2026-03-15T12:00:00.000Z') };
const URL_A = 'https://news.example.com/2026/03/budget?id=7';
const URL_B = 'https://other.example.org/2026/03/summit';
const HASH_B = 'b'.repeat(64);
const HASH_C = 'c'.repeat(64);

function sighting(head: ArticleHead, hash: string, seenAt: string, overrides: Partial<VariantSighting> = {}): VariantSighting {
  return {
    url: head.url,
    source: head.source,
    hash,
    title: 'Council Rejects Budget',
    currentTitle: head.latestTitle ?? '',
    excerpt: 'the budget of 10 million was rejected',
    seenAt,
    ...overrides,
  };
}

/** The head a variant-suppressed check leaves: checked, flapping, nothing else recorded. */
function suppressed(previous: ArticleHead, at: string): ArticleHead {
  return { ...previous, lastCheckedAt: at, flapping: true, nextCheckAt: '2026-03-20T00:00:00.000Z' };
}

export function variantContract(makeStore: (clock: Clock) => Promise<ArticleStore>): void {
  const fresh = () => makeStore(CLOCK);

  describe('variants (A/B headline tests)', () => {
    it('keeps a variant on its first sighting and counts each later one, first seen and latest words kept', async () => {
      const store = await fresh();
      let head = await watched(store, URL_A);
      const times = ['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z'];
      for (const [index, at] of times.entries()) {
        const next = suppressed(head, at);
        const excerpt = index === 2 ? 'the budget was rejected again' : 'the budget of 10 million was rejected';
        await store.saveCheck(head, next, { variants: [sighting(head, HASH_B, at, { excerpt })] });
        head = next;
      }
      expect(await store.getArticle(URL_A)).toEqual(head);
      expect(await store.listVariants(URL_A)).toEqual([
        {
          url: URL_A,
          source: head.source,
          hash: HASH_B,
          title: 'Council Rejects Budget',
          currentTitle: 'Council approves budget (v0)',
          excerpt: 'the budget was rejected again',
          firstSeenAt: times[0],
          lastSeenAt: times[2],
          seenCount: 3,
        },
      ]);
      // Still worth no version and no change.
      expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
      expect(await store.recentChanges({ url: URL_A, includeBoring: true })).toEqual([]);
      expect(await store.recentChanges({ includeBoring: true })).toEqual([]);
    });

    it('writes several variants of one check, and lists them first seen first', async () => {
      const store = await fresh();
      const head = await watched(store, URL_A);
      const first = suppressed(head, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, first, { variants: [sighting(head, HASH_C, '2026-03-02T10:00:00.000Z', { title: 'Third headline' })] });
      const second = suppressed(first, '2026-03-02T11:00:00.000Z');
      await store.saveCheck(first, second, {
        variants: [sighting(first, HASH_B, '2026-03-02T11:00:00.000Z'), sighting(first, HASH_C, '2026-03-02T11:00:00.000Z', { title: 'Third headline' })],
      });
      const variants = await store.listVariants(URL_A);
      expect(variants.map((v) => [v.hash, v.seenCount, v.firstSeenAt])).toEqual([
        [HASH_C, 2, '2026-03-02T10:00:00.000Z'],
        [HASH_B, 1, '2026-03-02T11:00:00.000Z'],
      ]);
    });

    it('counts nothing for a stale save', async () => {
      const store = await fresh();
      const head = await watched(store, URL_A);
      const first = suppressed(head, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, first, { variants: [sighting(head, HASH_B, '2026-03-02T10:00:00.000Z')] });
      // Another check recorded an edit meanwhile: this one read the head before both.
      const edit = await saveEdit(store, first, '2026-03-02T10:30:00.000Z');
      await expect(
        store.saveCheck(head, suppressed(head, '2026-03-02T11:00:00.000Z'), {
          variants: [sighting(head, HASH_B, '2026-03-02T11:00:00.000Z'), sighting(head, HASH_C, '2026-03-02T11:00:00.000Z')],
        }),
      ).rejects.toBeInstanceOf(StaleHeadError);
      expect((await store.listVariants(URL_A)).map((v) => [v.hash, v.seenCount, v.lastSeenAt])).toEqual([[HASH_B, 1, '2026-03-02T10:00:00.000Z']]);
      expect(await store.getArticle(URL_A)).toEqual(edit);
    });

    const bad: Array<[string, (head: ArticleHead) => VariantSighting[]]> = [
      ['a variant of another article', (head) => [sighting(head, HASH_B, '2026-03-02T10:00:00.000Z', { url: URL_B })]],
      ['the same variant twice', (head) => [sighting(head, HASH_B, '2026-03-02T10:00:00.000Z'), sighting(head, HASH_B, '2026-03-02T10:00:00.000Z')]],
      ['a variant without a content hash', (head) => [sighting(head, 'not a hash', '2026-03-02T10:00:00.000Z')]],
      ['a variant seen at no date', (head) => [sighting(head, HASH_B, 'yesterday')]],
      ['an excerpt over 300 characters', (head) => [sighting(head, HASH_B, '2026-03-02T10:00:00.000Z', { excerpt: 'x'.repeat(301) })]],
    ];
    for (const [what, build] of bad) {
      it(`refuses ${what}, writing nothing`, async () => {
        const store = await fresh();
        const head = await watched(store, URL_A);
        await expect(store.saveCheck(head, suppressed(head, '2026-03-02T10:00:00.000Z'), { variants: build(head) })).rejects.toBeInstanceOf(
          InconsistentWriteError,
        );
        expect(await store.getArticle(URL_A)).toEqual(head);
        expect(await store.listVariants(URL_A)).toEqual([]);
      });
    }

    it('lists variants across articles by their first sighting, newest first, by source, before a time and up to a limit', async () => {
      const store = await fresh();
      const a = await watched(store, URL_A);
      const b = await watched(store, URL_B);
      const a1 = suppressed(a, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(a, a1, { variants: [sighting(a, HASH_B, '2026-03-02T10:00:00.000Z')] });
      const b1 = suppressed(b, '2026-03-05T10:00:00.000Z');
      await store.saveCheck(b, b1, { variants: [sighting(b, HASH_C, '2026-03-05T10:00:00.000Z')] });
      // A later sighting of the older variant does not move it up: the feeds list a headline test once, when it was first seen.
      await store.saveCheck(a1, suppressed(a1, '2026-03-06T10:00:00.000Z'), { variants: [sighting(a1, HASH_B, '2026-03-06T10:00:00.000Z')] });
      // Last month's variant too: the listing walks back month by month.
      const c = await watched(store, 'https://news.example.com/2026/02/old');
      await store.saveCheck(c, suppressed(c, '2026-02-20T10:00:00.000Z'), { variants: [sighting(c, HASH_B, '2026-02-20T10:00:00.000Z')] });

      const all = await store.recentVariants({ limit: 10 });
      expect(all.map((v) => [v.url, v.firstSeenAt, v.seenCount])).toEqual([
        [URL_B, '2026-03-05T10:00:00.000Z', 1],
        [URL_A, '2026-03-02T10:00:00.000Z', 2],
        ['https://news.example.com/2026/02/old', '2026-02-20T10:00:00.000Z', 1],
      ]);
      expect((await store.recentVariants({ limit: 1 })).map((v) => v.url)).toEqual([URL_B]);
      expect((await store.recentVariants({ limit: 10, before: '2026-03-05T00:00:00.000Z' })).map((v) => v.url)).toEqual([
        URL_A,
        'https://news.example.com/2026/02/old',
      ]);
      expect((await store.recentVariants({ limit: 10, source: b.source })).map((v) => v.url)).toEqual([URL_B]);
      expect(await store.recentVariants({ limit: 0 })).toEqual([]);
      // They are no changes.
      expect(await store.recentChanges({ includeBoring: true })).toEqual([]);
      expect(await store.recentChanges({ source: a.source, includeBoring: true })).toEqual([]);
    });

    it('deletes an article’s variants with it', async () => {
      const store = await fresh();
      const head = await watched(store, URL_A);
      await store.saveCheck(head, suppressed(head, '2026-03-02T10:00:00.000Z'), { variants: [sighting(head, HASH_B, '2026-03-02T10:00:00.000Z')] });
      expect(await store.deleteArticle(URL_A)).toBe(true);
      expect(await store.listVariants(URL_A)).toEqual([]);
      expect(await store.recentVariants({ limit: 10 })).toEqual([]);
      // Watched again, it starts with no variants.
      await watched(store, URL_A);
      expect(await store.listVariants(URL_A)).toEqual([]);
    });
  });
}
