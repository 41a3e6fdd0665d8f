// Logs and metrics of the Lambda handlers, through Powertools: JSON log lines
// with levels (LOG_LEVEL, INFO unless set) and CloudWatch metrics written as
// EMF log lines (no PutMetricData calls, nothing to wait on), flushed once per
// invocation. Only this ring (handlers) knows Powertools; services return plain
// reports that this file turns into lines and numbers.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { CAUSE_DIMENSION, CHECK_METRICS, DISPATCH_METRICS, METRIC_SERVICE, METRICS_NAMESPACE, OUTCOME_DIMENSION } from '../adapters/metric-names';
import type { BatchCheckResult, BatchReport, CheckTarget } from '../service/check-batch';
import { errorKind } from '../service/check-batch';

export function handlerLogger(serviceName: string): Logger {
  // Powertools reads LOG_LEVEL itself; INFO is its default too, stated here so it is not an accident.
  return new Logger({ serviceName, logLevel: logLevelFromEnv() });
}

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
type Level = (typeof LEVELS)[number];

function logLevelFromEnv(): Level {
  const wanted = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return (LEVELS as readonly string[]).includes(wanted) ? (wanted as Level) : 'INFO';
}

function handlerMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
}

const checkMetrics = handlerMetrics(METRIC_SERVICE.check);
let dispatchMetrics: Metrics | undefined;

/** Outcomes that record something a reader will see: logged at INFO, one line each. */
const NOTEWORTHY = new Set(['first-version', 'new-version', 'revert', 'removed', 'restored', 'url-changed']);
/** Outcomes that record a version. */
const VERSIONED = new Set(['first-version', 'new-version', 'revert', 'rebaselined']);

function targetName(target: CheckTarget): { key: string } | { url: string } {
  return 'url' in target ? { url: target.url } : { key: target.key };
}

/** What a check became, as the Outcome dimension: the checker's outcome, or what the worker did with it. */
export function outcomeOf(result: BatchCheckResult): string {
  return result.status === 'checked' ? result.report.outcome : result.status;
}

/**
 * One line per changed or failed check, DEBUG for the rest, and one summary line per invocation;
 * then the invocation's metrics in one flush.
 */
export function recordCheckBatch(logger: Logger, report: BatchReport): void {
  const outcomes = new Map<string, number>();
  const causes = new Map<string, number>();
  let versions = 0;
  for (const result of report.results) {
    const outcome = outcomeOf(result);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    // Neither ran: a deferred check goes back with its message, a postponed one in a message of its own.
    if (result.status === 'deferred' || result.status === 'postponed') continue;
    checkMetrics.addMetric(CHECK_METRICS.checkDuration, MetricUnit.Milliseconds, result.durationMs);
    if (result.status === 'failed') {
      logger.error('check failed; message retried', { ...targetName(result.target), kind: errorKind(result.error), error: result.reason });
      continue;
    }
    if (result.status === 'dropped') {
      logger.warn('check dropped', { ...targetName(result.target), reason: result.reason });
      continue;
    }
    const { report: check } = result;
    if (VERSIONED.has(check.outcome)) versions++;
    if (check.cause !== undefined) causes.set(check.cause, (causes.get(check.cause) ?? 0) + 1);
    const line = { url: check.url, outcome: check.outcome, ms: result.durationMs, ...(check.version ? { version: check.version } : {}) };
    if (check.outcome === 'failed' || check.cause !== undefined) logger.warn('check failed', { ...line, cause: check.cause, reason: check.reason });
    else if (NOTEWORTHY.has(check.outcome)) logger.info('check recorded a change', { ...line, kinds: check.kinds });
    else logger.debug('check', line);
  }
  for (const id of report.malformed) logger.warn('message dropped: its body is not {"checks":[{"key","dueAt"}]} or {"url"}', { messageId: id });
  const deferred = new Set(report.results.filter((result) => result.status === 'deferred').map((result) => result.messageId));
  const failed = report.retry.filter((id) => !deferred.has(id)).length;
  logger.info('check batch', {
    checks: report.results.length,
    outcomes: Object.fromEntries(outcomes),
    retried: report.retry.length,
    malformed: report.malformed.length,
  });

  // One EMF line per outcome and per cause (a dimension value each), then one for the rest.
  for (const [outcome, count] of outcomes) {
    checkMetrics.singleMetric().addDimension(OUTCOME_DIMENSION, outcome).addMetric(CHECK_METRICS.checks, MetricUnit.Count, count);
  }
  for (const [cause, count] of causes) {
    checkMetrics.singleMetric().addDimension(CAUSE_DIMENSION, cause).addMetric(CHECK_METRICS.fetchFailures, MetricUnit.Count, count);
  }
  checkMetrics.addMetric(CHECK_METRICS.versionsRecorded, MetricUnit.Count, versions);
  checkMetrics.addMetric(CHECK_METRICS.failedMessages, MetricUnit.Count, failed);
  checkMetrics.addMetric(CHECK_METRICS.deferredMessages, MetricUnit.Count, deferred.size);
  checkMetrics.publishStoredMetrics();
}

/** What one dispatch run did, for its metrics. */
export interface DispatchMetricsReport {
  queued: number;
  overdue: number;
  deferred: number;
}

/** Dispatch's three numbers, flushed as one EMF line; call once at the end of each run. */
export function publishDispatchMetrics(report: DispatchMetricsReport): void {
  dispatchMetrics ??= handlerMetrics(METRIC_SERVICE.dispatch);
  dispatchMetrics.addMetric(DISPATCH_METRICS.queued, MetricUnit.Count, report.queued);
  dispatchMetrics.addMetric(DISPATCH_METRICS.overdue, MetricUnit.Count, report.overdue);
  dispatchMetrics.addMetric(DISPATCH_METRICS.deferred, MetricUnit.Count, report.deferred);
  dispatchMetrics.publishStoredMetrics();
}
