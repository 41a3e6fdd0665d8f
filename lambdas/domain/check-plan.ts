// What one check of an article records, decided from the stored head and what
// the fetch observed. Pure: the checker does the I/O and hands the result here.
//
// The rules (each has a test in test/check):
// - same comparable content: no version, one head write; so is a page whose signed
//   stretches are all unchanged (page-signature.ts), which is not extracted at all;
// - a failed fetch, an HTTP error, a wall or a collapsed extraction: never a version;
//   transient failures back off and leave the versions alone;
// - a drastic shrink is recorded only when the next check sees it again;
// - content that differs between the first fetch and its confirmation re-fetches
//   is a rotating variant (A/B test): no version, the article is marked flapping;
//   a variant that every fetch of two checks in a row agrees on is the new text after all;
// - a return to the text of an earlier version is a `revert` change to that
//   version, not a new copy of it; the second revert among the same texts marks
//   the article flapping and later alternations record nothing;
// - 404/410 is one `removed` change; content after that is `restored`;
// - a new address (redirect or canonical) is `url-changed`;
// - text cut under other extraction settings (the source's rules or the
//   extractor changed) is a new baseline version noted `rebaselined`, with no
//   change record: settings are the operator's doing, not the publisher's.
import type { FailureCause } from './failure-cause';
import type { MonitorConfig } from './config';
import { classifyChange } from './classify';
import type { PreparedContent } from './content';
import { diffArticles } from './diff/index';
import type { DiffSide } from './diff/types';
import type { PageVerdict } from './page-quality';
import { encodeSignature, type SignedSources, signatureAfterSameText } from './page-signature';
import { nextCheck, retryAt } from './schedule';
import type { ArticleHead, ChangeKind, ChangeRecord, KnownHash, VersionRecord } from './types';

/** How many version hashes the head remembers for revert detection. */
const KNOWN_HASH_LIMIT = 20;
/** How many alternating variants the head remembers. */
const VARIANT_LIMIT = 8;

/**
 * The head keeps hash prefixes, not whole hashes: 64 bits tell one article's
 * versions apart, and the head stays under one DynamoDB write unit.
 */
export function headHash(hash: string): string {
  return hash.slice(0, 16);
}

export type Observation =
  | {
      kind: 'content';
      content: PreparedContent;
      verdict: PageVerdict;
      /** Normalised canonical URL, or the URL after redirects when the page names none. */
      effectiveUrl: string;
      etag: string | null;
      lastModified: string | null;
      publishedAt: string | null;
      /** Hashes from immediate re-fetches made because the content differed; empty otherwise. */
      confirmationHashes: string[];
      /** The re-fetches' content, in the same order, when the checker kept it (to record what the variants said). */
      confirmations?: PreparedContent[];
      /**
       * The extraction settings this content was extracted with (extractionFingerprint()); observe()
       * always sets it. Without it the settings count as unchanged.
       */
      extractionFingerprint?: string;
      /** Where in the page the text was read from, to sign it (observe() sets it; null when it cannot be pinned down). */
      sources?: SignedSources | null;
    }
  | { kind: 'not-modified' }
  /** A full answer whose signed stretches are all as they were: the current text, known without reading it. */
  | { kind: 'signed-unchanged'; etag: string | null; lastModified: string | null }
  | { kind: 'gone'; status: number }
  | { kind: 'transient'; reason: string; retryAfterMs: number | null; cause?: FailureCause }
  | { kind: 'failed'; reason: string; cause?: FailureCause };

export type CheckOutcome =
  | 'first-version'
  | 'unchanged'
  | 'new-version'
  | 'revert'
  | 'variant-suppressed'
  | 'shrink-pending'
  | 'rejected'
  | 'retry-later'
  | 'failed'
  | 'removed'
  | 'still-removed'
  | 'restored'
  | 'url-changed'
  | 'rebaselined';

export interface PlanContext {
  now: Date;
  schedule: MonitorConfig['schedule'];
  random: () => number;
}

export interface CheckResult {
  outcome: CheckOutcome;
  next: ArticleHead;
  version?: VersionRecord;
  change?: ChangeRecord;
  /** Why nothing was recorded, for rejected/failed/retry outcomes. */
  reason?: string;
  /** On variant-suppressed: each distinct text seen this check that is not the current version. */
  variants?: PreparedContent[];
}

