// The custom CloudWatch metrics the handlers publish (as EMF log lines) and the
// alarms in lib/alarms.ts watch, named in one place so the two cannot drift.
// Plain data: the CDK app reads it without loading Powertools.

export const METRICS_NAMESPACE = 'ArticleMonitor';

/** The `service` dimension Powertools puts on every metric of a handler. */
export const METRIC_SERVICE = { check: 'check', dispatch: 'dispatch' } as const;

export const CHECK_METRICS = {
  /** Count per check, with an `Outcome` dimension (unchanged, new-version, failed, dropped, deferred, …). */
  checks: 'Checks',
  /** Versions written (new versions, reverts, rebaselines, first versions). */
  versionsRecorded: 'VersionsRecorded',
  /** Checks that broke on fetching or extracting, with a `Cause` dimension (timeout, dns, tls, …). */
  fetchFailures: 'FetchFailures',
  /** Milliseconds from loading the head to the saved result, per check. */
  checkDuration: 'CheckDuration',
  /** Messages handed back to the queue for a retryable failure (not for a deferral). */
  failedMessages: 'FailedMessages',
  /** Messages handed back unstarted because the invocation ran short of time. */
  deferredMessages: 'DeferredMessages',
} as const;

export const DISPATCH_METRICS = {
  /** Checks put on the queue this run. */
  queued: 'ChecksQueued',
  /** Due articles found past their due time by more than the dispatch lag allows. */
  overdue: 'OverdueArticles',
  /** Due articles left for the next run (budget spent). */
  deferred: 'ChecksDeferred',
} as const;

export const OUTCOME_DIMENSION = 'Outcome';
export const CAUSE_DIMENSION = 'Cause';
