// A small, hostile history written through a real store (the in-memory one, which
// keeps the same contract as DynamoDB's: test/adapters/store-contract.ts): one article whose
// title and text try to inject markup, edited twice (once only in typography),
// and a second article with a correction and a move to a `javascript:` address.
import { MemoryStore } from '../../lambdas/adapters/memory-store';
import type { ArticleHead, ChangeRecord, VersionRecord } from '../../lambdas/domain/types';
import { createHash } from 'node:crypto';
import type { ArticleStore, Clock } from '../../lambdas/ports';
import { normaliseUrl } from '../../lambdas/domain/url';
import { createWebApp } from '../../lambdas/web/app';
import type { WebDeps, WebRequest, WebResponse } from '../../lambdas/web/types';
import { ArticleExistsError } from '../../lambdas/errors';
import { defaultConfig } from '../../lambdas/domain/config';
import { newHead } from '../../lambdas/service/watch';

export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const fixedClock: Clock = { now: () => NOW };

export const HOSTILE_TITLE = `<script>alert(1)</script>"'&`;
const HOSTILE_TEXT = `He said <img src=x onerror=alert(2)> and ]]> "left" & more`;
export const HOSTILE_NEW_URL = 'javascript:alert(3)';

export const STORY_URL = normaliseUrl('https://news.example.com/2025/03/story.html');
export const OTHER_URL = normaliseUrl('https://other.example.org/politics/piece');

export function makeHead(url: string, source: string, firstSeenAt: string, overrides: Partial<ArticleHead> = {}): ArticleHead {
  return {
    ...newHead(url, defaultConfig(), new Date(firstSeenAt)),
    source,
    lastCheckedAt: firstSeenAt,
    nextCheckAt: '2025-03-10T13:00:00.000Z',
    ...overrides,
  };
}

function makeVersion(url: string, version: number, capturedAt: string, title: string, paragraphs: string[], boring = false): VersionRecord {
  return {
    url,
    version,
    capturedAt,
    title,
    byline: 'By A. Reporter',
    publishedAt: '2025-03-09T05:00:00.000Z',
    text: paragraphs.join('\n\n'),
    hash: `hash-${url.length}-${version}`,
    boring,
  };
}

function makeChange(base: Pick<ChangeRecord, 'url' | 'source' | 'from' | 'to' | 'detectedAt' | 'title'>, fields: Partial<ChangeRecord>): ChangeRecord {
  return {
    ...base,
    kinds: [],
    boring: false,
    stealth: false,
    significance: 0.5,
    charsAdded: 10,
    charsRemoved: 5,
    summary: 'A paragraph was edited',
    excerpts: [],
    ...fields,
  };
}

/** Appends a version (and the change that led to it) the way a check does. */
async function addVersion(store: ArticleStore, head: ArticleHead, version: VersionRecord, change: ChangeRecord): Promise<ArticleHead> {
  const next: ArticleHead = {
    ...head,
    versionCount: head.versionCount + 1,
    changeCount: head.changeCount + 1,
    currentVersion: version.version,
    latestChars: version.text.length,
    contentHash: version.hash,
    latestTitle: version.title,
    lastCheckedAt: version.capturedAt,
    lastChangedAt: version.capturedAt,
  };
  await store.saveCheck(head, next, { version, change });
  return next;
}

const STORY_PARAGRAPHS_V0 = ['MOSCOW — The first paragraph stays.', '“We will act,” the minister said.', 'A closing line.'];
export const STORY_PARAGRAPHS_V1 = ['MOSCOW — The first paragraph stays.', `“We may act,” the minister said. ${HOSTILE_TEXT}`, 'A closing line.'];