/** A content change needs the current version's text before it can be diffed. */
export interface NeedsPrevious {
  outcome: 'needs-previous';
  /** Version to load, or null before version 0. */
  version: number | null;
}

export function planCheck(head: ArticleHead, observation: Observation, context: PlanContext): CheckResult | NeedsPrevious {
  const { now } = context;
  const checked: ArticleHead = { ...head, lastCheckedAt: now.toISOString() };
  // The site answered: whatever failed before has passed.
  const answered: ArticleHead = { ...checked, failureCount: 0, lastError: null };

  switch (observation.kind) {
    case 'transient':
    case 'failed': {
      const retryAfterMs = observation.kind === 'transient' ? observation.retryAfterMs : null;
      return {
        outcome: observation.kind === 'transient' ? 'retry-later' : 'failed',
        reason: observation.reason,
        next: failed(checked, observation.reason, retryAfterMs, context),
      };
    }
    case 'not-modified':
      return { outcome: head.status === 'removed' ? 'still-removed' : 'unchanged', next: scheduled(answered, context) };
    case 'signed-unchanged':
      return { outcome: 'unchanged', next: scheduled({ ...answered, etag: observation.etag, lastModified: observation.lastModified }, context) };
    case 'gone': {
      // Validators are forgotten, so a return of the same page is fetched whole and seen as restored, not as 304.
      const gone: ArticleHead = { ...answered, etag: null, lastModified: null };
      if (head.status === 'removed') return { outcome: 'still-removed', next: scheduled(gone, context) };
      const removed = scheduled({ ...gone, status: 'removed' }, context);
      if (head.currentVersion === null) return { outcome: 'removed', next: removed };
      return withStatusChange(removed, head, ['removed'], `Article removed (HTTP ${observation.status})`, context);
    }
    case 'content':
      return planContent(head, checked, observation, context);
  }
}

function planContent(
  head: ArticleHead,
  checked: ArticleHead,
  observation: Extract<Observation, { kind: 'content' }>,
  context: PlanContext,
): CheckResult | NeedsPrevious {
  const { content, verdict } = observation;
  if (verdict.kind === 'rejected') {
    return { outcome: 'rejected', reason: verdict.reason, next: failed(checked, `not recorded: ${verdict.reason}`, null, context) };
  }
  // Until this text is recorded (or is the current one), the old validators stay: with the new
  // ones the next check would get 304 and never see the text it is waiting to confirm.
  const fetched: ArticleHead = { ...checked, failureCount: 0, lastError: null };
  if (head.contentHash === null) return { outcome: 'needs-previous', version: null };

  const statusKinds = statusKindsFor(head, observation.effectiveUrl);
  if (content.hash === head.contentHash) {
    // Seeing the current text again also breaks any run of checks that saw only a variant.
    const unchanged = scheduled(
      {
        ...fetched,
        etag: observation.etag,
        lastModified: observation.lastModified,
        pendingShrinkHash: null,
        steadyVariantHash: null,
        status: 'active',
        currentUrl: observation.effectiveUrl,
        // Other settings that cut the same text: the current version stands for them too.
        extractionFingerprint: observation.extractionFingerprint ?? head.extractionFingerprint,
        pageSignature:
          observation.sources === undefined ? head.pageSignature : signatureAfterSameText(head.pageSignature, observation.sources, content.hash, context.now),
      },
      context,
    );
    if (statusKinds.length === 0) return { outcome: 'unchanged', next: unchanged };
    return withStatusChange(unchanged, head, statusKinds, statusSummary(statusKinds, observation.effectiveUrl), context, observation.effectiveUrl);
  }

  const { extractionFingerprint } = observation;
  if (extractionFingerprint !== undefined && head.extractionFingerprint !== null && head.extractionFingerprint !== extractionFingerprint) {
    return rebaselined(head, observation, extractionFingerprint, statusKinds, context);
  }

  const short = headHash(content.hash);
  const seenDifferent = observation.confirmationHashes.filter((hash) => hash !== content.hash).map(headHash);
  const steady = seenDifferent.length === 0 && observation.confirmationHashes.length > 0;
  const knownVariant = head.flapping && head.variantHashes.includes(short);
  const promoted = knownVariant && steady && head.steadyVariantHash === short;
  if (seenDifferent.length > 0 || (knownVariant && !promoted)) {
    // The page answers with different texts from one moment to the next: a test or a rotation, not an edit.
    const variants = new Set([...head.variantHashes, short, ...seenDifferent]);
    variants.delete(headHash(head.contentHash));
    return {
      outcome: 'variant-suppressed',
      variants: variantsSeen(head, observation),
      next: scheduled(
        {
          ...fetched,
          flapping: true,
          variantHashes: [...variants].slice(-VARIANT_LIMIT),
          steadyVariantHash: knownVariant && steady ? short : null,
        },
        context,
      ),
    };
  }

  if (verdict.kind === 'shrunk' && head.pendingShrinkHash !== short) {
    return {
      outcome: 'shrink-pending',
      reason: `text shrank to ${Math.round(verdict.ratio * 100)}% of the last version; waiting for the next check to confirm`,
      next: scheduled({ ...fetched, pendingShrinkHash: short }, context),
    };
  }

  const known = head.knownHashes.find((entry) => entry.hash === short);
  if (known && head.variantHashes.includes(short) && !promoted) {
    // Second return to a text already reverted to: the article alternates. Stop recording it.
    return {
      outcome: 'variant-suppressed',
      variants: variantsSeen(head, observation),
      next: scheduled({ ...fetched, flapping: true }, context),
    };
  }
  return { outcome: 'needs-previous', version: head.currentVersion };
}

