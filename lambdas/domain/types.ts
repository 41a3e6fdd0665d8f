// The records every part of the monitor speaks in. Stored items, API JSON and
// `monitor export` lines are all derived from these shapes.
import type { ChangeKind } from './change-kinds/registry';

/** What the extractor sees in one HTML page. */
export interface ExtractedArticle {
  title: string;
  byline: string;
  /** ISO 8601, or null when the page states no date. */
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  language: string | null;
  /** Body text, one entry per block (paragraph, heading, list item, quote). */
  paragraphs: string[];
  /** `paragraphs.join('\n\n')`. */
  text: string;
}

/** Per-source extraction rules from the config: data, never code. */
export interface ExtractionRules {
  /** CSS selectors whose elements hold the article body. */
  include?: string[];
  /** CSS selectors removed before extraction. */
  drop?: string[];
}

type ArticleStatus = 'active' | 'removed' | 'retired';

// The kinds, their order and their meaning live in the change-kind registry.
export { CHANGE_KINDS, type ChangeKind } from './change-kinds/registry';

/** A version's place in the article's history, remembered on the head for revert detection. */
export interface KnownHash {
  hash: string;
  version: number;
}

/**
 * The article's head item: small, no body text, rewritten on every check.
 * `versionCount` and `changeCount` double as the optimistic-concurrency guard.
 */
export interface ArticleHead {
  /** Normalised URL the article is watched under. */
  url: string;
  source: string;
  status: ArticleStatus;
  firstSeenAt: string;
  lastCheckedAt: string | null;
  lastChangedAt: string | null;
  versionCount: number;
  changeCount: number;
  /**
   * The version the live page currently matches: usually versionCount - 1, an
   * older one after a revert (a return to earlier text is not stored twice). Null before version 0.
   */
  currentVersion: number | null;
  /** Length of the current version's text, to spot a collapsed extraction without reading it. */
  latestChars: number | null;
  /** Hash of the current version's comparable content, null before version 0. */
  contentHash: string | null;
  latestTitle: string | null;
  /** When the next check is due; null once retired. */
  nextCheckAt: string | null;
  /**
   * The interval (seconds) whose slot grid nextCheckAt lies on (schedule.ts), which places the head
   * in a periodic lane of the due index; null for a one-off time (first check, retry, Retry-After).
   */
  checkEvery: number | null;
  etag: string | null;
  lastModified: string | null;
  /** Consecutive transient failures, for backoff. */
  failureCount: number;
  lastError: string | null;
  /** Hash prefixes of recent versions (newest last, bounded) so a return to old text is a revert. */
  knownHashes: KnownHash[];
  /** Content hashes seen alternating with the current one (A/B tests, rotating variants). */
  variantHashes: string[];
  flapping: boolean;
  /** A drastic shrink seen once, waiting for a second sighting before it is recorded. */
  pendingShrinkHash: string | null;
  /**
   * A suppressed variant that the last check saw on every fetch. Seen that way
   * on two checks in a row it is no variant but the new text (a real edit that
   * a stale cache made look like an alternation).
   */
  steadyVariantHash: string | null;
  /** Where the article now lives, if it moved (redirect or new canonical URL). */
  currentUrl: string | null;
  /** When it was paused: it keeps its history and listings but is not checked until resumed. */
  pausedAt: string | null;
  /** When it was unwatched: no longer checked or listed, its history kept as evidence. Watching it again undoes this. */
  unwatchedAt: string | null;
  /**
   * Fingerprint of the extraction settings (the source's extract rules and the extractor's version)
   * that produced the current version; null before version 0 and for heads stored before fingerprints.
   */
  extractionFingerprint: string | null;
  /**
   * Where in the page the current text was read from (page-signature.ts): while those stretches stay
   * as they were, a check knows the text without extracting it. Null until a page is signed.
   */
  pageSignature: string | null;
}

