// What every ArticleStore does, as one suite: each store's test file runs it with a
// factory for a fresh, empty store. What only one backend can show (the items
// DynamoDB is sent, damaged items, paging of its queries) stays in that backend's tests.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changeCursor } from '../../lambdas/domain/change-cursor';
import type { ArticleHead, ChangeKind, ChangeRecord } from '../../lambdas/domain/types';
import { ArticleExistsError, InconsistentWriteError, InvalidInputError, StaleHeadError, VersionTooLargeError } from '../../lambdas/errors';
import type { ArticleStore, Clock } from '../../lambdas/ports';
import { articleKey } from '../../lambdas/domain/url';
import { variantContract } from './variant-contract';
import { articleHead, changeRecord, edited, saveEdit, versionRecord, watched } from './dynamo-store/fixtures';

/** A fresh, empty store whose overall change feed looks back from `clock`. */
export type StoreFactory = (clock: Clock) => Promise<ArticleStore>;

const CLOCK: Clock = { now: () => new Date('2026-03-15T12:00:00.000Z') };
const URL_A = 'https://news.example.com/2026/03/budget?id=7';

function unchangedCheck(previous: ArticleHead, at: string): ArticleHead {
  return { ...previous, lastCheckedAt: at, nextCheckAt: '2026-03-02T10:15:00.000Z', etag: `"${at}"` };
}

async function heads(store: ArticleStore): Promise<ArticleHead[]> {
  const seen: ArticleHead[] = [];
  for await (const head of store.allArticles()) seen.push(head);
  return seen;
}

async function expectOnlyVersionZero(store: ArticleStore, head: ArticleHead): Promise<void> {
  expect(await store.getArticle(head.url)).toEqual(head);
  expect((await store.listVersions(head.url)).map((v) => v.version)).toEqual([0]);
  expect(await store.recentChanges({ url: head.url, includeBoring: true })).toEqual([]);
}