/** The distinct texts one check saw that are not the current version: the variants it suppressed. */
function variantsSeen(head: ArticleHead, observation: Extract<Observation, { kind: 'content' }>): PreparedContent[] {
  const seen = new Map<string, PreparedContent>();
  for (const content of [observation.content, ...(observation.confirmations ?? [])]) {
    if (content.hash !== head.contentHash && !seen.has(content.hash)) seen.set(content.hash, content);
  }
  return [...seen.values()];
}

/**
 * Completes a check whose content differs from the current version (or is the first),
 * given that version's record (null before version 0).
 */
export function planContentChange(
  head: ArticleHead,
  observation: Extract<Observation, { kind: 'content' }>,
  previous: VersionRecord | null,
  context: PlanContext,
): CheckResult {
  const { content } = observation;
  const nowIso = context.now.toISOString();
  const base: ArticleHead = {
    ...head,
    lastCheckedAt: nowIso,
    etag: observation.etag,
    lastModified: observation.lastModified,
    failureCount: 0,
    lastError: null,
    pendingShrinkHash: null,
    steadyVariantHash: null,
    status: 'active',
    contentHash: content.hash,
    latestChars: content.text.length,
    latestTitle: content.title || head.latestTitle,
    currentUrl: observation.effectiveUrl,
    extractionFingerprint: observation.extractionFingerprint ?? head.extractionFingerprint,
    pageSignature: signatureOf(observation, context.now),
  };

  if (previous === null) {
    const version = versionRecord(head, content, observation, 0, nowIso, false);
    const next = scheduled(
      {
        ...base,
        versionCount: 1,
        currentVersion: 0,
        lastChangedAt: nowIso,
        knownHashes: [{ hash: headHash(content.hash), version: 0 }],
      },
      context,
    );
    return { outcome: 'first-version', next, version };
  }

  // Each side's dated update line leads its paragraphs, so an edit that came with a new one reads as an update notice.
  const before = withUpdateLine(sideOf(previous.title, previous.byline, previous.text), previous.updateLine ?? null);
  const after = withUpdateLine({ title: content.title, byline: content.byline, paragraphs: content.paragraphs }, content.updateLine);
  const diff = diffArticles(before, after);
  const classification = classifyChange(before, after, diff);
  const statusKinds = statusKindsFor(head, observation.effectiveUrl);
  const known = head.knownHashes.find((entry) => entry.hash === headHash(content.hash));
  const kinds: ChangeKind[] = [...(known ? (['revert'] as const) : []), ...classification.kinds, ...statusKinds];
  const toVersion = known ? known.version : head.versionCount;
  const summaryPrefix = known ? `Reverted to version ${known.version}` : '';
  const change: ChangeRecord = {
    url: head.url,
    source: head.source,
    from: previous.version,
    to: toVersion,
    detectedAt: nowIso,
    kinds: unique(kinds),
    boring: classification.boring,
    stealth: classification.stealth,
    significance: classification.significance,
    charsAdded: diff.charsAdded,
    charsRemoved: diff.charsRemoved,
    title: content.title,
    summary: [summaryPrefix, classification.summary, statusKinds.length ? statusSummary(statusKinds, observation.effectiveUrl) : ''].filter(Boolean).join('; '),
    excerpts: classification.excerpts,
    ...(statusKinds.includes('url-changed') ? { newUrl: observation.effectiveUrl } : {}),
  };
  const changed: ArticleHead = {
    ...base,
    changeCount: head.changeCount + 1,
    currentVersion: toVersion,
    lastChangedAt: classification.boring ? head.lastChangedAt : nowIso,
  };

  if (known) {
    const variants = new Set([...head.variantHashes, headHash(content.hash), headHash(previous.hash)]);
    return {
      outcome: 'revert',
      next: scheduled({ ...changed, variantHashes: [...variants].slice(-VARIANT_LIMIT) }, context),
      change,
    };
  }
  const version = versionRecord(head, content, observation, head.versionCount, nowIso, classification.boring);
  const knownHashes: KnownHash[] = [...head.knownHashes, { hash: headHash(content.hash), version: version.version }].slice(-KNOWN_HASH_LIMIT);
  // A genuinely new text ends any alternation we were suppressing.
  const next = scheduled({ ...changed, versionCount: head.versionCount + 1, knownHashes, flapping: false, variantHashes: [] }, context);
  return { outcome: 'new-version', next, version, change };
}

