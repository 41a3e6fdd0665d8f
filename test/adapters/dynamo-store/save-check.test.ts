import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { InconsistentWriteError, StaleHeadError } from '../../../lambdas/errors';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { freshTable } from '../../support/dynamo';
import { recordCommands } from './command-log';
import { changeRecord, edited, saveEdit, watched } from './fixtures';

const URL_A = 'https://news.example.com/2026/03/budget';

async function setUp() {
  const { client, tableName } = await freshTable();
  const store = new DynamoStore(client, tableName);
  const head = await watched(store, URL_A);
  return { client, tableName, store, head };
}

function unchangedCheck(previous: ArticleHead, at: string): ArticleHead {
  return { ...previous, lastCheckedAt: at, nextCheckAt: '2026-03-02T10:15:00.000Z', etag: `"${at}"` };
}

describe('saveCheck', () => {
  it('records an unchanged check with one small conditional write and no read', async () => {
    const { client, store, head } = await setUp();
    const log = recordCommands(client);
    const next = unchangedCheck(head, '2026-03-02T10:00:00.000Z');
    await store.saveCheck(head, next);
    log.stop();

    expect(log.sent.map((c) => c.name)).toEqual(['PutItemCommand']);
    const sent = log.sent[0]?.input ?? {};
    expect(sent.ConditionExpression).toBeTypeOf('string');
    const itemJson = JSON.stringify(sent.Item);
    expect(itemJson).not.toContain('budget of');
    // One write capacity unit covers 1 KB.
    expect(Buffer.byteLength(itemJson)).toBeLessThan(1024);
    expect(await store.getArticle(URL_A)).toEqual(next);
    expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
  });

  it('writes the new version, its change and the head together', async () => {
    const { store, head } = await setUp();
    const { next, version, change } = edited(head, '2026-03-02T11:00:00.000Z');
    await store.saveCheck(head, next, { version, change });

    expect(await store.getArticle(URL_A)).toEqual(next);
    expect(await store.getVersion(URL_A, 1)).toEqual(version);
    expect(await store.recentChanges({ url: URL_A })).toEqual([change]);
  });

  it('records a status change that brings no new version', async () => {
    const { store, head } = await setUp();
    const at = '2026-03-02T11:30:00.000Z';
    const next: ArticleHead = { ...head, status: 'removed', lastCheckedAt: at, changeCount: head.changeCount + 1 };
    const change = changeRecord(URL_A, 0, 0, { detectedAt: at, kinds: ['removed'], summary: 'the article was taken down' });
    await store.saveCheck(head, next, { change });

    expect(await store.getArticle(URL_A)).toEqual(next);
    expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
    expect(await store.recentChanges({ url: URL_A })).toEqual([change]);
  });

  it('lets exactly one of two concurrent checks from the same head win, every time', async () => {
    const { store, head } = await setUp();
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
    for (let round = 0; round < 5; round++) {
      const { store, head } = await setUp();
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
    const { store, head } = await setUp();
    const afterEdit = await saveEdit(store, head, '2026-03-02T14:00:00.000Z');
    const late = edited(head, '2026-03-02T14:05:00.000Z', { summary: 'late duplicate' });
    await expect(store.saveCheck(head, late.next, { version: late.version, change: late.change })).rejects.toBeInstanceOf(StaleHeadError);
    await expect(store.saveCheck(head, unchangedCheck(head, '2026-03-02T14:06:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);

    expect(await store.getArticle(URL_A)).toEqual(afterEdit);
    expect((await store.getVersion(URL_A, 1))?.capturedAt).toBe('2026-03-02T14:00:00.000Z');
    expect((await store.recentChanges({ url: URL_A })).map((c) => c.summary)).toEqual(['a number changed: 10 million → 11 million']);
  });

  it('refuses a save for an article that is not stored', async () => {
    const { store, head } = await setUp();
    const other = { ...head, url: 'https://news.example.com/never-watched' };
    await expect(store.saveCheck(other, unchangedCheck(other, '2026-03-02T15:00:00.000Z'))).rejects.toBeInstanceOf(StaleHeadError);
    expect(await store.getArticle(other.url)).toBeNull();
  });
});

describe('saveCheck refuses records that disagree, writing nothing', () => {
  const cases: Array<[string, (previous: ArticleHead) => Parameters<DynamoStore['saveCheck']>]> = [
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
      const { store, head } = await setUp();
      await expect(store.saveCheck(...build(head))).rejects.toBeInstanceOf(InconsistentWriteError);
      expect(await store.getArticle(URL_A)).toEqual(head);
      expect((await store.listVersions(URL_A)).map((v) => v.version)).toEqual([0]);
      expect(await store.recentChanges({ url: URL_A, includeBoring: true })).toEqual([]);
    });
  }
});