export function articleStoreContract(makeStore: StoreFactory): void {
  const fresh = () => makeStore(CLOCK);

  describe('createArticle', () => {
    it('stores a head without a version, and one with version 0', async () => {
      const store = await fresh();
      const bare = articleHead('https://news.example.com/bare');
      await store.createArticle(bare);
      expect(await store.getArticle(bare.url)).toStrictEqual(bare);
      expect(await store.listVersions(bare.url)).toEqual([]);

      const head = await watched(store, URL_A);
      expect(await store.getArticle(URL_A)).toStrictEqual(head);
      expect(await store.getVersion(URL_A, 0)).toStrictEqual(versionRecord(URL_A, 0));
    });

    it('refuses a URL that is already watched and leaves the original untouched', async () => {
      const store = await fresh();
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
      const store = await fresh();
      const results = await Promise.allSettled([
        store.createArticle(articleHead(URL_A, { source: 'first' }), undefined),
        store.createArticle(articleHead(URL_A, { source: 'second' }), undefined),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected');
      expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ArticleExistsError);
      const winner = results[0]?.status === 'fulfilled' ? 'first' : 'second';
      expect((await store.getArticle(URL_A))?.source).toBe(winner);
    });

    const inconsistent: Array<[string, () => Parameters<ArticleStore['createArticle']>]> = [
      ['a first version not numbered 0', () => [articleHead(URL_A, { versionCount: 1 }), versionRecord(URL_A, 1)]],
      ['a version for another URL', () => [articleHead(URL_A, { versionCount: 1 }), versionRecord('https://news.example.com/other', 0)]],
      ['a head that does not count its version', () => [articleHead(URL_A, { versionCount: 0 }), versionRecord(URL_A, 0)]],
      ['a head that counts a version it lacks', () => [articleHead(URL_A, { versionCount: 1 })]],
      ['a changeCount that is not a whole number', () => [articleHead(URL_A, { changeCount: 1.5 })]],
    ];
    for (const [what, build] of inconsistent) {
      it(`refuses ${what}, writing nothing`, async () => {
        const store = await fresh();
        await expect(store.createArticle(...build())).rejects.toBeInstanceOf(InconsistentWriteError);
        expect(await store.getArticle(URL_A)).toBeNull();
        expect(await store.listVersions(URL_A)).toEqual([]);
      });
    }

    it('refuses a version too large to store even compressed, with its own error, and writes nothing', async () => {
      const store = await fresh();
      const noise = randomBytes(450 * 1024).toString('base64');
      await expect(
        store.createArticle(articleHead(URL_A, { versionCount: 1, currentVersion: 0 }), versionRecord(URL_A, 0, { text: noise })),
      ).rejects.toBeInstanceOf(VersionTooLargeError);
      expect(await store.getArticle(URL_A)).toBeNull();
      expect(await heads(store)).toEqual([]);
    });
  });

  describe('saveCheck', () => {
    async function watchedStore() {
      const store = await fresh();
      return { store, head: await watched(store, URL_A) };
    }

    it('replaces the head on an unchanged check and leaves the versions alone', async () => {
      const { store, head } = await watchedStore();
      const next = unchangedCheck(head, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, next);
      expect(await store.getArticle(URL_A)).toStrictEqual(next);
      expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
      expect(await store.recentChanges({ url: URL_A, includeBoring: true })).toEqual([]);
    });

    it('writes the new version, its change and the head together', async () => {
      const { store, head } = await watchedStore();
      const { next, version, change } = edited(head, '2026-03-02T11:00:00.000Z');
      await store.saveCheck(head, next, { version, change });

      expect(await store.getArticle(URL_A)).toEqual(next);
      expect(await store.getVersion(URL_A, 1)).toEqual(version);
      expect(await store.recentChanges({ url: URL_A })).toEqual([change]);
    });

    it('records a status change that brings no new version', async () => {
      const { store, head } = await watchedStore();
      const at = '2026-03-02T11:30:00.000Z';
      const next: ArticleHead = { ...head, status: 'removed', lastCheckedAt: at, changeCount: head.changeCount + 1 };
      const change = changeRecord(URL_A, 0, 0, { detectedAt: at, kinds: ['removed'], summary: 'the article was taken down' });
      await store.saveCheck(head, next, { change });

      expect(await store.getArticle(URL_A)).toEqual(next);
      expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
      expect(await store.recentChanges({ url: URL_A })).toEqual([change]);
    });

    it('records a version with no change to report (the first check after a watch)', async () => {
      const { store, head } = await watchedStore();
      const { next, version } = edited(head, '2026-03-02T10:00:00.000Z');
      const quiet = { ...next, changeCount: head.changeCount };
      await store.saveCheck(head, quiet, { version });
      expect(await store.getArticle(URL_A)).toEqual(quiet);
      expect(await store.getVersion(URL_A, 1)).toEqual(version);
      expect(await store.recentChanges({ url: URL_A, includeBoring: true })).toEqual([]);
    });

    it('lets exactly one of two concurrent checks from the same head win, every time', async () => {
      const { store, head } = await watchedStore();
      let current = head;
      for (let round = 0; round < 5; round++) {
        const first = edited(current, `2026-03-02T12:0${round}:00.000Z`, { summary: `first ${round}` });
        const second = edited(current, `2026-03-02T12:0${round}:30.000Z`, { summary: `second ${round}` });
        second.version.text = `A different edit, round ${round}.`;
        const results = await Promise.allSettled([
          store.saveCheck(current, first.next, { version: first.version, change: first.change }),
          store.saveCheck(current, second.next, { version: second.version, change: second.change }),
        ]);
        const won = results.map((r) => r.status === 'fulfilled');
        expect(won.filter(Boolean)).toHaveLength(1);
        const loser = results.find((r) => r.status === 'rejected');
        expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(StaleHeadError);

        const winner = won[0] ? first : second;
        expect(await store.getArticle(URL_A)).toEqual(winner.next);
        expect(await store.getVersion(URL_A, current.versionCount)).toEqual(winner.version);
        current = winner.next;
      }
      expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0, 1, 2, 3, 4, 5]);
      const changes = await store.recentChanges({ url: URL_A });
      expect(changes.map((c) => c.to)).toEqual([5, 4, 3, 2, 1]);
    });

    it('never loses an edit to an unchanged check racing it from the same head', async () => {
      for (let round = 0; round < 3; round++) {
        const { store, head } = await watchedStore();
        const edit = edited(head, '2026-03-02T13:00:00.000Z');
        const results = await Promise.allSettled([
          store.saveCheck(head, unchangedCheck(head, '2026-03-02T13:00:01.000Z')),
          store.saveCheck(head, edit.next, { version: edit.version, change: edit.change }),
        ]);
        // The unchanged check may land first (then the edit replaces it) or be refused as stale; the edit always stands.
        expect(results[1]?.status).toBe('fulfilled');
        if (results[0]?.status === 'rejected') expect(results[0].reason).toBeInstanceOf(StaleHeadError);
        expect(await store.getArticle(URL_A)).toEqual(edit.next);
        expect(await store.getVersion(URL_A, 1)).toEqual(edit.version);
      }
    });

    it('refuses a save from a head that has since moved on, writing nothing', async () => {
      const { store, head } = await watchedStore();
      const afterEdit = await saveEdit(store, head, '2026-03-02T14:00:00.000Z');
      const late = edited(head, '2026-03-02T14:05:00.000Z', { summary: 'late duplicate' });
      await expect(store.saveCheck(head, late.next, { version: late.version, change: late.change })).rejects.toBeInstanceOf(StaleHeadError);
      await expect(store.saveCheck(head, unchangedCheck(head, '2026-03-02T14:06:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);

      expect(await store.getArticle(URL_A)).toEqual(afterEdit);
      expect((await store.getVersion(URL_A, 1))?.capturedAt).toBe('2026-03-02T14:00:00.000Z');
      expect((await store.recentChanges({ url: URL_A })).map((c) => c.summary)).toEqual(['a number changed: 10 million → 11 million']);
    });

    it('refuses a save whose head agrees on one count but not the other', async () => {
      const { store, head } = await watchedStore();
      const moved = await saveEdit(store, head, '2026-03-02T14:00:00.000Z');
      // Same versionCount as stored, an old changeCount: still stale.
      const halfStale = { ...moved, changeCount: head.changeCount };
      await expect(store.saveCheck(halfStale, unchangedCheck(halfStale, '2026-03-02T14:10:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);
      expect(await store.getArticle(URL_A)).toEqual(moved);
    });

    it('keeps a check that changes only what it learnt about the article (variants), with the same counts', async () => {
      const { store, head } = await watchedStore();
      const flapping = { ...unchangedCheck(head, '2026-03-02T14:00:00.000Z'), variantHashes: ['h1', 'h2'], flapping: true };
      await store.saveCheck(head, flapping);
      expect(await store.getArticle(URL_A)).toStrictEqual(flapping);
      // A check that read the head before that save has the same counts but not what it learnt: stale.
      await expect(store.saveCheck(head, unchangedCheck(head, '2026-03-02T14:05:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);
      expect(await store.getArticle(URL_A)).toStrictEqual(flapping);
    });

    it('refuses a save for an article that is not stored', async () => {
      const { store, head } = await watchedStore();
      const other = { ...head, url: 'https://news.example.com/never-watched' };
      await expect(store.saveCheck(other, unchangedCheck(other, '2026-03-02T15:00:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);
      expect(await store.getArticle(other.url)).toBeNull();
    });

    it('refuses a new version too large to store, writing nothing', async () => {
      const { store, head } = await watchedStore();
      const { next, version, change } = edited(head, '2026-03-02T16:00:00.000Z');
      const huge = { ...version, text: randomBytes(450 * 1024).toString('base64') };
      await expect(store.saveCheck(head, next, { version: huge, change })).rejects.toBeInstanceOf(VersionTooLargeError);
      await expectOnlyVersionZero(store, head);
    });

    it('keeps what was saved, whatever the caller does with its objects afterwards', async () => {
      const { store, head } = await watchedStore();
      const { next, version, change } = edited(head, '2026-03-02T17:00:00.000Z');
      const saved = structuredClone({ next, version, change });
      await store.saveCheck(head, next, { version, change });
      next.knownHashes.push({ hash: 'tampered', version: 9 });
      change.kinds.push('title');
      change.excerpts[0] = { before: 'tampered', after: 'tampered' };
      expect(await store.getArticle(URL_A)).toEqual(saved.next);
      expect(await store.recentChanges({ url: URL_A })).toEqual([saved.change]);

      const read = await store.getArticle(URL_A);
      read?.variantHashes.push('tampered');
      expect(await store.getArticle(URL_A)).toEqual(saved.next);
    });
  });

  describe('saveCheck refuses records that disagree, writing nothing', () => {
    const cases: Array<[string, (previous: ArticleHead) => Parameters<ArticleStore['saveCheck']>]> = [
      [
        'a version without advancing versionCount',
        (previous) => {
          const { next, version } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, { ...next, versionCount: previous.versionCount, changeCount: previous.changeCount }, { version }];
        },
      ],
      [
        'a version numbered out of sequence',
        (previous) => {
          const { next, version, change } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, next, { version: { ...version, version: 7 }, change }];
        },
      ],
      [
        'a version for another article',
        (previous) => {
          const { next, version, change } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, next, { version: { ...version, url: 'https://news.example.com/other' }, change }];
        },
      ],
      [
        'an advanced versionCount with no version',
        (previous) => {
          const { next } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, { ...next, changeCount: previous.changeCount }];
        },
      ],
      [
        'a change without advancing changeCount',
        (previous) => {
          const { next, version, change } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, { ...next, changeCount: previous.changeCount }, { version, change }];
        },
      ],
      [
        'a change for another article',
        (previous) => {
          const { next, version, change } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, next, { version, change: { ...change, url: 'https://news.example.com/other' } }];
        },
      ],
      [
        'a change with no valid date',
        (previous) => {
          const { next, version, change } = edited(previous, '2026-03-03T09:00:00.000Z');
          return [previous, next, { version, change: { ...change, detectedAt: 'yesterday' } }];
        },
      ],
      ['a new head under another URL', (previous) => [previous, { ...previous, url: 'https://news.example.com/other' }]],
    ];

    for (const [what, build] of cases) {
      it(`refuses ${what}`, async () => {
        const store = await fresh();
        const head = await watched(store, URL_A);
        await expect(store.saveCheck(...build(head))).rejects.toBeInstanceOf(InconsistentWriteError);
        await expectOnlyVersionZero(store, head);
        expect(await store.getArticle('https://news.example.com/other')).toBeNull();
      });
    }
  });

  describe('records read back exactly as written', () => {
    it('returns the head with every field, and no storage attributes', async () => {
      const store = await fresh();
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
      expect(await heads(store)).toStrictEqual([head]);
    });

    it('returns versions and changes field for field, with an optional newUrl only when it was set', async () => {
      const store = await fresh();
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
      expect(await store.recentChanges({ source: change.source })).toStrictEqual([change]);
      expect(await store.recentChanges({})).toStrictEqual([change]);

      const plain = await saveEdit(store, next, '2026-03-02T11:00:00.000Z');
      const [latest] = await store.recentChanges({ url: URL_A, limit: 1 });
      expect(latest?.to).toBe(plain.currentVersion);
      expect(latest && 'newUrl' in latest).toBe(false);
    });

    it("keeps a version's dated update line, and adds none to a version without one", async () => {
      const store = await fresh();
      const head = await watched(store, URL_A);
      const { next, version, change } = edited(head, '2026-03-02T10:00:00.000Z');
      const stamped = { ...version, updateLine: 'Updated March 2, 2026 at 10:00 a.m. ET' };
      await store.saveCheck(head, next, { version: stamped, change });
      expect(await store.getVersion(URL_A, 1)).toStrictEqual(stamped);
      expect(await store.getVersion(URL_A, 0)).not.toHaveProperty('updateLine');
    });

    it('lists versions oldest first with their length instead of their text', async () => {
      const store = await fresh();
      let head = await watched(store, URL_A);
      const summaries = [versionRecord(URL_A, 0)];
      for (let i = 0; i < 11; i++) {
        const { next, version, change } = edited(head, `2026-03-02T10:${String(i).padStart(2, '0')}:00.000Z`);
        await store.saveCheck(head, next, { version, change });
        summaries.push(version);
        head = next;
      }
      // Eleven edits, so version 10 must not sort before version 2.
      expect(await store.listVersions(URL_A)).toStrictEqual(summaries.map(({ text, ...summary }) => ({ ...summary, chars: text.length })));
    });

    it('answers null or empty for what is not stored', async () => {
      const store = await fresh();
      await watched(store, URL_A);
      expect(await store.getArticle('https://news.example.com/unknown')).toBeNull();
      expect(await store.getVersion(URL_A, 1)).toBeNull();
      expect(await store.getVersion(URL_A, -1)).toBeNull();
      expect(await store.getVersion(URL_A, 0.5)).toBeNull();
      expect(await store.getVersion('https://news.example.com/unknown', 0)).toBeNull();
      expect(await store.listVersions('https://news.example.com/unknown')).toEqual([]);
      expect(await store.recentChanges({ url: 'https://news.example.com/unknown', includeBoring: true })).toEqual([]);
    });

    it('returns a 300 KB text unchanged', async () => {
      const store = await fresh();
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
    });
  });

  changeListingContract(makeStore);
  allArticlesContract(fresh);
  variantContract(makeStore);
}

const A = 'https://news.example.com/a';
const B = 'https://news.example.com/b';
const C = 'https://other.example.net/c';

interface Edit {
  url: string;
  at: string;
  label: string;
  kinds?: ChangeKind[];
  boring?: boolean;
  stealth?: boolean;
}

// Per article in the order they happened; the labels name each change in the assertions.
const EDITS: Edit[] = [
  { url: A, at: '2026-01-05T10:00:00.000Z', label: 'A boring', kinds: ['paragraph-edited'], boring: true, stealth: false },
  { url: A, at: '2026-02-14T00:00:00.000Z', label: 'A valentine' },
  { url: A, at: '2026-03-10T09:00:00.000Z', label: 'A march', kinds: ['number', 'quote'] },
  { url: B, at: '2025-12-31T23:59:59.000Z', label: 'B new year', kinds: ['quote'] },
  { url: B, at: '2026-03-12T08:00:00.000Z', label: 'B correction', kinds: ['correction', 'paragraph-edited'], stealth: false },
  { url: C, at: '2022-12-01T00:00:00.000Z', label: 'C ancient' },
  { url: C, at: '2024-05-01T00:00:00.000Z', label: 'C 2024' },
  { url: C, at: '2026-02-14T00:00:00.000Z', label: 'C valentine', kinds: ['title'], stealth: false },
  { url: C, at: '2026-02-20T06:00:00.000Z', label: 'C february', kinds: ['byline'] },
];

const labels = (changes: ChangeRecord[]) => changes.map((c) => c.summary);

function assertNewestFirst(changes: ChangeRecord[]): void {
  const times = changes.map((c) => c.detectedAt);
  expect(times).toEqual([...times].sort().reverse());
}

function changeListingContract(makeStore: StoreFactory): void {
  async function history(): Promise<ArticleStore> {
    const store = await makeStore(CLOCK);
    const latest = new Map<string, ArticleHead>();
    for (const url of [A, B, C]) latest.set(url, await watched(store, url));
    for (const edit of EDITS) {
      const previous = latest.get(edit.url);
      if (!previous) throw new Error(`no fixture head for ${edit.url}`);
      latest.set(
        edit.url,
        await saveEdit(store, previous, edit.at, {
          summary: edit.label,
          kinds: edit.kinds ?? ['number'],
          boring: edit.boring ?? false,
          stealth: edit.stealth ?? true,
        }),
      );
    }
    return store;
  }

  describe('recentChanges', () => {
    it('lists interesting changes across all articles newest first, month after month, for three years back', async () => {
      const store = await history();
      const changes = await store.recentChanges({});
      assertNewestFirst(changes);
      expect(labels(changes).slice(0, 2)).toEqual(['B correction', 'A march']);
      expect(labels(changes).slice(2, 3)).toEqual(['C february']);
      // Two changes detected in the same instant both appear.
      expect(new Set(labels(changes).slice(3, 5))).toEqual(new Set(['A valentine', 'C valentine']));
      expect(labels(changes).slice(5)).toEqual(['B new year', 'C 2024']);
    });

    it.each([
      ['all sources', {}],
      ['one source', { source: 'news.example.com' }],
      ['one article', { url: C }],
      ['boring ones included', { includeBoring: true }],
    ])('pages back one change at a time through %s, ties in one instant included, and matches the full list', async (_, filter) => {
      const store = await history();
      const all = await store.recentChanges({ ...filter, limit: 100 });
      const paged: ChangeRecord[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await store.recentChanges({ ...filter, limit: 1, ...(before ? { before } : {}) });
        const last = page[0];
        if (!last) break;
        paged.push(last);
        before = changeCursor(last);
        expect(paged.length).toBeLessThanOrEqual(EDITS.length);
      }
      expect(labels(paged).slice(0, all.length)).toEqual(labels(all));
    });

    it('pages on past the three years a single listing looks back', async () => {
      const store = await history();
      const all = await store.recentChanges({ limit: 100 });
      expect(labels(all)).not.toContain('C ancient');
      const older = await store.recentChanges({ before: changeCursor(all[all.length - 1]!) });
      expect(labels(older)).toEqual(['C ancient']);
    });

    it('takes a plain time as the cursor: changes detected strictly before it', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({ before: '2026-02-14T00:00:00.000Z' }))).toEqual(['B new year', 'C 2024']);
      expect(labels(await store.recentChanges({ before: '2026-02-14T00:00:00.001Z', limit: 2 }))).toEqual(
        expect.arrayContaining(['A valentine', 'C valentine']),
      );
      expect(labels(await store.recentChanges({ source: 'other.example.net', before: '2026-02-20T06:00:00.000Z' }))).toEqual([
        'C valentine',
        'C 2024',
        'C ancient',
      ]);
      expect(labels(await store.recentChanges({ url: A, before: '2026-03-10T09:00:00.000Z', includeBoring: true }))).toEqual(['A valentine', 'A boring']);
    });

    it('shows boring changes only when asked', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({}))).not.toContain('A boring');
      const all = await store.recentChanges({ includeBoring: true });
      assertNewestFirst(all);
      expect(labels(all)).toContain('A boring');
      expect(all).toHaveLength(8);
    });

    it('lists one source newest first, however old', async () => {
      const store = await history();
      const changes = await store.recentChanges({ source: 'other.example.net' });
      expect(labels(changes)).toEqual(['C february', 'C valentine', 'C 2024', 'C ancient']);
      expect(labels(await store.recentChanges({ source: 'news.example.com', includeBoring: true }))).toEqual([
        'B correction',
        'A march',
        'A valentine',
        'A boring',
        'B new year',
      ]);
      expect(await store.recentChanges({ source: 'unknown.example' })).toEqual([]);
    });

    it('lists one article newest first', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({ url: B }))).toEqual(['B correction', 'B new year']);
      expect(labels(await store.recentChanges({ url: A, includeBoring: true }))).toEqual(['A march', 'A valentine', 'A boring']);
      expect(labels(await store.recentChanges({ url: A, source: 'news.example.com' }))).toEqual(['A march', 'A valentine']);
      expect(await store.recentChanges({ url: A, source: 'other.example.net' })).toEqual([]);
    });

    it('keeps changes of any of the asked kinds', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({ kinds: ['quote', 'correction'] }))).toEqual(['B correction', 'A march', 'B new year']);
      expect(labels(await store.recentChanges({ kinds: ['paragraph-edited'], includeBoring: true }))).toEqual(['B correction', 'A boring']);
      expect(labels(await store.recentChanges({ kinds: ['title'], source: 'other.example.net' }))).toEqual(['C valentine']);
      expect(labels(await store.recentChanges({ kinds: [] }))).toHaveLength(7);
    });

    it('keeps only stealth edits when asked', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({ stealthOnly: true, url: C }))).toEqual(['C february', 'C 2024', 'C ancient']);
      const stealth = await store.recentChanges({ stealthOnly: true });
      expect(stealth.every((c) => c.stealth)).toBe(true);
      expect(labels(stealth)).toEqual(['A march', 'C february', 'A valentine', 'B new year', 'C 2024']);
    });

    it('stops at the limit, keeping the newest', async () => {
      const store = await history();
      expect(labels(await store.recentChanges({ limit: 2 }))).toEqual(['B correction', 'A march']);
      expect(labels(await store.recentChanges({ source: 'other.example.net', limit: 1 }))).toEqual(['C february']);
      expect(labels(await store.recentChanges({ url: A, limit: 1 }))).toEqual(['A march']);
      expect(await store.recentChanges({ limit: 0 })).toEqual([]);
      expect(await store.recentChanges({ limit: -1 })).toEqual([]);
    });

    it('leaves out changes filed after the clock when no cursor is given', async () => {
      const store = await history();
      const head = await store.getArticle(A);
      if (!head) throw new Error('fixture article A');
      await saveEdit(store, head, '2026-05-01T00:00:00.000Z', { summary: 'A from the future' });
      expect(labels(await store.recentChanges({}))).not.toContain('A from the future');
      expect(labels(await store.recentChanges({ url: A, limit: 1 }))).toEqual(['A from the future']);
      expect(labels(await store.recentChanges({ before: '2026-06-01T00:00:00.000Z', limit: 1 }))).toEqual(['A from the future']);
    });
  });

  describe('recentChanges over a long history', () => {
    it('returns 50 by default and pages on until sparse matches are found', async () => {
      const store = await makeStore(CLOCK);
      let head = await watched(store, A);
      // 80 edits in March, 60 of them interesting; only the oldest is a stealth edit.
      for (let i = 0; i < 80; i++) {
        const at = new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 60_000).toISOString();
        head = await saveEdit(store, head, at, { summary: `edit ${i}`, stealth: i === 0, boring: i % 4 === 3 });
      }
      const recent = await store.recentChanges({});
      expect(recent).toHaveLength(50);
      assertNewestFirst(recent);
      expect(recent[0]?.summary).toBe('edit 78');
      expect(recent.some((c) => c.boring)).toBe(false);

      expect(labels(await store.recentChanges({ stealthOnly: true }))).toEqual(['edit 0']);
      expect(labels(await store.recentChanges({ stealthOnly: true, url: A }))).toEqual(['edit 0']);
      expect(await store.recentChanges({ includeBoring: true, limit: 200 })).toHaveLength(80);
    });
  });
}

