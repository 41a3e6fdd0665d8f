import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QueueSendError } from '../errors';
import type { CheckMessage, CheckQueue } from '../ports';

/** SQS FIFO queue of check messages; body `{"url": ..., "dueAt": ...}`. */
export class SqsCheckQueue implements CheckQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(messages: CheckMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      let batch = messages.slice(start, start + 10).map((message, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify({ url: message.url, dueAt: message.dueAt }),
        MessageGroupId: message.group,
        MessageDeduplicationId: message.dedupId.slice(0, 128),
      }));
      for (let attempt = 1; batch.length > 0; attempt++) {
        const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch }));
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        if (failed.size === 0) break;
        if (attempt >= 3) throw new QueueSendError(`could not queue ${failed.size} check messages`);
        batch = batch.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}
