// The small interfaces between the pure domain, the services that wire it,
// and the adapters (DynamoDB, HTTP). Entry points choose the adapters.
import type { PageReading } from './domain/page-reading';
import type { ArticleHead, ChangeKind, ChangeRecord, ExtractionRules, VariantRecord, VariantSighting, VersionRecord, VersionSummary } from './domain/types';

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

/** An HTTP response that made it through the gate. Non-HTTP failures are thrown as FetchError. */
export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      /** URL after redirects. */
      finalUrl: string;
      contentType: string;
      /** The body as text, decoded by its charset. */
      body: string;
      /** The body as received (content encoding undone), when the fetcher kept it: what a page signature is checked on, undecoded. */
      bytes?: Buffer;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'not-modified'; finalUrl: string }
  | {
      kind: 'http-error';
      status: number;
      finalUrl: string;
      /** From Retry-After, when the server sent one. */
      retryAfterMs: number | null;
    };

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  /** Closes the connections it keeps for reuse; for when the process is done fetching. */
  close(): Promise<void>;
}

/** A page to read: its text, or its bytes as fetched, decoded where it is read (off the event loop, on a worker). */
export type PageSource = { text: string } | { bytes: Uint8Array; contentType: string };

/**
 * The CPU-heavy part of a check: reading a fetched page (readPage). In-process on Lambda (one vCPU);
 * on worker threads in local mode, so `serve` answers its pages while a round of checks runs.
 */
export interface ContentWork {
  /**
   * The page's bytes are handed over: a worker pool moves them to its thread instead of copying
   * them, which leaves the caller's Buffer empty. Nothing may read them after this call.
   */
  read(page: PageSource, url: string, rules: ExtractionRules | undefined): Promise<PageReading>;
  /** Lets go of any threads; work asked for afterwards runs in-process. */
  close(): Promise<void>;
}

/** What a save writes besides the head. */
export interface CheckWrites {
  version?: VersionRecord;
  change?: ChangeRecord;
  /**
   * An address the article moved to: from then on getArticle(alias) finds this article, and no
   * other article can be watched under it. Left out (the rest is still written) when another
   * article is already watched under that address.
   */
  alias?: string;
  /**
   * Variants this check suppressed (at most one per hash), each counted once more on its own item,
   * created on its first sighting. Written with the head, or not at all.
   */
  variants?: VariantSighting[];
}

export interface VariantQuery {
  source?: string;
  /** Variants first seen strictly before this ISO time. */
  before?: string;
  limit: number;
}

export interface ArticleListRequest {
  /** The `next` cursor of the previous page; the first page without it. */
  after?: string;
  /** At most this many articles. */
  limit: number;
  /** Keeps only the heads it accepts. */
  where?: (head: ArticleHead) => boolean;
}

export interface ArticleListPage {
  articles: ArticleHead[];
  /**
   * The cursor of the next page, or null after the last one. A page may come back short (even
   * empty) with a cursor when the filter skipped many articles: page until it is null.
   */
  next: string | null;
}

export interface ChangeQuery {
  source?: string;
  url?: string;
  kinds?: ChangeKind[];
  stealthOnly?: boolean;
  includeBoring?: boolean;
  limit?: number;
  /**
   * The cursor for the next, older page: an ISO time (changes detected strictly before it) or
   * `<time>#<article key>` from changeCursor(), which also keeps other articles' changes of that same instant.
   */
  before?: string;
}

export type { VersionSummary } from './domain/types';

