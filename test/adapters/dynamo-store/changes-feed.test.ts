import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import type { ChangeKind, ChangeRecord } from '../../../lambdas/domain/types';
import type { Clock } from '../../../lambdas/ports';
import { changeCursor } from '../../../lambdas/domain/change-cursor';
import { freshTable } from '../../support/dynamo';
import { saveEdit, watched } from './fixtures';

const CLOCK: Clock = { now: () => new Date('2026-03-15T12:00:00.000Z') };
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

async function setUp() {
  const { client, tableName } = await freshTable();
  const store = new DynamoStore(client, tableName, CLOCK);
  const heads = new Map([A, B, C].map((url) => [url, watched(store, url)]));
  for (const edit of EDITS) {
    const previous = await heads.get(edit.url);
    if (!previous) throw new Error(`no fixture head for ${edit.url}`);
    const saved = saveEdit(store, previous, edit.at, {
      summary: edit.label,
      kinds: edit.kinds ?? ['number'],
      boring: edit.boring ?? false,
      stealth: edit.stealth ?? true,
    });
    heads.set(edit.url, saved);
    await saved;
  }
  return store;
}

const labels = (changes: ChangeRecord[]) => changes.map((c) => c.summary);

function assertNewestFirst(changes: ChangeRecord[]): void {
  const times = changes.map((c) => c.detectedAt);
  expect(times).toEqual([...times].sort().reverse());
}

describe('recentChanges', () => {
  it('lists interesting changes across all articles newest first, month after month, for three years back', async () => {
    const store = await setUp();
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
  ])('pages back one change at a time through %s, ties in one instant included, and matches the full list', async (_, filter) => {
    const store = await setUp();
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
    const store = await setUp();
    const all = await store.recentChanges({ limit: 100 });
    expect(labels(all)).not.toContain('C ancient');
    const older = await store.recentChanges({ before: changeCursor(all[all.length - 1]!) });
    expect(labels(older)).toEqual(['C ancient']);
  });

  it('shows boring changes only when asked', async () => {
    const store = await setUp();
    expect(labels(await store.recentChanges({}))).not.toContain('A boring');
    const all = await store.recentChanges({ includeBoring: true });
    assertNewestFirst(all);
    expect(labels(all)).toContain('A boring');
    expect(all).toHaveLength(8);
  });

  it('lists one source newest first, however old', async () => {
    const store = await setUp();
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
    const store = await setUp();
    expect(labels(await store.recentChanges({ url: B }))).toEqual(['B correction', 'B new year']);
    expect(labels(await store.recentChanges({ url: A, includeBoring: true }))).toEqual(['A march', 'A valentine', 'A boring']);
    expect(await store.recentChanges({ url: A, source: 'other.example.net' })).toEqual([]);
  });

  it('keeps changes of any of the asked kinds', async () => {
    const store = await setUp();
    expect(labels(await store.recentChanges({ kinds: ['quote', 'correction'] }))).toEqual(['B correction', 'A march', 'B new year']);
    expect(labels(await store.recentChanges({ kinds: ['paragraph-edited'], includeBoring: true }))).toEqual(['B correction', 'A boring']);
  });

  it('keeps only stealth edits when asked', async () => {
    const store = await setUp();
    expect(labels(await store.recentChanges({ stealthOnly: true, url: C }))).toEqual(['C february', 'C 2024', 'C ancient']);
    const stealth = await store.recentChanges({ stealthOnly: true });
    expect(stealth.every((c) => c.stealth)).toBe(true);
    expect(labels(stealth)).toEqual(['A march', 'C february', 'A valentine', 'B new year', 'C 2024']);
  });

  it('stops at the limit, keeping the newest', async () => {
    const store = await setUp();
    expect(labels(await store.recentChanges({ limit: 2 }))).toEqual(['B correction', 'A march']);
    expect(labels(await store.recentChanges({ source: 'other.example.net', limit: 1 }))).toEqual(['C february']);
    expect(await store.recentChanges({ limit: 0 })).toEqual([]);
  });
});

describe('recentChanges over a long history', () => {
  it('returns 50 by default and pages on until sparse matches are found', async () => {
    const { client, tableName } = await freshTable();
    const store = new DynamoStore(client, tableName, CLOCK);
    let head = await watched(store, A);
    // 160 edits in March; only the oldest is a stealth edit, so finding it means reading past the first pages.
    for (let i = 0; i < 160; i++) {
      const at = new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 60_000).toISOString();
      head = await saveEdit(store, head, at, { summary: `edit ${i}`, stealth: i === 0, boring: i % 4 === 3 });
    }
    const recent = await store.recentChanges({});
    expect(recent).toHaveLength(50);
    assertNewestFirst(recent);
    expect(recent[0]?.summary).toBe('edit 158');
    expect(recent.some((c) => c.boring)).toBe(false);

    expect(labels(await store.recentChanges({ stealthOnly: true }))).toEqual(['edit 0']);
    expect(labels(await store.recentChanges({ stealthOnly: true, url: A }))).toEqual(['edit 0']);
    expect(await store.recentChanges({ includeBoring: true, limit: 200 })).toHaveLength(160);
  });
});