function sideOf(title: string, byline: string, text: string): DiffSide {
  return { title, byline, paragraphs: text ? text.split('\n\n') : [] };
}

function withUpdateLine(side: DiffSide, updateLine: string | null): DiffSide {
  return updateLine === null ? side : { ...side, paragraphs: [updateLine, ...side.paragraphs] };
}

function versionRecord(
  head: ArticleHead,
  content: PreparedContent,
  observation: Extract<Observation, { kind: 'content' }>,
  version: number,
  capturedAt: string,
  boring: boolean,
): VersionRecord {
  return {
    url: head.url,
    version,
    capturedAt,
    title: content.title,
    byline: content.byline,
    publishedAt: observation.publishedAt,
    text: content.text,
    hash: content.hash,
    boring,
    ...(content.updateLine !== null ? { updateLine: content.updateLine } : {}),
    ...(observation.extractionFingerprint !== undefined ? { extractionFingerprint: observation.extractionFingerprint } : {}),
  };
}

/**
 * The text differs, but it was cut under other extraction settings than the current version:
 * comparing the two would report the operator's change of settings as the publisher's edit.
 * The new text becomes a baseline version of its own, with no change record (so no feed,
 * filter, notification or stealth count ever sees it). Only a status change seen at the same
 * time (restored, moved) is recorded as a change, pointing at the new baseline.
 */
function rebaselined(
  head: ArticleHead,
  observation: Extract<Observation, { kind: 'content' }>,
  fingerprint: string,
  statusKinds: ChangeKind[],
  context: PlanContext,
): CheckResult {
  const { content } = observation;
  const nowIso = context.now.toISOString();
  const number = head.versionCount;
  const version: VersionRecord = { ...versionRecord(head, content, observation, number, nowIso, false), rebaselined: true };
  const next = scheduled(
    {
      ...head,
      lastCheckedAt: nowIso,
      etag: observation.etag,
      lastModified: observation.lastModified,
      failureCount: 0,
      lastError: null,
      status: 'active',
      versionCount: number + 1,
      currentVersion: number,
      contentHash: content.hash,
      latestChars: content.text.length,
      latestTitle: content.title || head.latestTitle,
      currentUrl: observation.effectiveUrl,
      extractionFingerprint: fingerprint,
      pageSignature: signatureOf(observation, context.now),
      knownHashes: [...head.knownHashes, { hash: headHash(content.hash), version: number }].slice(-KNOWN_HASH_LIMIT),
      // Variants and pending shrinks were judged on texts cut the old way.
      variantHashes: [],
      flapping: false,
      pendingShrinkHash: null,
      steadyVariantHash: null,
    },
    context,
  );
  if (statusKinds.length === 0) return { outcome: 'rebaselined', next, version };
  const withStatus = withStatusChange(
    next,
    { ...head, currentVersion: number, latestTitle: next.latestTitle },
    statusKinds,
    statusSummary(statusKinds, observation.effectiveUrl),
    context,
    observation.effectiveUrl,
  );
  return { ...withStatus, outcome: 'rebaselined', version };
}

