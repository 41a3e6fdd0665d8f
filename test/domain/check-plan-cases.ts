// The check-plan corpus: one row per situation a check can meet, named after the
// rule at the top of lambdas/domain/check-plan.ts it pins. A row is data: the texts
// already stored, how the head differs from what they imply, what the fetch saw,
// and what the check must record. check-plan.test.ts runs every row the same way.
import { expect } from 'vitest';
import { headHash, type CheckOutcome, type Observation } from '../../lambdas/domain/check-plan';
import { prepareContent } from '../../lambdas/domain/content';
import type { PageVerdict } from '../../lambdas/domain/page-quality';
import { slotOf } from '../../lambdas/domain/schedule';
import type { ArticleHead, ChangeRecord, VersionRecord } from '../../lambdas/domain/types';

export const URL = 'https://news.example.com/2026/03/budget';
const MOVED_URL = 'https://news.example.com/2026/03/budget-approved';
export const NOW = new Date('2026-03-10T12:00:00.000Z');
/** The date every page of the corpus states. */
export const PUBLISHED_AT = '2026-03-09T07:00:00.000Z';

export function minutesFromNow(minutes: number): string {
  return new Date(NOW.getTime() + minutes * 60_000).toISOString();
}

/** An article as the extractor hands it over, before prepareContent. */
export interface Page {
  title: string;
  byline: string;
  paragraphs: string[];
}

export const RULES = [
  'same comparable content: no version, one head write',
  'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
  'a drastic shrink is recorded only when the next check sees it again',
  'differing confirmation fetches are a rotating variant; a variant steady over two checks is the new text',
  'a return to earlier text is a revert; a second revert among the same texts records nothing',
  '404/410 is one removed change; content after that is restored',
  'a new address is url-changed',
  'new text is a version and a change (planContentChange)',
  'text cut under other extraction settings is a new baseline, never an edit',
] as const;
type Rule = (typeof RULES)[number];

/** What the fetch saw: a page (with the re-fetches made to confirm it), or one of the other observations. */
export type Sight =
  | {
      page: Page;
      /** Pages the confirmation re-fetches saw (the checker makes them only when the text looks changed). */
      confirmations?: Page[];
      /** Where the page said it lives (canonical or final URL); the article's own URL otherwise. */
      at?: string;
      etag?: string | null;
      /** The page-quality verdict; judged from the page and the head, as the checker does, when absent. */
      verdict?: PageVerdict;
      /** The extraction settings' fingerprint the page was extracted with; absent: not told (settings unchanged). */
      settings?: string;
    }
  | Exclude<Observation, { kind: 'content' }>;

interface Expected {
  outcome: CheckOutcome;
  /** The stored version planCheck asks for before the change can be planned; absent when it plans without one. */
  reads?: number | null;
  /** Fields of the version written; absent: no version is written. */
  version?: Partial<VersionRecord>;
  /** Fields of the change written; absent: no change is written. */
  change?: Partial<Record<keyof ChangeRecord, unknown>>;
  /** Fields of the new head. */
  head?: Partial<Record<keyof ArticleHead, unknown>>;
  reason?: RegExp;
}

export interface PlanCase {
  rule: Rule;
  name: string;
  /** Texts stored as versions 0, 1, ...; the head is built from them (the last is current), then `head` applied. */
  history: Page[];
  /** Which of the stored texts the live page currently matches, when not the last (after a revert). */
  current?: number;
  head?: Partial<ArticleHead>;
  sees: Sight;
  expect: Expected;
}

const ORIGINAL: Page = {
  title: 'Council approves budget for new libraries',
  byline: 'By Ana Reporter',
  paragraphs: [
    'The city council approved a budget of 12 million dollars on Tuesday evening after a debate that lasted four hours.',
    'Council member Ana Ortiz said the plan would fund two new libraries and extend bus service to the northern districts.',
    '"We listened to residents for a year, and this budget is the result," Ortiz told reporters after the vote.',
    'Opponents argued the spending would require a tax increase next year, a claim the finance office disputes.',
    'The first library is due to open in the spring, with the second to follow a year later if the funding holds.',
    'Bus service to the northern districts will run every twenty minutes on weekdays, starting in September.',
    'The council will vote on the rest of the capital plan, including road repairs, at its next meeting in April.',
  ],
};

