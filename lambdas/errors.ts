// Every error the monitor raises on purpose. Callers catch these by class
// (instanceof), never by message text.

export class MonitorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input from a user (CLI argument, API body, config file) is not acceptable. Nothing was changed. */
export class InvalidInputError extends MonitorError {}
export class InvalidUrlError extends InvalidInputError {}
export class ConfigError extends InvalidInputError {}
export class UsageError extends InvalidInputError {}

export class NotFoundError extends MonitorError {}
export class ArticleNotFoundError extends NotFoundError {
  constructor(readonly url: string) {
    super(`not watched: ${url}`);
  }
}
export class VersionNotFoundError extends NotFoundError {
  constructor(readonly url: string, readonly version: number) {
    super(`no version ${version} of ${url}`);
  }
}

export class AuthError extends MonitorError {}

/** The head changed since it was read (another check got there first). Nothing was written. */
export class StaleHeadError extends MonitorError {
  constructor(readonly url: string) {
    super(`article head changed concurrently: ${url}`);
  }
}
export class ArticleExistsError extends MonitorError {
  constructor(readonly url: string) {
    super(`already watched: ${url}`);
  }
}

/** Anything that stopped a fetch from producing an HTTP response. */
export class FetchError extends MonitorError {
  /** Worth retrying later (timeouts, resets); false for refusals and caps. */
  readonly transient: boolean = false;
}
/** The fetch gate refused the URL or an address it resolved to. */
export class FetchRefusedError extends FetchError {}
export class TooManyRedirectsError extends FetchError {}
export class ResponseTooLargeError extends FetchError {}
export class FetchTimeoutError extends FetchError {
  override readonly transient = true;
}
export class FetchNetworkError extends FetchError {
  override readonly transient = true;
}

/** A store write whose records disagree with each other or with the head (a caller bug). Nothing was written. */
export class InconsistentWriteError extends MonitorError {}
/** A stored item lacks the shape the monitor writes (hand-edited or from an incompatible version). */
export class CorruptItemError extends MonitorError {}
/** The response is not text the monitor can read (an image, a PDF, an unknown content encoding). */
export class UnsupportedContentError extends FetchError {}

/** The first fetch of a URL showed it cannot be watched (refused, not found, not an article). Nothing was stored. */
export class WatchRefusedError extends InvalidInputError {}
/** Stored data contradicts itself (a head pointing at a missing version). */
export class StoreInconsistencyError extends MonitorError {}
/** A per-source extraction rule (CSS selector) that cannot be used. */
export class InvalidExtractionRuleError extends ConfigError {}
/** DynamoDB kept refusing part of a batch (sustained throttling); retrying later may succeed. */
export class StoreBusyError extends MonitorError {}
/**
 * Some change notifications could not be delivered (the topic refused them or could not be reached).
 * `undelivered` holds their positions in the list the caller passed; every other one was delivered.
 */
export class NotificationDeliveryError extends MonitorError {
  constructor(message: string, readonly undelivered: number[], options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A version's text would not fit in one stored item even compressed. Nothing was written. */
export class VersionTooLargeError extends MonitorError {}

/**
 * The extractor stopped reading a page: it is bigger, deeper or has more
 * elements than any article page, or it ran past its time budget. Nothing
 * may be stored from it; `limit` says which bound it broke.
 */
export class ExtractionLimitError extends MonitorError {
  constructor(readonly limit: 'size' | 'depth' | 'elements' | 'time', message: string) {
    super(message);
  }
}
