// Starts watching a URL: the first fetch happens at once and becomes version 0.
// A URL whose first fetch shows it can never be an article is refused and
// nothing is stored.
import { sourceFor, type MonitorConfig } from '../domain/config';
import { planContentChange } from '../domain/check-plan';
import { retryAt } from '../domain/schedule';
import { hostSource, normaliseUrl } from '../domain/url';
import type { ArticleHead, VersionRecord } from '../domain/types';
import { ArticleExistsError, MonitorError, WatchRefusedError } from '../errors';
import { planContext, type CheckerDeps } from './checker';
import { rewatchArticle } from './manage';
import { observe } from './observe';
import { forEachBounded } from './pool';
import { MAX_PARALLEL_WATCHES } from './run-due';

export interface WatchResult {
  created: boolean;
  article: ArticleHead;
  /** Why version 0 is not there yet (a transient failure; it will be retried). */
  pending?: string;
  /** The article had been unwatched (or paused) and is watched again, its history kept. */
  rewatched?: boolean;
}

export function newHead(url: string, config: MonitorConfig, now: Date): ArticleHead {
  const nowIso = now.toISOString();
  return {
    url,
    source: sourceFor(config, url)?.name ?? hostSource(url),
    status: 'active',
    firstSeenAt: nowIso,
    lastCheckedAt: null,
    lastChangedAt: null,
    versionCount: 0,
    changeCount: 0,
    currentVersion: null,
    latestChars: null,
    contentHash: null,
    latestTitle: null,
    nextCheckAt: nowIso,
    checkEvery: null,
    etag: null,
    lastModified: null,
    failureCount: 0,
    lastError: null,
    knownHashes: [],
    variantHashes: [],
    flapping: false,
    pendingShrinkHash: null,
    steadyVariantHash: null,
    currentUrl: null,
    pausedAt: null,
    unwatchedAt: null,
    extractionFingerprint: null,
    pageSignature: null,
  };
}

export interface WatchOptions {
  /** Watch under the page's canonical URL when it names one (discovery does; a user's explicit URL is kept). */
  preferCanonical?: boolean;
}

export async function watchArticle(deps: CheckerDeps, rawUrl: string, options: WatchOptions = {}): Promise<WatchResult> {
  const url = normaliseUrl(rawUrl);
  // An address an article moved to finds that article: watching it joins the history instead of starting a second one.
  const existing = await deps.store.getArticle(url);
  if (existing) return existingArticle(deps, existing);

  const now = deps.clock.now();
  let head = newHead(url, deps.config, now);
  const observation = await observe(deps, head, { conditional: false });
  if (options.preferCanonical && observation.kind === 'content' && observation.effectiveUrl !== url) {
    const canonical = await deps.store.getArticle(observation.effectiveUrl);
    if (canonical) return existingArticle(deps, canonical);
    head = newHead(observation.effectiveUrl, deps.config, now);
  }
  const context = planContext(deps, now);
  let article: ArticleHead;
  let version: VersionRecord | undefined;
  let pending: string | undefined;
  switch (observation.kind) {
    case 'content': {
      if (observation.verdict.kind === 'rejected') throw new WatchRefusedError(`not watched: ${url} ${observation.verdict.reason}`);
      const first = planContentChange(head, observation, null, context);
      article = first.next;
      version = first.version;
      break;
    }
    case 'transient':
      pending = observation.reason;
      article = {
        ...head,
        lastCheckedAt: now.toISOString(),
        failureCount: 1,
        lastError: observation.reason,
        nextCheckAt: retryAt(context.schedule, head, 1, observation.retryAfterMs, now, context.random),
        checkEvery: null,
      };
      break;
    case 'gone':
      throw new WatchRefusedError(`not watched: ${url} answered HTTP ${observation.status}`);
    case 'failed':
      throw new WatchRefusedError(`not watched: ${url}: ${observation.reason}`);
    case 'not-modified':
    case 'signed-unchanged':
      // An unconditional look reads the page whole; neither answer can come of it.
      throw new WatchRefusedError(`not watched: ${url} answered 304 Not Modified to an unconditional request`);
  }
  try {
    await deps.store.createArticle(article, version);
  } catch (error) {
    if (!(error instanceof ArticleExistsError)) throw error;
    const raced = await deps.store.getArticle(article.url);
    if (raced) return existingArticle(deps, raced);
    throw error;
  }
  return pending === undefined ? { created: true, article } : { created: true, article, pending };
}

/** An article someone unwatched is watched again by watching it; one already watched is left as it is. */
async function existingArticle(deps: CheckerDeps, head: ArticleHead): Promise<WatchResult> {
  if (head.unwatchedAt === null) return { created: false, article: head };
  const { article } = await rewatchArticle(deps, head.url);
  return { created: false, article, rewatched: true };
}

export interface WatchManyOptions {
  /** Once aborted, no further URL is started; the ones under way finish. */
  signal?: AbortSignal;
  /** Told of each URL as it is done, in the order they finish. */
  onDone?: (done: WatchOutcome) => void;
}

export type WatchOutcome = { input: string; result: WatchResult } | { input: string; error: MonitorError };

/**
 * Watches many URLs at once (each host still gets its polite turn from the limiter). A URL that
 * cannot be watched is reported and the others go on. Outcomes come back in input order.
 */
export async function watchMany(
  deps: CheckerDeps,
  inputs: readonly string[],
  options: WatchManyOptions = {},
): Promise<{ outcomes: WatchOutcome[]; started: number }> {
  const outcomes: (WatchOutcome | undefined)[] = new Array(inputs.length);
  const started = await forEachBounded(
    inputs,
    async (input, index) => {
      let outcome: WatchOutcome;
      try {
        outcome = { input, result: await watchArticle(deps, input) };
      } catch (error) {
        if (!(error instanceof MonitorError)) throw error;
        outcome = { input, error };
      }
      outcomes[index] = outcome;
      options.onDone?.(outcome);
    },
    { concurrency: MAX_PARALLEL_WATCHES, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return { outcomes: outcomes.filter((outcome): outcome is WatchOutcome => outcome !== undefined), started };
}
