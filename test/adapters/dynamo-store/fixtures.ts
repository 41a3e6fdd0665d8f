// Records as the check service would write them, so store tests read like real histories.
import type { ArticleHead, ChangeRecord, VersionRecord } from '../../../lambdas/domain/types';
import { defaultConfig } from '../../../lambdas/domain/config';
import { newHead } from '../../../lambdas/service/watch';
import { hostSource } from '../../../lambdas/domain/url';
import type { ArticleStore } from '../../../lambdas/ports';

export function articleHead(url: string, overrides: Partial<ArticleHead> = {}): ArticleHead {
  return {
    ...newHead(url, defaultConfig(), new Date('2026-03-01T08:00:00.000Z')),
    nextCheckAt: '2026-03-01T08:15:00.000Z',
    ...overrides,
  };
}

export function versionRecord(url: string, version: number, overrides: Partial<VersionRecord> = {}): VersionRecord {
  return {
    url,
    version,
    capturedAt: `2026-03-01T08:${String(version).padStart(2, '0')}:00.000Z`,
    title: `Council approves budget (v${version})`,
    byline: 'By Ana Reporter',
    publishedAt: '2026-03-01T07:00:00.000Z',
    text: `The council approved a budget of ${version + 10} million on Tuesday.\n\n“We are pleased,” the mayor said.`,
    hash: `hash-${version}`,
    boring: false,
    ...overrides,
  };
}

export function changeRecord(url: string, from: number, to: number, overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    url,
    source: hostSource(url),
    from,
    to,
    detectedAt: '2026-03-02T09:00:00.000Z',
    kinds: ['number'],
    boring: false,
    stealth: true,
    significance: 0.6,
    charsAdded: 2,
    charsRemoved: 2,
    title: 'Council approves budget',
    summary: 'a number changed: 10 million → 11 million',
    excerpts: [{ before: 'a budget of 10 million', after: 'a budget of 11 million' }],
    ...overrides,
  };
}

/** An article created with version 0, as `monitor watch` leaves it. */
export async function watched(store: ArticleStore, url: string, overrides: Partial<ArticleHead> = {}): Promise<ArticleHead> {
  const version = versionRecord(url, 0);
  const head = articleHead(url, {
    versionCount: 1,
    currentVersion: 0,
    latestChars: version.text.length,
    contentHash: version.hash,
    latestTitle: version.title,
    knownHashes: [{ hash: version.hash, version: 0 }],
    ...overrides,
  });
  await store.createArticle(head, version);
  return head;
}

/** The head after a check found a new version, and the records that check writes. */
export function edited(
  previous: ArticleHead,
  at: string,
  changeOverrides: Partial<ChangeRecord> = {},
): { next: ArticleHead; version: VersionRecord; change: ChangeRecord } {
  const number = previous.versionCount;
  const version = versionRecord(previous.url, number, { capturedAt: at, text: `Edited at ${at}: the budget is ${number + 10} million.` });
  const change = changeRecord(previous.url, number - 1, number, { detectedAt: at, source: previous.source, ...changeOverrides });
  const next: ArticleHead = {
    ...previous,
    lastCheckedAt: at,
    lastChangedAt: at,
    versionCount: number + 1,
    changeCount: previous.changeCount + 1,
    currentVersion: number,
    latestChars: version.text.length,
    contentHash: version.hash,
    latestTitle: version.title,
    knownHashes: [...previous.knownHashes, { hash: version.hash, version: number }],
  };
  return { next, version, change };
}

/** Saves an edit found at `at` and returns the new head. */
export async function saveEdit(store: ArticleStore, previous: ArticleHead, at: string, changeOverrides: Partial<ChangeRecord> = {}): Promise<ArticleHead> {
  const { next, version, change } = edited(previous, at, changeOverrides);
  await store.saveCheck(previous, next, { version, change });
  return next;
}
