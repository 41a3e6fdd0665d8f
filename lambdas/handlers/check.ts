// SQS (standard) → the check worker. Each message is `{"checks":[{"key","dueAt"}]}`
// from dispatch (already spaced per host by its delay) or a hand-queued
// `{"url"}`; every check of the batch runs at once, up to CHECKS_IN_FLIGHT.
// Partial batch failures: only a message with a check that hit a retryable
// infrastructure error (or was not started for lack of time) goes back to the
// queue; its checks that did run are skipped on redelivery by the due guard.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runtimeFromEnv } from '../composition/lambda-environment';
import { CHECKS_IN_FLIGHT, checkBatch, parseCheckMessage } from '../service/check-batch';
import { messageDisposition } from './error-policy';
import { handlerLogger, recordCheckBatch } from './observability';

/**
 * Worst case for one check: robots.txt, the page and two confirmation
 * re-fetches, each under the 20 s fetch timeout, plus a site's crawl delay
 * (at most 30 s) before each re-fetch. No check is started with less time
 * left than this; its message goes back to the queue instead of timing out the batch.
 */
export const TIME_NEEDED_PER_CHECK_MS = 180_000;

const logger = handlerLogger('check');

export async function handler(event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  const deps = runtimeFromEnv();
  const report = await checkBatch(
    deps,
    event.Records.map((record) => ({ id: record.messageId, targets: parseCheckMessage(record.body) })),
    {
      concurrency: CHECKS_IN_FLIGHT,
      hasTimeForAnother: () => context === undefined || context.getRemainingTimeInMillis() >= TIME_NEEDED_PER_CHECK_MS,
      isRetryable: (error) => messageDisposition(error) === 'retry',
      now: () => performance.now(),
    },
  );
  recordCheckBatch(logger, report);
  return { batchItemFailures: report.retry.map((itemIdentifier) => ({ itemIdentifier })) };
}
