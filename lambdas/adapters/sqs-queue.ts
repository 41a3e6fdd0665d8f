import { SendMessageBatchCommand, type SendMessageBatchCommandOutput, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { QueueSendError } from '../errors';
import type { CheckBatchMessage, CheckQueue } from '../ports';

/** SQS takes at most ten messages per SendMessageBatch. */
const BATCH_MAX = 10;
const ATTEMPTS = 3;

/**
 * A standard SQS queue of check messages, body `{"checks":[{"key","dueAt"}]}`, each held back by its
 * DelaySeconds. Delivery is at least once: the check skips a duplicate by its dueAt.
 */
export class SqsCheckQueue implements CheckQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(messages: CheckBatchMessage[]): Promise<void> {
    const batches: SendMessageBatchRequestEntry[][] = [];
    for (let start = 0; start < messages.length; start += BATCH_MAX) {
      batches.push(
        messages.slice(start, start + BATCH_MAX).map((message, i) => ({
          Id: String(i),
          MessageBody: JSON.stringify({ checks: message.checks.map(({ key, dueAt }) => ({ key, dueAt })) }),
          DelaySeconds: Math.min(900, Math.max(0, Math.round(message.delaySeconds))),
        })),
      );
    }
    // A few batches at once: one dispatch run may send thousands of messages.
    let next = 0;
    const sender = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++];
        if (batch) await this.send(batch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, batches.length) }, sender));
  }

  private async send(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let batch = entries;
    for (let attempt = 1; batch.length > 0; attempt++) {
      let result: SendMessageBatchCommandOutput;
      try {
        result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch }));
      } catch (error) {
        // The SDK already retried: SQS cannot be reached or refuses us; the caller decides what waits.
        throw new QueueSendError(`could not queue ${batch.length} check messages: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      if (failed.size === 0) return;
      if (attempt >= ATTEMPTS) throw new QueueSendError(`could not queue ${failed.size} check messages`);
      batch = batch.filter((entry) => failed.has(entry.Id));
    }
  }
}
