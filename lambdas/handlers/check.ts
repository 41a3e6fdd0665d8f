// SQS (FIFO) → check one article per message (`{"url", "dueAt"}`; a message
// whose due time has passed by — a duplicate of a check already done — is skipped). Partial batch failures: a
// failed message is retried (then dead-lettered) without retrying the others.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { messageDisposition } from './error-policy';
import { checkArticle } from '../service/checker';
import { runtimeFromEnv } from '../composition/lambda-environment';

/**
 * Worst case for one check: robots.txt, the page and two confirmation
 * re-fetches, each under the 20 s fetch timeout, plus a site's crawl delay
 * (at most 30 s) before each re-fetch. A message is not started with less time
 * left than this; it goes back to the queue instead of timing out the batch.
 */
export const TIME_NEEDED_PER_CHECK_MS = 180_000;

export async function handler(event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  const deps = runtimeFromEnv();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const outOfTime = context !== undefined && context.getRemainingTimeInMillis() < TIME_NEEDED_PER_CHECK_MS;
    // FIFO order: once one message of the batch fails or is deferred, the rest must come after it.
    if (batchItemFailures.length > 0 || outOfTime) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const message = checkMessage(record.body);
    if (message === null) {
      console.error(JSON.stringify({ dropped: record.messageId, reason: 'message body is not {"url": string}' }));
      continue;
    }
    try {
      const report = await checkArticle(deps, message.url, message.dueAt === undefined ? {} : { ifDueAt: message.dueAt });
      console.log(JSON.stringify(report));
    } catch (error) {
      if (messageDisposition(error) === 'drop') {
        console.error(JSON.stringify({ dropped: record.messageId, reason: error instanceof Error ? error.message : String(error) }));
        continue;
      }
      console.error(JSON.stringify({ failed: message.url, error: error instanceof Error ? error.message : String(error) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

/** `{"url": string, "dueAt"?: string}`; dueAt is absent in messages queued by hand. */
function checkMessage(body: string): { url: string; dueAt?: string } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string') {
      const dueAt = 'dueAt' in parsed && typeof parsed.dueAt === 'string' ? parsed.dueAt : undefined;
      return dueAt === undefined ? { url: parsed.url } : { url: parsed.url, dueAt };
    }
  } catch {
    // falls through: not JSON
  }
  return null;
}