async function seedHistory(store: ArticleStore): Promise<void> {
  const storySource = 'news.example.com';
  let story = makeHead(STORY_URL, storySource, '2025-03-09T06:00:00.000Z');
  const v0 = makeVersion(STORY_URL, 0, '2025-03-09T06:00:00.000Z', HOSTILE_TITLE, STORY_PARAGRAPHS_V0);
  await store.createArticle({ ...story, versionCount: 1, currentVersion: 0, latestTitle: HOSTILE_TITLE, contentHash: v0.hash }, v0);
  story = { ...story, versionCount: 1, currentVersion: 0, latestTitle: HOSTILE_TITLE, contentHash: v0.hash };
  story = await addVersion(
    store,
    story,
    makeVersion(STORY_URL, 1, '2025-03-09T11:00:00.000Z', HOSTILE_TITLE, STORY_PARAGRAPHS_V1),
    makeChange(
      { url: STORY_URL, source: storySource, from: 0, to: 1, detectedAt: '2025-03-09T11:00:00.000Z', title: HOSTILE_TITLE },
      {
        kinds: ['paragraph-edited', 'quote'],
        stealth: true,
        significance: 0.8,
        summary: `A quote changed: "will" became "may" <b>`,
        excerpts: [{ before: '“We will act,”', after: `“We may act,” ${HOSTILE_TEXT}` }],
      },
    ),
  );
  await addVersion(
    store,
    story,
    makeVersion(
      STORY_URL,
      2,
      '2025-03-09T12:30:00.000Z',
      HOSTILE_TITLE,
      STORY_PARAGRAPHS_V1.map((p) => p.replace('—', '-')),
      true,
    ),
    makeChange(
      { url: STORY_URL, source: storySource, from: 1, to: 2, detectedAt: '2025-03-09T12:30:00.000Z', title: HOSTILE_TITLE },
      { kinds: ['paragraph-edited'], boring: true, significance: 0.01, summary: 'Only punctuation changed' },
    ),
  );

  const otherSource = 'other.example.org';
  let other = makeHead(OTHER_URL, otherSource, '2025-03-08T00:00:00.000Z');
  const o0 = makeVersion(OTHER_URL, 0, '2025-03-08T00:00:00.000Z', 'Budget talks stall', ['The talks stalled on Monday.']);
  other = { ...other, versionCount: 1, currentVersion: 0, latestTitle: o0.title, contentHash: o0.hash };
  await store.createArticle(other, o0);
  other = await addVersion(
    store,
    other,
    makeVersion(OTHER_URL, 1, '2025-03-10T09:00:00.000Z', 'Budget talks resume', [
      'The talks resumed on Tuesday.',
      'Correction: an earlier version gave the wrong day.',
    ]),
    makeChange(
      { url: OTHER_URL, source: otherSource, from: 0, to: 1, detectedAt: '2025-03-10T09:00:00.000Z', title: 'Budget talks resume' },
      { kinds: ['title', 'correction'], summary: 'The headline changed and a correction was added' },
    ),
  );
  const moved: ArticleHead = { ...other, changeCount: other.changeCount + 1, currentUrl: HOSTILE_NEW_URL };
  await store.saveCheck(other, moved, {
    change: makeChange(
      { url: OTHER_URL, source: otherSource, from: 1, to: 1, detectedAt: '2025-03-10T10:00:00.000Z', title: 'Budget talks resume' },
      { kinds: ['url-changed'], summary: 'The article moved', newUrl: HOSTILE_NEW_URL, charsAdded: 0, charsRemoved: 0 },
    ),
  });
}

export const TEST_TOKEN = 'test-token-0123456789';
export const TEST_TOKEN_SHA256 = createHash('sha256').update(TEST_TOKEN).digest('hex');

/** A watch that really records the article in the store, as the service's would (without fetching). */
export function storeWatch(store: ArticleStore): WebDeps['watch'] {
  return async (url) => {
    const head = makeHead(url, new URL(url).hostname, NOW.toISOString(), { nextCheckAt: NOW.toISOString() });
    try {
      await store.createArticle(head);
      return { created: true, article: head };
    } catch (error) {
      if (!(error instanceof ArticleExistsError)) throw error;
      const existing = await store.getArticle(url);
      if (existing === null) throw error;
      return { created: false, article: existing };
    }
  };
}

export interface TestSite {
  store: ArticleStore;
  app: (request: WebRequest) => Promise<WebResponse>;
  deps: WebDeps;
}

export async function seededSite(overrides: Partial<WebDeps> = {}, options: { seed?: boolean } = {}): Promise<TestSite> {
  const store = new MemoryStore(fixedClock);
  if (options.seed !== false) await seedHistory(store);
  const deps: WebDeps = { store, watch: storeWatch(store), apiTokenSha256: null, clock: fixedClock, logError: () => {}, ...overrides };
  return { store, deps, app: createWebApp(deps) };
}

export function request(method: string, pathAndQuery: string, init: { headers?: Record<string, string>; body?: string } = {}): WebRequest {
  const [path = '/', search = ''] = pathAndQuery.split('?', 2);
  return {
    method,
    path,
    query: new URLSearchParams(search),
    headers: { host: 'monitor.test', ...init.headers },
    body: init.body ?? '',
  };
}
