// Why a check failed, as one short word for logs and the FetchFailures metric's
// Cause dimension: a handful of values (metric dimensions are billed per value),
// decided by error class, never by message text.
import {
  ExtractionLimitError,
  FetchConnectionRefusedError,
  FetchDnsError,
  FetchError,
  FetchRefusedError,
  FetchTimeoutError,
  FetchTlsError,
  MonitorError,
  ResponseTooLargeError,
  RobotsUnavailableError,
  StoreRejectedError,
  TooManyRedirectsError,
  UnsupportedContentError,
  VersionTooLargeError,
} from '../errors';

export type FailureCause =
  | 'timeout'
  | 'dns'
  | 'connection-refused'
  | 'tls'
  | 'robots'
  | 'refused'
  | 'too-large'
  | 'redirects'
  | 'unsupported-content'
  | 'network'
  | 'extraction'
  | 'store-rejected'
  | 'http-4xx'
  | 'http-5xx'
  | 'robots-disallowed'
  | 'not-an-article'
  | 'bad-redirect'
  | 'other';

/** An HTTP error status, as a cause: the class of status keeps the dimension's values few. */
export function httpCause(status: number): FailureCause {
  return status >= 500 ? 'http-5xx' : 'http-4xx';
}

/** The most specific class first: FetchDnsError is also a FetchNetworkError, which is a FetchError. */
const CAUSES: Array<[abstract new (...args: never[]) => Error, FailureCause]> = [
  [FetchTimeoutError, 'timeout'],
  [FetchDnsError, 'dns'],
  [FetchConnectionRefusedError, 'connection-refused'],
  [FetchTlsError, 'tls'],
  [RobotsUnavailableError, 'robots'],
  [FetchRefusedError, 'refused'],
  [ResponseTooLargeError, 'too-large'],
  [VersionTooLargeError, 'too-large'],
  [TooManyRedirectsError, 'redirects'],
  [UnsupportedContentError, 'unsupported-content'],
  [FetchError, 'network'],
  [ExtractionLimitError, 'extraction'],
  [StoreRejectedError, 'store-rejected'],
];

export function failureCause(error: unknown): FailureCause {
  if (!(error instanceof MonitorError)) return 'other';
  return CAUSES.find(([type]) => error instanceof type)?.[1] ?? 'other';
}