function allArticlesContract(fresh: () => Promise<ArticleStore>): void {
  describe('allArticles', () => {
    it('yields every article exactly once, retired ones included', async () => {
      const store = await fresh();
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
      const byUrl = (a: ArticleHead, b: ArticleHead) => a.url.localeCompare(b.url);
      expect((await heads(store)).sort(byUrl)).toEqual(created.sort(byUrl));
    });

    it('yields each article as it was last saved', async () => {
      const store = await fresh();
      const head = await watched(store, URL_A);
      const next = await saveEdit(store, head, '2026-03-02T10:00:00.000Z');
      expect(await heads(store)).toEqual([next]);
    });

    it('yields nothing from an empty store', async () => {
      expect(await heads(await fresh())).toEqual([]);
    });
  });

  describe('managing articles', () => {
    const OLD_URL = 'https://news.example.com/2026/03/budget';
    const NEW_URL = 'https://news.example.com/2026/03/budget-approved';

    /** The head and change of a check that saw the article at a new address. */
    function moved(previous: ArticleHead, to: string, at: string) {
      const current = previous.currentVersion ?? 0;
      const next: ArticleHead = { ...previous, lastCheckedAt: at, changeCount: previous.changeCount + 1, currentUrl: to };
      const change = changeRecord(previous.url, current, current, { detectedAt: at, kinds: ['url-changed'], newUrl: to, summary: `Article moved to ${to}` });
      return { next, change };
    }

    it('finds a moved article under its new address, and refuses a second article there', async () => {
      const store = await fresh();
      const head = await watched(store, OLD_URL);
      const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, next, { change, alias: NEW_URL });
      expect(await store.getArticle(NEW_URL)).toEqual(next);
      expect(await store.getArticle(OLD_URL)).toEqual(next);
      await expect(store.createArticle(articleHead(NEW_URL))).rejects.toThrow(ArticleExistsError);
      // The alias is no article of its own: listings hold the one article (the due index: due-index-contract.ts).
      expect((await store.listArticles({ limit: 10 })).articles.map((a) => a.url)).toEqual([OLD_URL]);
      expect((await heads(store)).map((a) => a.url)).toEqual([OLD_URL]);
    });

    it('finds an article by its key, and nothing by the key of an alias or of an unknown URL', async () => {
      const store = await fresh();
      const head = await watched(store, OLD_URL);
      const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, next, { change, alias: NEW_URL });
      expect(await store.getArticleByKey(articleKey(OLD_URL))).toEqual(next);
      expect(await store.getArticleByKey(articleKey(NEW_URL))).toBeNull();
      expect(await store.getArticleByKey(articleKey('https://news.example.com/never-watched'))).toBeNull();
    });

    it('leaves another article watched at the new address alone, and still records the move', async () => {
      const store = await fresh();
      const head = await watched(store, OLD_URL);
      const other = await watched(store, NEW_URL);
      const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, next, { change, alias: NEW_URL });
      expect(await store.getArticle(NEW_URL)).toEqual(other);
      expect(await store.getArticle(OLD_URL)).toEqual(next);
      expect((await store.recentChanges({ url: OLD_URL })).map((c) => c.kinds)).toEqual([['url-changed']]);
    });

    it('writes nothing, alias included, for a stale save', async () => {
      const store = await fresh();
      const head = await watched(store, OLD_URL);
      await saveEdit(store, head, '2026-03-02T09:00:00.000Z');
      const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
      await expect(store.saveCheck(head, next, { change, alias: NEW_URL })).rejects.toThrow(StaleHeadError);
      expect(await store.getArticle(NEW_URL)).toBeNull();
    });

    it('a save from a check that read the head before a pause cannot overwrite it', async () => {
      const store = await fresh();
      const head = await watched(store, OLD_URL);
      const paused: ArticleHead = { ...head, pausedAt: '2026-03-02T10:00:00.000Z' };
      await store.saveCheck(head, paused);
      await expect(store.saveCheck(head, { ...head, lastCheckedAt: '2026-03-02T10:00:01.000Z' })).rejects.toThrow(StaleHeadError);
      expect(await store.getArticle(OLD_URL)).toEqual(paused);
      const unwatched: ArticleHead = { ...paused, unwatchedAt: '2026-03-02T11:00:00.000Z' };
      await store.saveCheck(paused, unwatched);
      await expect(store.saveCheck(paused, { ...paused, pausedAt: null })).rejects.toThrow(StaleHeadError);
      expect(await store.getArticle(OLD_URL)).toEqual(unwatched);
    });

    it('lists every article exactly once, page by page', async () => {
      const store = await fresh();
      const urls = Array.from({ length: 23 }, (_, i) => `https://news.example.com/story-${String(i).padStart(2, '0')}`);
      for (const url of urls) await store.createArticle(articleHead(url));
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.listArticles({ limit: 5, ...(after ? { after } : {}) });
        expect(page.articles.length).toBeLessThanOrEqual(5);
        seen.push(...page.articles.map((a) => a.url));
        after = page.next ?? undefined;
        if (after === undefined) break;
      }
      expect(after).toBeUndefined();
      expect(seen.sort()).toEqual(urls);
    });

    it('lists only the articles the filter keeps', async () => {
      const store = await fresh();
      for (let i = 0; i < 6; i++) await store.createArticle(articleHead(`https://news.example.com/a-${i}`, { flapping: i % 3 === 0 }));
      const page = await store.listArticles({ limit: 10, where: (head) => head.flapping });
      expect(page.articles.map((a) => a.url).sort()).toEqual(['https://news.example.com/a-0', 'https://news.example.com/a-3']);
      expect(page.next).toBeNull();
    });

    it.each(['not a cursor!', 'bm9wZQ', Buffer.from('[9,null]').toString('base64url'), Buffer.from('[0,5]').toString('base64url'), 'x'.repeat(4000)])(
      'refuses the listing cursor %j with a clear error',
      async (cursor) => {
        const store = await fresh();
        await expect(store.listArticles({ limit: 5, after: cursor })).rejects.toThrow(InvalidInputError);
        await expect(store.listArticles({ limit: 5, after: cursor })).rejects.toThrow(/not a listing cursor/);
      },
    );

    it('deletes an article with its versions, changes and aliases, and nothing else', async () => {
      const store = await fresh();
      let head = await watched(store, OLD_URL);
      head = await saveEdit(store, head, '2026-03-02T09:00:00.000Z');
      const { next, change } = moved(head, NEW_URL, '2026-03-02T10:00:00.000Z');
      await store.saveCheck(head, next, { change, alias: NEW_URL });
      const other = await watched(store, 'https://other.example.org/piece');
      await saveEdit(store, other, '2026-03-02T09:30:00.000Z');

      expect(await store.deleteArticle(NEW_URL)).toBe(false);
      expect(await store.deleteArticle(OLD_URL)).toBe(true);
      expect(await store.getArticle(OLD_URL)).toBeNull();
      expect(await store.getArticle(NEW_URL)).toBeNull();
      expect(await store.listVersions(OLD_URL)).toEqual([]);
      expect(await store.recentChanges({ url: OLD_URL, includeBoring: true })).toEqual([]);
      expect((await store.recentChanges({ limit: 10 })).map((c) => c.url)).toEqual(['https://other.example.org/piece']);
      expect((await store.listArticles({ limit: 10 })).articles.map((a) => a.url)).toEqual(['https://other.example.org/piece']);
      // Both addresses are free again: watching them starts afresh.
      await store.createArticle(articleHead(NEW_URL));
      await store.createArticle(articleHead(OLD_URL));
      expect(await store.deleteArticle('https://never.example/watched')).toBe(false);
    });
  });
}
