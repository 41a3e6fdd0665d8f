// SQS (standard) → the check worker. Each message is `{"checks":[{"key","dueAt"}]}`
// from dispatch (already spaced per host by its delay) or a hand-queued
// `{"url"}`; every check of the batch runs at once, up to CHECKS_IN_FLIGHT.
// Partial batch failures: only a message with a check that hit a retryable
// infrastructure error (or was not started for lack of time) goes back to the
// queue; its checks that did run are skipped on redelivery by the due guard.
// A check whose host is busy with another of this batch's fetches is not slept
// on (billed time) but queued again, held back until the host's turn.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { checkQueueFromEnv, runtimeFromEnv } from '../composition/lambda-environment';
import { QueueSendError } from '../errors';
import { CHECKS_IN_FLIGHT, checkBatch, parseCheckMessage, postponedMessages } from '../service/check-batch';
import { messageDisposition } from './error-policy';
import { handlerLogger, recordCheckBatch } from './observability';

/**
 * Worst case for one check: robots.txt, the page and two confirmation
 * re-fetches, each under the 20 s fetch timeout, plus a site's crawl delay
 * (at most 30 s) before each re-fetch. No check is started with less time
 * left than this; its message goes back to the queue instead of timing out the batch.
 */
export const TIME_NEEDED_PER_CHECK_MS = 180_000;

/**
 * The longest a check waits for its host's turn before it is queued again instead. A second of a
 * 1 GB function costs ~40 SQS requests; a wait this short costs less than the round trip.
 */
export const HOST_WAIT_LIMIT_MS = 50;

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
      hostWaitLimitMs: HOST_WAIT_LIMIT_MS,
    },
  );
  const retry = new Set(report.retry);
  const postponed = postponedMessages(report.results);
  if (postponed.length > 0) {
    try {
      await checkQueueFromEnv().enqueue(postponed);
    } catch (error) {
      if (!(error instanceof QueueSendError)) throw error;
      // Not queued again: their messages come back whole, and the checks that ran are skipped then by the due guard.
      for (const result of report.results) if (result.status === 'postponed') retry.add(result.messageId);
      logger.error('postponed checks could not be queued again; their messages are retried', { error: error.message });
    }
  }
  recordCheckBatch(logger, report);
  return { batchItemFailures: [...retry].map((itemIdentifier) => ({ itemIdentifier })) };
}
