// Starts watching a URL: the first fetch happens at once and becomes version 0.
// A URL whose first fetch shows it can never be an article is refused and
// nothing is stored.
import { sourceFor, type MonitorConfig } from '../domain/config';
import { planContentChange } from '../domain/check-plan';
import { retryAt } from '../domain/schedule';
import { hostSource, normaliseUrl } from '../domain/url';
import type { ArticleHead } from '../domain/types';
import { ArticleExistsError, WatchRefusedError } from '../errors';
import { planContext, type CheckerDeps } from './checker';
import { observe } from './observe';

export interface WatchResult {
  created: boolean;
  article: ArticleHead;
  /** Why version 0 is not there yet (a transient failure; it will be retried). */
  pending?: string;
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
  };
}

export interface WatchOptions {
  /** Watch under the page's canonical URL when it names one (discovery does; a user's explicit URL is kept). */
  preferCanonical?: boolean;
}

export async function watchArticle(deps: CheckerDeps, rawUrl: string, options: WatchOptions = {}): Promise<WatchResult> {
  const url = normaliseUrl(rawUrl);
  const existing = await deps.store.getArticle(url);
  if (existing) return { created: false, article: existing };

  const now = deps.clock.now();
  let head = newHead(url, deps.config, now);
  const observation = await observe(deps, head, { conditional: false });
  if (options.preferCanonical && observation.kind === 'content' && observation.effectiveUrl !== url) {
    const canonical = await deps.store.getArticle(observation.effectiveUrl);
    if (canonical) return { created: false, article: canonical };
    head = newHead(observation.effectiveUrl, deps.config, now);
  }
  const context = planContext(deps, now);
  let article: ArticleHead;
  let version;
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
      };
      break;
    case 'gone':
      throw new WatchRefusedError(`not watched: ${url} answered HTTP ${observation.status}`);
    case 'failed':
      throw new WatchRefusedError(`not watched: ${url}: ${observation.reason}`);
    case 'not-modified':
      throw new WatchRefusedError(`not watched: ${url} answered 304 Not Modified to an unconditional request`);
  }
  try {
    await deps.store.createArticle(article, version);
  } catch (error) {
    if (!(error instanceof ArticleExistsError)) throw error;
    const raced = await deps.store.getArticle(article.url);
    if (raced) return { created: false, article: raced };
    throw error;
  }
  return pending === undefined ? { created: true, article } : { created: true, article, pending };
}