export interface VersionRecord {
  url: string;
  version: number;
  capturedAt: string;
  title: string;
  byline: string;
  publishedAt: string | null;
  text: string;
  /** Hash of the comparable content (title, byline, paragraphs; volatile text removed). */
  hash: string;
  /** True when this version differs from the previous one only in whitespace, typography or case. */
  boring: boolean;
  /** The page's dated update line when this version was captured, kept out of `text` (see PreparedContent). */
  updateLine?: string | null;
  /** The extraction settings' fingerprint this text was extracted with (absent on versions stored before fingerprints). */
  extractionFingerprint?: string;
  /**
   * A new baseline, not an edit: the extraction settings changed, so the text was captured afresh.
   * No change record goes with it, so feeds, filters, notifications and stealth counts never see it.
   */
  rebaselined?: boolean;
}

/** Version metadata without its body text, for history listings. */
export type VersionSummary = Omit<VersionRecord, 'text'> & { chars: number };

/** A short before/after excerpt of one edit, for feeds and listings. */
export interface ChangeExcerpt {
  before: string;
  after: string;
}

export interface ChangeRecord {
  url: string;
  source: string;
  /** Version diffed from; equal to `to` for status changes (removed, restored, url-changed) with no new version. */
  from: number;
  to: number;
  detectedAt: string;
  kinds: ChangeKind[];
  boring: boolean;
  /** A substantive change that came with no correction or update notice. */
  stealth: boolean;
  /** 0..1, how much a reader would care. */
  significance: number;
  charsAdded: number;
  charsRemoved: number;
  /** Article title at `to`, for feeds. */
  title: string;
  /** One line in words: what changed. */
  summary: string;
  excerpts: ChangeExcerpt[];
  /** For url-changed: the new address. */
  newUrl?: string;
}

/**
 * One check's sighting of a text the page alternates with its current version (an A/B headline
 * test, a rotating paragraph): suppressed, never a version, but kept so a reader learns what it said.
 */
export interface VariantSighting {
  url: string;
  source: string;
  /** Full content hash of the variant text. */
  hash: string;
  /** The variant's headline. */
  title: string;
  /** The headline of the current version it alternated with ("A" to the variant's "B"). */
  currentTitle: string;
  /** At most MAX_VARIANT_EXCERPT characters of the variant's text where it differs from the current version; empty when only the headline differs. */
  excerpt: string;
  seenAt: string;
}

/** A variant as stored: its latest sighting's words, and how often and since when it was seen. */
export interface VariantRecord extends Omit<VariantSighting, 'seenAt'> {
  firstSeenAt: string;
  lastSeenAt: string;
  /** Checks that saw it (one per check, however many of its fetches did). */
  seenCount: number;
}

/** Public JSON shapes (API and `monitor export`). */
export interface ArticleJson {
  type: 'article';
  url: string;
  source: string;
  status: ArticleStatus;
  firstSeenAt: string;
  lastCheckedAt: string | null;
  lastChangedAt: string | null;
  versionCount: number;
  /** How many changes are recorded, boring ones included. */
  changeCount: number;
  /** The title of the current version, null before version 0. */
  title: string | null;
  flapping: boolean;
  currentUrl: string | null;
  pausedAt: string | null;
  unwatchedAt: string | null;
}

export interface VersionJson {
  type: 'version';
  url: string;
  version: number;
  capturedAt: string;
  title: string;
  byline: string;
  publishedAt: string | null;
  text: string;
  hash: string;
  boring: boolean;
  /** Present (true) only on a version captured afresh because the extraction settings changed. */
  rebaselined?: true;
}

/** A version as listed in an article's history: metadata and size, no body text. */
export type VersionListingJson = Omit<VersionJson, 'text'> & { chars: number };

export interface ChangeJson {
  type: 'change';
  url: string;
  from: number;
  to: number;
  detectedAt: string;
  kinds: ChangeKind[];
  boring: boolean;
  stealth: boolean;
  significance: number;
  charsAdded: number;
  charsRemoved: number;
  summary: string;
  newUrl?: string;
}

export interface VariantJson {
  type: 'variant';
  url: string;
  hash: string;
  /** True when the variant's headline differs from the current version's: a headline test. */
  headlineTest: boolean;
  title: string;
  currentTitle: string;
  excerpt: string;
  firstSeenAt: string;
  lastSeenAt: string;
  seenCount: number;
}
