// Every error the monitor raises on purpose. Callers catch these by class
// (instanceof), never by message text. Each class also says what kind of
// failure it is; every edge (web responses, CLI exit codes, queue retries)
// maps those kinds in one policy of its own (web/error-responses.ts,
// cli/error-policy.ts, handlers/error-policy.ts).

/**
 * - invalid-input: the caller sent something unusable; nothing was changed. Not worth retrying.
 * - not-found: what was asked for is not there.
 * - unauthorized: the caller did not prove who it is.
 * - refused: the fetch gate or the site will not let this URL be fetched.
 * - upstream: the remote site failed to answer usefully.
 * - conflict: another writer got there first; reading again and retrying may succeed.
 * - busy: a dependency is overloaded or unreachable for now; retrying later may succeed.
 * - broken: stored data or a deployment is not as the code expects; an operator must look.
 */
export type FailureKind = 'invalid-input' | 'not-found' | 'unauthorized' | 'refused' | 'upstream' | 'conflict' | 'busy' | 'broken';

export class MonitorError extends Error {
  readonly kind: FailureKind = 'broken';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input from a user (CLI argument, API body, config file) is not acceptable. Nothing was changed. */
export class InvalidInputError extends MonitorError {
  override readonly kind: FailureKind = 'invalid-input';
}
export class InvalidUrlError extends InvalidInputError {}
export class ConfigError extends InvalidInputError {}
/** A command line the CLI cannot run as written. `command` names the command whose usage to show. */
export class UsageError extends InvalidInputError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

class NotFoundError extends MonitorError {
  override readonly kind: FailureKind = 'not-found';
}
export class ArticleNotFoundError extends NotFoundError {
  constructor(readonly url: string) {
    super(`not watched: ${url}`);
  }
}
export class VersionNotFoundError extends NotFoundError {
  /** @param versionCount how many versions the article has, so the message can name the valid range. */
  constructor(
    readonly url: string,
    readonly version: number,
    readonly versionCount?: number,
  ) {
    super(`no version ${version} of ${url}${versionRange(versionCount)}`);
  }
}

function versionRange(versionCount: number | undefined): string {
  if (versionCount === undefined) return '';
  if (versionCount === 0) return ' (no version has been stored yet)';
  if (versionCount === 1) return ' (it has only version 0)';
  return ` (it has versions 0 to ${versionCount - 1})`;
}

/** The article is watched, but its state does not allow what was asked (checking a paused article, pausing an unwatched one). */
export class ArticleStateError extends InvalidInputError {}

/** The head changed since it was read (another check got there first). Nothing was written. */
export class StaleHeadError extends MonitorError {
  override readonly kind: FailureKind = 'conflict';
  constructor(readonly url: string) {
    super(`article head changed concurrently: ${url}`);
  }
}
export class ArticleExistsError extends MonitorError {
  override readonly kind: FailureKind = 'conflict';
  constructor(readonly url: string) {
    super(`already watched: ${url}`);
  }
}

/** Anything that stopped a fetch from producing an HTTP response. */
export class FetchError extends MonitorError {
  override readonly kind: FailureKind = 'upstream';
  /** Worth retrying later (timeouts, resets); false for refusals and caps. */
  readonly transient: boolean = false;
}
/** The fetch gate refused the URL or an address it resolved to. */
export class FetchRefusedError extends FetchError {
  override readonly kind: FailureKind = 'refused';
}
export class TooManyRedirectsError extends FetchError {}
export class ResponseTooLargeError extends FetchError {}
export class FetchTimeoutError extends FetchError {
  override readonly transient = true;
}
export class FetchNetworkError extends FetchError {
  override readonly transient: boolean = true;
}
/** The host's name could not be resolved. `transient` is false when DNS answered that the name does not exist. */
export class FetchDnsError extends FetchNetworkError {
  override readonly transient: boolean;
  constructor(message: string, transient: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.transient = transient;
  }
}
/** Nothing listens at the host's address and port (the server is down). */
export class FetchConnectionRefusedError extends FetchNetworkError {}
/** The TLS handshake failed (an invalid, expired or self-signed certificate, no common protocol): the site must fix it. */
export class FetchTlsError extends FetchError {}
/** robots.txt could not be read (unreachable, or a 5xx/429 answer), so nothing else of the site is fetched for now. */
export class RobotsUnavailableError extends FetchError {
  override readonly transient = true;
}

/** A store write whose records disagree with each other or with the head (a caller bug). Nothing was written. */
export class InconsistentWriteError extends MonitorError {}
/** A stored item lacks the shape the monitor writes (hand-edited or from an incompatible version). */
export class CorruptItemError extends MonitorError {}
/** A page could not be read because the worker thread reading it failed or was stopped. */
export class ContentWorkerError extends MonitorError {}
/** The response is not text the monitor can read (an image, a PDF, an unknown content encoding). */
export class UnsupportedContentError extends FetchError {}

/** The first fetch of a URL showed it cannot be watched (refused, not found, not an article). Nothing was stored. */
export class WatchRefusedError extends InvalidInputError {}
/** Stored data contradicts itself (a head pointing at a missing version). */
export class StoreInconsistencyError extends MonitorError {}
/** A per-source extraction rule (CSS selector) that cannot be used. */
export class InvalidExtractionRuleError extends ConfigError {}
/** DynamoDB kept refusing part of a batch (sustained throttling); retrying later may succeed. */
export class StoreBusyError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
}
/**
 * Some change notifications could not be delivered (the topic refused them or could not be reached).
 * `undelivered` holds their positions in the list the caller passed; every other one was delivered.
 */
export class NotificationDeliveryError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
  constructor(
    message: string,
    readonly undelivered: number[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A version's text would not fit in one stored item even compressed. Nothing was written. */
export class VersionTooLargeError extends MonitorError {}

/** DynamoDB did not answer in time or could not be reached; the call may or may not have taken effect. */
export class StoreUnavailableError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
}
/** DynamoDB refused a request as invalid (an item over its 400 KB limit, say). Nothing was written. */
export class StoreRejectedError extends MonitorError {}

/** The DynamoDB Local of a data folder could not be started (no Java, it never answered), or the one running there does not answer. */
export class DynamoLocalStartError extends MonitorError {}

/**
 * A fetch would have had to wait longer than its caller allows for its turn at the host (another
 * request to the same site is in flight or just started). Nothing was fetched; `retryAfterMs` is
 * when the host's next turn comes. The check worker queues the check again for then instead of
 * sleeping in billed time.
 */
export class HostBusyError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * The run was stopped (Ctrl+C) while this fetch still waited for its turn at the host: nothing was
 * fetched or written, and the check counts as never started.
 */
export class FetchNotStartedError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
}

/** SQS kept refusing some check messages. */
export class QueueSendError extends MonitorError {
  override readonly kind: FailureKind = 'busy';
}

/**
 * The extractor stopped reading a page: it is bigger, deeper or has more
 * elements than any article page, or it ran past its time budget. Nothing
 * may be stored from it; `limit` says which bound it broke.
 */
export class ExtractionLimitError extends MonitorError {
  constructor(
    readonly limit: 'size' | 'depth' | 'elements' | 'time',
    message: string,
  ) {
    super(message);
  }
}
