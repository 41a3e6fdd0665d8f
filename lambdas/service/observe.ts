// One look at an article's page: fetch it through the gate (politely),
// extract and prepare its content, judge whether it is an article at all.
import { sourceFor } from '../domain/config';
import type { PreparedContent } from '../domain/content';
import { extractionFingerprint } from '../domain/extraction-fingerprint';
import type { Observation } from '../domain/check-plan';
import { failureCause, httpCause } from '../domain/failure-cause';
import { judgePage } from '../domain/page-quality';
import { readsAsSigned, readsAsSources } from '../domain/page-signature';
import { hostSource, normaliseUrl } from '../domain/url';
import type { ArticleHead } from '../domain/types';
import { FetchError, InvalidUrlError } from '../errors';
import { readPage } from '../domain/page-reading';
import { type Clock, type ContentWork, type PageSource, systemClock } from '../ports';
import { politeFetch, type PoliteFetchDeps } from './polite-fetch';

export interface ObserveDeps extends PoliteFetchDeps {
  /** Where pages are read (extracted and prepared); in this thread when absent. */
  contentWork?: ContentWork;
  /** What a page signature's age is told by; the system clock when absent. */
  clock?: Clock;
}

/** What a check needs of the head to take a signed page's text as known. */
type SignedHead = Pick<ArticleHead, 'pageSignature' | 'contentHash' | 'status' | 'pendingShrinkHash' | 'steadyVariantHash'>;

/**
 * Only a plain active article's text is taken from its signature: a removed one must be seen
 * restored, and a pending shrink or a steady variant is waiting to see the page's own text again.
 */
function signedTextStands(head: Partial<SignedHead>, bytes: () => Buffer, url: string, now: Date): boolean {
  if (head.pageSignature == null || head.contentHash == null) return false;
  if (head.status !== 'active' || head.pendingShrinkHash != null || head.steadyVariantHash != null) return false;
  return readsAsSigned(bytes(), url, head.pageSignature, head.contentHash, now);
}

/** Re-fetches made when a page looks changed, to tell an edit from a rotating variant. */
const CONFIRMATION_FETCHES = 2;

const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