const withParagraph = (page: Page, index: number, text: string): Page => ({
  ...page,
  paragraphs: page.paragraphs.map((p, i) => (i === index ? text : p)),
});

const EDITED = withParagraph(ORIGINAL, 0, 'The city council approved a budget of 14 million dollars on Tuesday evening after a debate that lasted four hours.');
const CORRECTED: Page = {
  ...EDITED,
  paragraphs: [...EDITED.paragraphs, 'Correction: An earlier version of this article gave the wrong amount for the budget.'],
};
const CURLY_QUOTES = withParagraph(
  ORIGINAL,
  2,
  '\u201cWe listened to residents for a year, and this budget is the result,\u201d Ortiz told reporters after the vote.',
);
const WITH_STAMP: Page = { ...ORIGINAL, paragraphs: ['Updated 5 minutes ago', ...ORIGINAL.paragraphs] };
const stamped = (line: string, page: Page): Page => ({ ...page, paragraphs: [line, ...page.paragraphs] });
const STAMPED = stamped('Updated March 9, 2026 at 6:45 p.m. ET', ORIGINAL);
const STAMP_BUMPED = stamped('Updated March 10, 2026 at 11:30 a.m. ET', ORIGINAL);
const EDITED_STAMP_BUMPED = stamped('Updated March 10, 2026 at 11:30 a.m. ET', EDITED);
const HEADLINE_B: Page = { ...ORIGINAL, title: 'Libraries win big in the new city budget' };
const SHRUNK: Page = { ...ORIGINAL, paragraphs: ORIGINAL.paragraphs.slice(0, 2) };
const SHRUNK_OTHER: Page = { ...ORIGINAL, paragraphs: ORIGINAL.paragraphs.slice(1, 3) };
const CONSENT_WALL: Page = {
  title: 'Before you continue',
  byline: '',
  paragraphs: ['We value your privacy. We and our partners use cookies. Accept all cookies or manage your consent settings to continue.'],
};
const BOT_WALL: Page = {
  title: 'Just a moment...',
  byline: '',
  paragraphs: ['Checking your browser before accessing the site. Please verify you are human by completing the captcha.'],
};
const ERROR_PAGE: Page = {
  title: 'Page not found',
  byline: '',
  paragraphs: ['Sorry, the page you are looking for could not be found. It may have been moved or removed.'],
};
const COLLAPSED: Page = { ...ORIGINAL, paragraphs: ['Advertisement', 'Share this article'] };

/** The hash of a page's comparable content, as versions and the head's contentHash hold it. */
const fullHash = (page: Page): string => prepareContent(page).hash;
/** The prefix the head remembers in knownHashes, variantHashes and the pending/steady markers. */
export const shortHash = (page: Page): string => headHash(fullHash(page));

const OLD_ETAG = '"v1"';
/**
 * The next regular check, `minutes` apart: the first second after NOW that sits on the article's
 * slot of that interval's grid (so within one interval, and the same second every interval).
 */
export function onSlot(minutes: number): { nextCheckAt: string; checkEvery: number } {
  const every = minutes * 60;
  const nowSecond = NOW.getTime() / 1000;
  let at = nowSecond - (nowSecond % every) + slotOf(URL, every);
  if (at <= nowSecond) at += every;
  return { nextCheckAt: new Date(at * 1000).toISOString(), checkEvery: every };
}
const FIFTEEN_MINUTES_ON = onSlot(15);