function statusKindsFor(head: ArticleHead, effectiveUrl: string): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  if (head.status === 'removed') kinds.push('restored');
  if (head.currentUrl !== null && head.currentUrl !== effectiveUrl) kinds.push('url-changed');
  return kinds;
}

function statusSummary(kinds: ChangeKind[], effectiveUrl: string): string {
  const parts: string[] = [];
  if (kinds.includes('restored')) parts.push('Article is back online');
  if (kinds.includes('url-changed')) parts.push(`Article moved to ${effectiveUrl}`);
  return parts.join('; ');
}

/** A change with no new version: removal, restoration, a move. */
function withStatusChange(next: ArticleHead, head: ArticleHead, kinds: ChangeKind[], summary: string, context: PlanContext, newUrl?: string): CheckResult {
  const current = head.currentVersion ?? 0;
  const change: ChangeRecord = {
    url: head.url,
    source: head.source,
    from: current,
    to: current,
    detectedAt: context.now.toISOString(),
    kinds,
    boring: false,
    stealth: false,
    significance: 1,
    charsAdded: 0,
    charsRemoved: 0,
    title: head.latestTitle ?? '',
    summary,
    excerpts: [],
    ...(kinds.includes('url-changed') && newUrl !== undefined ? { newUrl } : {}),
  };
  const outcome: CheckOutcome = kinds.includes('removed') ? 'removed' : kinds.includes('restored') ? 'restored' : 'url-changed';
  return { outcome, next: { ...next, changeCount: head.changeCount + 1 }, change };
}

/** The head keeps this much of an error's text: enough to say what happened, never enough to bloat the item. */
export const MAX_ERROR_CHARS = 300;

function errorText(reason: string): string {
  const oneLine = reason.replace(/\s+/g, ' ').trim() || 'unknown error';
  return oneLine.length > MAX_ERROR_CHARS ? `${oneLine.slice(0, MAX_ERROR_CHARS - 1)}…` : oneLine;
}

/** A check that reached no usable article: back off, keep everything recorded as it is. */
function failed(head: ArticleHead, reason: string, retryAfterMs: number | null, context: PlanContext): ArticleHead {
  const failureCount = head.failureCount + 1;
  const at = retryAt(context.schedule, head, failureCount, retryAfterMs, context.now, context.random);
  return { ...head, failureCount, lastError: errorText(reason), nextCheckAt: at, checkEvery: null, status: at === null ? 'retired' : head.status };
}

/**
 * A check that broke before it could be recorded (a page the store cannot hold, a URL that cannot be
 * watched, a bug): the head is saved with the error and backs off, like any failed fetch, so the
 * article is not fetched again on every round. Nothing else is written.
 */
export function planFailure(head: ArticleHead, reason: string, context: PlanContext): CheckResult {
  const checked: ArticleHead = { ...head, lastCheckedAt: context.now.toISOString() };
  return { outcome: 'failed', reason: errorText(reason), next: failed(checked, reason, null, context) };
}

/** The signature of a text about to become the current one. */
function signatureOf(observation: Extract<Observation, { kind: 'content' }>, now: Date): string | null {
  return observation.sources ? encodeSignature(observation.sources, observation.content.hash, now) : null;
}

function scheduled(head: ArticleHead, context: PlanContext): ArticleHead {
  const next = nextCheck(context.schedule, head, context.now);
  if (next === null) return { ...head, nextCheckAt: null, checkEvery: null, status: 'retired' };
  return { ...head, nextCheckAt: next.at, checkEvery: next.every };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