export interface ArticleStore {
  /**
   * The article watched under this URL, or under an address that moved here: an alias written by
   * a url-changed save leads to the article's own head (whose `url` is then not the one asked for).
   */
  getArticle(url: string): Promise<ArticleHead | null>;
  /** The article whose head sits under this key (articleKey of its URL); null for none or for an alias. */
  getArticleByKey(key: string): Promise<ArticleHead | null>;
  /** Creates a new head (and version 0 if given). Throws ArticleExistsError if the URL is already watched. */
  createArticle(head: ArticleHead, version?: VersionRecord): Promise<void>;
  /**
   * Replaces `previous` with `next`, writing any version and change in the same
   * transaction, conditional on the stored head still having `previous`'s
   * versionCount, changeCount, pausedAt and unwatchedAt (so a check never undoes a pause it
   * did not see). Throws StaleHeadError otherwise; nothing is written then.
   */
  saveCheck(previous: ArticleHead, next: ArticleHead, writes?: CheckWrites): Promise<void>;
  getVersion(url: string, version: number): Promise<VersionRecord | null>;
  /** Oldest first. */
  listVersions(url: string): Promise<VersionSummary[]>;
  /** Newest first, across all articles unless filtered by source or url. */
  recentChanges(query: ChangeQuery): Promise<ChangeRecord[]>;
  /** Every article, in no particular order, page by page. */
  allArticles(): AsyncIterable<ArticleHead>;
  /**
   * One page of the watched articles, in a stable order of the store's choosing. Each call reads a
   * bounded number of articles. Throws InvalidInputError for a cursor it did not hand out.
   */
  listArticles(request: ArticleListRequest): Promise<ArticleListPage>;
  /**
   * Deletes the article under exactly this URL with every version, change and alias pointing at
   * it. Resumable: run again after an interruption, it deletes what is left. False if there was no
   * article. The caller unwatches it first, so no check writes to it meanwhile.
   */
  deleteArticle(url: string): Promise<boolean>;
  /** Every variant the article's checks suppressed, first seen first. */
  listVariants(url: string): Promise<VariantRecord[]>;
  /** Variants across all articles (or one source), newest first sighting first, for the feeds. */
  recentVariants(query: VariantQuery): Promise<VariantRecord[]>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** One message to change subscribers. The attributes are what SNS filter policies match on. */
export interface ChangeNotification {
  /** One plain line: no control characters, under 100 characters. */
  subject: string;
  /** JSON text. */
  body: string;
  attributes: {
    kinds: ChangeKind[];
    stealth: boolean;
    source: string;
    significance: number;
  };
}

export interface ChangePublisher {
  /** Delivers every message or throws NotificationDeliveryError naming the ones that were not delivered. */
  publish(messages: ChangeNotification[]): Promise<void>;
}

/** What robots.txt says about a URL, fetched and cached by the adapter. */
export interface RobotsPolicy {
  isAllowed(url: string): Promise<boolean>;
  crawlDelayMs(url: string): Promise<number | null>;
}

/** One check a dispatcher queued: the article by key (its URL may be long), and when it was judged due. */
export interface QueuedCheck {
  /** articleKey() of the article's URL. */
  key: string;
  /** ISO time the article was due at; a check whose head is no longer due by then is a duplicate and is skipped. */
  dueAt: string;
}

/**
 * One queue message: checks that may start together (at most one per host), held back
 * `delaySeconds` (0..900) so each host's checks are spaced by its politeness gap.
 * Body on SQS: `{"checks":[{"key","dueAt"}]}`.
 */
export interface CheckBatchMessage {
  checks: QueuedCheck[];
  delaySeconds: number;
}

/** Where dispatch puts due checks for the check workers (a standard SQS queue on AWS). */
export interface CheckQueue {
  /** Sends every message or throws QueueSendError; a message is delivered at least once. */
  enqueue(messages: CheckBatchMessage[]): Promise<void>;
}

/** A head as the due index holds it: enough to queue its check without reading the head. */
export interface DueEntry {
  /** articleKey() of the article's URL. */
  key: string;
  /** hostKeyOf() the article's URL. */
  hostKey: string;
  /** Its sort key in the lane: the zero-padded slot second (periodic lane) or an ISO due or lease time (one-off lane). */
  slot: string;
  /** How many times dispatch leased it (one-off lanes) without a check saving the head since. */
  leaseCount: number;
}

export interface DuePage {
  entries: DueEntry[];
  /** More entries may follow the last one: ask again with `after` set to it. */
  more: boolean;
}

/**
 * The due index (lanes in domain/due-lanes.ts) and the dispatcher's own bookkeeping: a cursor per
 * periodic lane and the time each busy host is next free. Every write is conditional on what was
 * read, so concurrent dispatchers never both claim the same window or lease the same head.
 */
export interface DueIndex {
  /** Every lane cursor stored: lane name → the epoch second the lane has been queued up to. */
  cursors(): Promise<Map<string, number>>;
  /** Moves a lane's cursor from `from` (null: the lane has none yet) to `to`; false when another dispatcher moved it first. */
  claim(lane: string, from: number | null, to: number): Promise<boolean>;
  /** A lane's entries with sort keys in [from, to], ascending, at most `limit`, starting after `after`. */
  entries(lane: string, from: string, to: string, limit: number, after?: DueEntry): Promise<DuePage>;
  /** How many entries of a lane have sort keys in [from, to]. */
  count(lane: string, from: string, to: string): Promise<number>;
  /** Moves the entry to `until` in its lane with one more lease, if it still sits where it was read; false otherwise. */
  lease(lane: string, entry: DueEntry, until: string): Promise<boolean>;
  /** Moves the entry to the one-off lane `to` at `at`, if it still sits where it was read; false otherwise. */
  defer(lane: string, entry: DueEntry, to: string, at: string): Promise<boolean>;
  /**
   * The hosts a dispatcher recorded as busy past its next run: hostKey → when the host is next free
   * (epoch ms). Only busy hosts are recorded, so this is one small read.
   */
  busyHosts(): Promise<Map<string, number>>;
  setHostFreeAt(hostKey: string, freeAtMs: number): Promise<void>;
  /** Drops a host's record if it still says `freeAtMs` (it has passed). */
  forgetHost(hostKey: string, freeAtMs: number): Promise<void>;
}