export const CASES: PlanCase[] = [
  // same comparable content
  {
    rule: 'same comparable content: no version, one head write',
    name: 'the same text again: unchanged, with the new validators and the next check on schedule',
    history: [ORIGINAL],
    sees: { page: ORIGINAL, etag: '"v2"' },
    expect: { outcome: 'unchanged', head: { etag: '"v2"', ...FIFTEEN_MINUTES_ON, status: 'active' } },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: 'only a volatile stamp differs ("Updated 5 minutes ago"): unchanged',
    history: [ORIGINAL],
    sees: { page: WITH_STAMP },
    expect: { outcome: 'unchanged' },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: 'only the dated update line was bumped ("Updated March 10 ..."): unchanged',
    history: [STAMPED],
    sees: { page: STAMP_BUMPED },
    expect: { outcome: 'unchanged' },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: '304 Not Modified: unchanged, and earlier failures are forgotten',
    history: [ORIGINAL],
    head: { failureCount: 2, lastError: 'HTTP 503' },
    sees: { kind: 'not-modified' },
    expect: { outcome: 'unchanged', head: { failureCount: 0, lastError: null, etag: OLD_ETAG, ...FIFTEEN_MINUTES_ON } },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: 'the current text again ends a pending shrink and a run of steady variants',
    history: [ORIGINAL],
    head: { pendingShrinkHash: 'pending', steadyVariantHash: 'steady', failureCount: 1, lastError: 'HTTP 503' },
    sees: { page: ORIGINAL },
    expect: { outcome: 'unchanged', head: { pendingShrinkHash: null, steadyVariantHash: null, failureCount: 0, lastError: null } },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: 'an article quiet for over a year: unchanged, and retired',
    history: [ORIGINAL],
    head: { firstSeenAt: '2025-01-01T00:00:00.000Z', lastChangedAt: '2025-01-02T00:00:00.000Z' },
    sees: { page: ORIGINAL },
    expect: { outcome: 'unchanged', head: { status: 'retired', nextCheckAt: null } },
  },
  {
    rule: 'same comparable content: no version, one head write',
    name: 'an article quiet for two days is checked every three hours',
    history: [ORIGINAL],
    head: { lastChangedAt: '2026-03-08T12:00:00.000Z' },
    sees: { page: ORIGINAL },
    expect: { outcome: 'unchanged', head: { ...onSlot(180) } },
  },

  // failures
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'a network failure: retry in two minutes, the versions left alone',
    history: [ORIGINAL],
    sees: { kind: 'transient', reason: 'connection reset', retryAfterMs: null },
    expect: {
      outcome: 'retry-later',
      reason: /connection reset/,
      head: { failureCount: 1, lastError: 'connection reset', nextCheckAt: minutesFromNow(2), checkEvery: null, status: 'active', etag: OLD_ETAG },
    },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'the third transient failure in a row backs off to eight minutes',
    history: [ORIGINAL],
    head: { failureCount: 2, lastError: 'HTTP 502' },
    sees: { kind: 'transient', reason: 'HTTP 503', retryAfterMs: null },
    expect: { outcome: 'retry-later', head: { failureCount: 3, lastError: 'HTTP 503', nextCheckAt: minutesFromNow(8), checkEvery: null } },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'a 429 with Retry-After: one hour waits the hour',
    history: [ORIGINAL],
    sees: { kind: 'transient', reason: 'HTTP 429', retryAfterMs: 3_600_000 },
    expect: { outcome: 'retry-later', head: { failureCount: 1, nextCheckAt: minutesFromNow(60), checkEvery: null } },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'an HTTP 403: failed, nothing recorded',
    history: [ORIGINAL],
    sees: { kind: 'failed', reason: 'HTTP 403' },
    expect: { outcome: 'failed', reason: /HTTP 403/, head: { failureCount: 1, lastError: 'HTTP 403', status: 'active' } },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'a consent wall served with 200: rejected, the old validators kept',
    history: [ORIGINAL],
    sees: { page: CONSENT_WALL, etag: '"wall"' },
    expect: { outcome: 'rejected', reason: /consent wall/, head: { failureCount: 1, etag: OLD_ETAG, lastError: expect.stringMatching(/consent wall/) } },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'a bot wall: rejected',
    history: [ORIGINAL],
    sees: { page: BOT_WALL },
    expect: { outcome: 'rejected', reason: /bot wall/ },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'an error page served with 200: rejected',
    history: [ORIGINAL],
    sees: { page: ERROR_PAGE },
    expect: { outcome: 'rejected', reason: /error page/ },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'an extraction that collapsed to a few words: rejected',
    history: [ORIGINAL],
    sees: { page: COLLAPSED },
    expect: { outcome: 'rejected', reason: /collapsed/ },
  },
  {
    rule: 'a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version',
    name: 'a wall as the very first page of an article: rejected, no version 0',
    history: [],
    sees: { page: CONSENT_WALL },
    expect: { outcome: 'rejected', head: { versionCount: 0, currentVersion: null, contentHash: null } },
  },

  // shrink
  {
    rule: 'a drastic shrink is recorded only when the next check sees it again',
    name: 'a text cut to a third, seen once: waits for the next check',
    history: [ORIGINAL],
    sees: { page: SHRUNK, confirmations: [SHRUNK, SHRUNK], etag: '"short"' },
    expect: { outcome: 'shrink-pending', reason: /shrank/, head: { pendingShrinkHash: shortHash(SHRUNK), etag: OLD_ETAG } },
  },
  {
    rule: 'a drastic shrink is recorded only when the next check sees it again',
    name: 'the same shrink on the next check: recorded as a new version',
    history: [ORIGINAL],
    head: { pendingShrinkHash: shortHash(SHRUNK) },
    sees: { page: SHRUNK, confirmations: [SHRUNK, SHRUNK] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1 },
      change: { from: 0, to: 1, kinds: expect.arrayContaining(['paragraph-removed']) },
      head: { pendingShrinkHash: null, versionCount: 2, currentVersion: 1 },
    },
  },
  {
    rule: 'a drastic shrink is recorded only when the next check sees it again',
    name: 'a different shrink on the next check: the wait starts over',
    history: [ORIGINAL],
    head: { pendingShrinkHash: shortHash(SHRUNK) },
    sees: { page: SHRUNK_OTHER, confirmations: [SHRUNK_OTHER, SHRUNK_OTHER] },
    expect: { outcome: 'shrink-pending', head: { pendingShrinkHash: shortHash(SHRUNK_OTHER) } },
  },

  // variants
  {
    rule: 'differing confirmation fetches are a rotating variant; a variant steady over two checks is the new text',
    name: 'an A/B headline: the re-fetches disagree, so no version and the article is marked flapping',
    history: [ORIGINAL],
    sees: { page: HEADLINE_B, confirmations: [ORIGINAL, HEADLINE_B] },
    expect: { outcome: 'variant-suppressed', head: { flapping: true, variantHashes: [shortHash(HEADLINE_B)], steadyVariantHash: null } },
  },
  {
    rule: 'differing confirmation fetches are a rotating variant; a variant steady over two checks is the new text',
    name: 'a known variant again, its re-fetches failed: still suppressed',
    history: [ORIGINAL],
    head: { flapping: true, variantHashes: [shortHash(HEADLINE_B)] },
    sees: { page: HEADLINE_B, confirmations: [] },
    expect: { outcome: 'variant-suppressed', head: { flapping: true, steadyVariantHash: null } },
  },
  {
    rule: 'differing confirmation fetches are a rotating variant; a variant steady over two checks is the new text',
    name: 'a known variant that every fetch of this check agrees on: remembered as steady, still suppressed',
    history: [ORIGINAL],
    head: { flapping: true, variantHashes: [shortHash(HEADLINE_B)] },
    sees: { page: HEADLINE_B, confirmations: [HEADLINE_B, HEADLINE_B] },
    expect: { outcome: 'variant-suppressed', head: { flapping: true, steadyVariantHash: shortHash(HEADLINE_B) } },
  },
  {
    rule: 'differing confirmation fetches are a rotating variant; a variant steady over two checks is the new text',
    name: 'the same variant steady on a second check in a row: the new text after all',
    history: [ORIGINAL],
    head: { flapping: true, variantHashes: [shortHash(HEADLINE_B)], steadyVariantHash: shortHash(HEADLINE_B) },
    sees: { page: HEADLINE_B, confirmations: [HEADLINE_B, HEADLINE_B] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, title: HEADLINE_B.title },
      change: { kinds: expect.arrayContaining(['title']) },
      head: { flapping: false, variantHashes: [], steadyVariantHash: null, latestTitle: HEADLINE_B.title },
    },
  },

  // reverts
  {
    rule: 'a return to earlier text is a revert; a second revert among the same texts records nothing',
    name: 'the original text back after an edit: a revert change to version 0, no new copy',
    history: [ORIGINAL, EDITED],
    sees: { page: ORIGINAL, confirmations: [ORIGINAL, ORIGINAL] },
    expect: {
      outcome: 'revert',
      reads: 1,
      change: { from: 1, to: 0, kinds: expect.arrayContaining(['revert']), summary: expect.stringMatching(/^Reverted to version 0/) },
      head: {
        versionCount: 2,
        currentVersion: 0,
        contentHash: fullHash(ORIGINAL),
        variantHashes: expect.arrayContaining([shortHash(ORIGINAL), shortHash(EDITED)]),
      },
    },
  },
  {
    rule: 'a return to earlier text is a revert; a second revert among the same texts records nothing',
    name: 'the edit back again after that revert: the article alternates, flapping, nothing recorded',
    history: [ORIGINAL, EDITED],
    current: 0,
    head: { variantHashes: [shortHash(ORIGINAL), shortHash(EDITED)] },
    sees: { page: EDITED, confirmations: [EDITED, EDITED] },
    expect: { outcome: 'variant-suppressed', head: { flapping: true, currentVersion: 0, contentHash: fullHash(ORIGINAL) } },
  },

  // removed and restored
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'a 404: one removed change, validators forgotten, checked daily',
    history: [ORIGINAL],
    sees: { kind: 'gone', status: 404 },
    expect: {
      outcome: 'removed',
      change: { kinds: ['removed'], from: 0, to: 0, summary: expect.stringContaining('HTTP 404'), stealth: false, boring: false },
      head: { status: 'removed', etag: null, lastModified: null, changeCount: 1, ...onSlot(24 * 60) },
    },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'a 410 after two versions: removed, from and to the current version',
    history: [ORIGINAL, EDITED],
    sees: { kind: 'gone', status: 410 },
    expect: { outcome: 'removed', change: { kinds: ['removed'], from: 1, to: 1 }, head: { status: 'removed' } },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'still gone on the next check: nothing more recorded',
    history: [ORIGINAL],
    head: { status: 'removed', etag: null },
    sees: { kind: 'gone', status: 404 },
    expect: { outcome: 'still-removed', head: { status: 'removed' } },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: '304 for a removed article: still removed',
    history: [ORIGINAL],
    head: { status: 'removed' },
    sees: { kind: 'not-modified' },
    expect: { outcome: 'still-removed', head: { status: 'removed' } },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'gone before any version was stored: removed, with no change to report',
    history: [],
    sees: { kind: 'gone', status: 404 },
    expect: { outcome: 'removed', head: { status: 'removed', changeCount: 0 } },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'the same text back after removal: restored',
    history: [ORIGINAL],
    head: { status: 'removed', etag: null },
    sees: { page: ORIGINAL, etag: '"back"' },
    expect: {
      outcome: 'restored',
      change: { kinds: ['restored'], from: 0, to: 0 },
      head: { status: 'active', etag: '"back"', changeCount: 1, versionCount: 1 },
    },
  },
  {
    rule: '404/410 is one removed change; content after that is restored',
    name: 'edited text back after removal: a new version whose change says restored',
    history: [ORIGINAL],
    head: { status: 'removed' },
    sees: { page: EDITED, confirmations: [EDITED, EDITED] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1 },
      change: { kinds: expect.arrayContaining(['restored', 'number']) },
      head: { status: 'active' },
    },
  },

  // moves
  {
    rule: 'a new address is url-changed',
    name: 'the same text under a new canonical address: url-changed',
    history: [ORIGINAL],
    sees: { page: ORIGINAL, at: MOVED_URL },
    expect: {
      outcome: 'url-changed',
      change: { kinds: ['url-changed'], newUrl: MOVED_URL, from: 0, to: 0 },
      head: { currentUrl: MOVED_URL, url: URL, changeCount: 1 },
    },
  },
  {
    rule: 'a new address is url-changed',
    name: 'an edit at a new address: a new version whose change says url-changed',
    history: [ORIGINAL],
    sees: { page: EDITED, confirmations: [EDITED, EDITED], at: MOVED_URL },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, url: URL },
      change: { kinds: expect.arrayContaining(['number', 'url-changed']), newUrl: MOVED_URL },
      head: { currentUrl: MOVED_URL },
    },
  },
  {
    rule: 'a new address is url-changed',
    name: 'the first address ever seen for the article: nothing to report',
    history: [ORIGINAL],
    head: { currentUrl: null },
    sees: { page: ORIGINAL },
    expect: { outcome: 'unchanged', head: { currentUrl: URL } },
  },

  // planContentChange
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'the first text of a newly watched article: version 0, no change',
    history: [],
    sees: { page: ORIGINAL, etag: '"v0"' },
    expect: {
      outcome: 'first-version',
      reads: null,
      version: { version: 0, title: ORIGINAL.title, byline: ORIGINAL.byline, publishedAt: PUBLISHED_AT, boring: false, capturedAt: NOW.toISOString() },
      head: {
        versionCount: 1,
        currentVersion: 0,
        contentHash: fullHash(ORIGINAL),
        knownHashes: [{ hash: shortHash(ORIGINAL), version: 0 }],
        latestTitle: ORIGINAL.title,
        lastChangedAt: NOW.toISOString(),
        etag: '"v0"',
      },
    },
  },
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'a changed number with no notice: a new version and a stealth change',
    history: [ORIGINAL],
    sees: { page: EDITED, confirmations: [EDITED, EDITED], etag: '"v2"' },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, boring: false, capturedAt: NOW.toISOString() },
      change: { from: 0, to: 1, kinds: expect.arrayContaining(['number']), stealth: true, boring: false, detectedAt: NOW.toISOString() },
      head: {
        versionCount: 2,
        currentVersion: 1,
        changeCount: 1,
        contentHash: fullHash(EDITED),
        lastChangedAt: NOW.toISOString(),
        etag: '"v2"',
        knownHashes: [
          { hash: shortHash(ORIGINAL), version: 0 },
          { hash: shortHash(EDITED), version: 1 },
        ],
      },
    },
  },
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'an edit that came with a correction notice: not stealth',
    history: [ORIGINAL],
    sees: { page: CORRECTED, confirmations: [CORRECTED, CORRECTED] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1 },
      change: { kinds: expect.arrayContaining(['correction', 'number']), stealth: false },
    },
  },
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'an edit that came with a new dated update line: an update notice, not stealth',
    history: [STAMPED],
    sees: { page: EDITED_STAMP_BUMPED, confirmations: [EDITED_STAMP_BUMPED, EDITED_STAMP_BUMPED] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, updateLine: 'Updated March 10, 2026 at 11:30 a.m. ET' },
      change: { kinds: expect.arrayContaining(['update-notice', 'number']), stealth: false },
    },
  },
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'only the quotes curled: a boring version and change, and the article does not count as changed',
    history: [ORIGINAL],
    head: { lastChangedAt: '2026-03-10T11:00:00.000Z' },
    sees: { page: CURLY_QUOTES, confirmations: [CURLY_QUOTES, CURLY_QUOTES] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, boring: true },
      change: { boring: true },
      head: { lastChangedAt: '2026-03-10T11:00:00.000Z', versionCount: 2 },
    },
  },
  {
    rule: 'new text is a version and a change (planContentChange)',
    name: 'a new text ends an alternation that was being suppressed',
    history: [ORIGINAL],
    head: { flapping: true, variantHashes: ['0123456789abcdef'] },
    sees: { page: EDITED, confirmations: [EDITED, EDITED] },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1 },
      change: { from: 0, to: 1 },
      head: { flapping: false, variantHashes: [] },
    },
  },

  // A change of the operator's extraction settings
  {
    rule: 'text cut under other extraction settings is a new baseline, never an edit',
    name: 'the rules changed and the text with them: a re-baselined version, no change, even for a drastic shrink',
    history: [ORIGINAL],
    head: { extractionFingerprint: 'old-rules', lastChangedAt: '2026-03-09T08:00:00.000Z' },
    sees: { page: SHRUNK, confirmations: [SHRUNK, SHRUNK], settings: 'new-rules' },
    expect: {
      outcome: 'rebaselined',
      version: { version: 1, rebaselined: true, extractionFingerprint: 'new-rules', boring: false },
      head: {
        versionCount: 2,
        currentVersion: 1,
        changeCount: 0,
        extractionFingerprint: 'new-rules',
        lastChangedAt: '2026-03-09T08:00:00.000Z',
        pendingShrinkHash: null,
        knownHashes: [
          { hash: shortHash(ORIGINAL), version: 0 },
          { hash: shortHash(SHRUNK), version: 1 },
        ],
      },
    },
  },
  {
    rule: 'text cut under other extraction settings is a new baseline, never an edit',
    name: 'the rules changed but cut the same text: nothing recorded, the new fingerprint remembered',
    history: [ORIGINAL],
    head: { extractionFingerprint: 'old-rules' },
    sees: { page: ORIGINAL, settings: 'new-rules' },
    expect: { outcome: 'unchanged', head: { versionCount: 1, extractionFingerprint: 'new-rules' } },
  },
  {
    rule: 'text cut under other extraction settings is a new baseline, never an edit',
    name: 'an article stored before fingerprints: a difference is an edit, as it always was',
    history: [ORIGINAL],
    head: { extractionFingerprint: null },
    sees: { page: EDITED, confirmations: [EDITED, EDITED], settings: 'new-rules' },
    expect: {
      outcome: 'new-version',
      reads: 0,
      version: { version: 1, extractionFingerprint: 'new-rules' },
      change: { from: 0, to: 1 },
      head: { extractionFingerprint: 'new-rules' },
    },
  },
  {
    rule: 'text cut under other extraction settings is a new baseline, never an edit',
    name: 'the same settings as the current version: an edit is an edit',
    history: [ORIGINAL],
    head: { extractionFingerprint: 'rules' },
    sees: { page: EDITED, confirmations: [EDITED, EDITED], settings: 'rules' },
    expect: { outcome: 'new-version', reads: 0, version: { version: 1 }, change: { from: 0, to: 1, kinds: expect.arrayContaining(['number']) } },
  },
  {
    rule: 'text cut under other extraction settings is a new baseline, never an edit',
    name: 'new rules at a new address: the baseline, and a url-changed change that points at it',
    history: [ORIGINAL],
    head: { extractionFingerprint: 'old-rules' },
    sees: { page: SHRUNK, settings: 'new-rules', at: MOVED_URL },
    expect: {
      outcome: 'rebaselined',
      version: { version: 1, rebaselined: true },
      change: { kinds: ['url-changed'], from: 1, to: 1, newUrl: MOVED_URL, stealth: false },
      head: { versionCount: 2, changeCount: 1, currentUrl: MOVED_URL },
    },
  },
];