export async function observe(
  deps: ObserveDeps,
  head: Pick<ArticleHead, 'url' | 'etag' | 'lastModified' | 'latestChars'> & Partial<Pick<ArticleHead, 'extractionFingerprint'> & SignedHead>,
  options: { conditional: boolean; sameAs?: ContentObservation } = { conditional: true },
): Promise<Observation> {
  const rules = sourceFor(deps.config, head.url)?.extract;
  const fingerprint = extractionFingerprint(rules);
  // Under new extraction settings the unchanged page must be read again now, so it is re-baselined
  // as it is; a 304 would put that off until the publisher's next edit, which would then be swallowed.
  if (options.conditional && head.extractionFingerprint != null && head.extractionFingerprint !== fingerprint) {
    options = { conditional: false };
  }
  let outcome: Awaited<ReturnType<typeof politeFetch>>;
  try {
    outcome = await politeFetch(deps, {
      url: head.url,
      etag: options.conditional ? head.etag : null,
      lastModified: options.conditional ? head.lastModified : null,
    });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    const cause = failureCause(error);
    return error.transient ? { kind: 'transient', reason: error.message, retryAfterMs: null, cause } : { kind: 'failed', reason: error.message, cause };
  }
  switch (outcome.kind) {
    case 'disallowed':
      return { kind: 'failed', reason: 'robots.txt disallows fetching this URL', cause: 'robots-disallowed' };
    case 'not-modified': {
      const landed = landedUrl(outcome.finalUrl);
      if (typeof landed !== 'string') return landed;
      // Redirected to another address that honoured our validators: the page may have moved,
      // which only its full answer (canonical, final URL) can tell.
      if (options.conditional && landed !== head.url) return observe(deps, head, { conditional: false });
      return { kind: 'not-modified' };
    }
    case 'http-error':
      if (outcome.status === 404 || outcome.status === 410) return { kind: 'gone', status: outcome.status };
      if (TRANSIENT_STATUSES.has(outcome.status)) {
        return { kind: 'transient', reason: `HTTP ${outcome.status}`, retryAfterMs: outcome.retryAfterMs, cause: httpCause(outcome.status) };
      }
      return { kind: 'failed', reason: `HTTP ${outcome.status}`, cause: httpCause(outcome.status) };
    case 'ok': {
      const landed = landedUrl(outcome.finalUrl);
      if (typeof landed !== 'string') return landed;
      // A fetcher that keeps no bytes: the text's UTF-8 is what they would have been for a signable page.
      const bytes = (): Buffer => outcome.bytes ?? Buffer.from(outcome.body, 'utf8');
      // A signature is a validator of our own: like a 304, it is only asked for on a conditional look.
      if (options.conditional && signedTextStands(head, bytes, outcome.finalUrl, (deps.clock ?? systemClock).now())) {
        return { kind: 'signed-unchanged', etag: outcome.etag, lastModified: outcome.lastModified };
      }
      // A confirming re-fetch whose stretches are those the first fetch read its text from holds that same text.
      const first = options.sameAs;
      if (first?.sources && readsAsSources(bytes(), outcome.finalUrl, first.sources)) return first;
      const page: PageSource = outcome.bytes ? { bytes: outcome.bytes, contentType: outcome.contentType } : { text: outcome.body };
      // Without a ContentWork the text is read here; bytes of an unknown charset are then left unsigned.
      const reading = deps.contentWork
        ? await deps.contentWork.read(page, outcome.finalUrl, rules)
        : readPage(outcome.body, outcome.finalUrl, rules, { signable: outcome.bytes === undefined });
      // A page too big, deep or slow to read is refused like a wall: never a version, and the article backs off.
      if (reading.kind === 'rejected') return { kind: 'failed', reason: `page refused by the extractor: ${reading.reason}`, cause: 'not-an-article' };
      const { article, content } = reading;
      return {
        kind: 'content',
        content,
        verdict: judgePage(content, head.latestChars),
        effectiveUrl: effectiveUrl(article.canonicalUrl, outcome.finalUrl, landed),
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        publishedAt: article.publishedAt,
        confirmationHashes: [],
        extractionFingerprint: fingerprint,
        sources: reading.sources,
      };
    }
  }
}

/**
 * Where the article says it lives: its canonical URL if usable, else where the
 * redirects ended. A canonical on another site is ignored: syndicated copies
 * point at the original, and a hostile page could claim anyone's address.
 */
function effectiveUrl(canonical: string | null, finalUrl: string, landed: string): string {
  if (canonical) {
    try {
      const named = normaliseUrl(canonical, finalUrl);
      if (hostSource(named) === hostSource(landed)) return named;
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
    }
  }
  return landed;
}

/** Where the redirects ended, normalised; a failed observation when that is no URL the monitor can watch (over 1000 bytes, say). */
function landedUrl(finalUrl: string): string | Extract<Observation, { kind: 'failed' }> {
  try {
    return normaliseUrl(finalUrl);
  } catch (error) {
    if (!(error instanceof InvalidUrlError)) throw error;
    return { kind: 'failed', reason: `redirected to an address that cannot be watched: ${error.message}`, cause: 'bad-redirect' };
  }
}

type ContentObservation = Extract<Observation, { kind: 'content' }>;

/**
 * The content of immediate re-fetches; failed re-fetches are left out. A re-fetch whose signed
 * stretches are the first fetch's (`first.sources`) is that same content, known without reading it.
 */
export async function confirmationContents(
  deps: ObserveDeps,
  head: Pick<ArticleHead, 'url' | 'etag' | 'lastModified' | 'latestChars'>,
  first?: ContentObservation,
): Promise<PreparedContent[]> {
  const contents: PreparedContent[] = [];
  // A check already under way sees it through: its re-fetches wait their turn at the host (a changed
  // page, a few in a hundred checks), where postponing would throw away the fetch just made.
  const { hostWaitLimitMs: _postponable, stop: _stoppable, ...waiting } = deps;
  for (let i = 0; i < CONFIRMATION_FETCHES; i++) {
    const again = await observe(waiting, head, { conditional: false, ...(first ? { sameAs: first } : {}) });
    if (again.kind === 'content' && again.verdict.kind !== 'rejected') contents.push(again.content);
  }
  return contents;
}
