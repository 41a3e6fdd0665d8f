// Change notifications to an SNS topic, ten per PublishBatch call. Subscribers
// filter on the message attributes (kinds, stealth, source, significance).
import {
  PublishBatchCommand,
  type BatchResultErrorEntry,
  type MessageAttributeValue,
  type PublishBatchRequestEntry,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { NotificationDeliveryError } from '../errors';
import type { ChangeNotification, ChangePublisher } from '../ports';

/** SNS takes at most ten entries per PublishBatch. */
const MAX_BATCH_ENTRIES = 10;
/** ...and at most 256 KB of messages (bodies, subjects and attributes) per call. */
export const MAX_BATCH_BYTES = 262_144;

function messageAttributes(notification: ChangeNotification): Record<string, MessageAttributeValue> {
  const { kinds, stealth, source, significance } = notification.attributes;
  return {
    kinds: { DataType: 'String.Array', StringValue: JSON.stringify(kinds) },
    stealth: { DataType: 'String', StringValue: String(stealth) },
    // SNS refuses an empty attribute value; a change without a source is still news.
    ...(source === '' ? {} : { source: { DataType: 'String', StringValue: source } }),
    significance: { DataType: 'Number', StringValue: String(significance) },
  };
}

function entrySize(entry: PublishBatchRequestEntry): number {
  let bytes = Buffer.byteLength(entry.Message ?? '') + Buffer.byteLength(entry.Subject ?? '');
  for (const [name, value] of Object.entries(entry.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}

/** Consecutive runs of entries, each within both SNS batch limits (a lone oversized entry gets a run of its own). */
function packBatches(entries: PublishBatchRequestEntry[]): PublishBatchRequestEntry[][] {
  const batches: PublishBatchRequestEntry[][] = [];
  let current: PublishBatchRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const bytes = entrySize(entry);
    if (current.length > 0 && (current.length === MAX_BATCH_ENTRIES || currentBytes + bytes > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function describeFailures(failures: BatchResultErrorEntry[]): string {
  return [...new Set(failures.map((f) => `${f.Code ?? 'unknown'}${f.Message ? `: ${f.Message}` : ''}`))].join('; ');
}

export class SnsChangePublisher implements ChangePublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  /**
   * Stops at the first batch that cannot be delivered: the stream retries from
   * that change on, so publishing later ones now would only send them twice.
   */
  async publish(messages: ChangeNotification[]): Promise<void> {
    // The entry Id is the message's position, so a failure maps straight back to it.
    const entries: PublishBatchRequestEntry[] = messages.map((message, position) => ({
      Id: String(position),
      Subject: message.subject,
      Message: message.body,
      MessageAttributes: messageAttributes(message),
    }));
    const batches = packBatches(entries);
    for (const [index, batch] of batches.entries()) {
      const failure = await this.publishBatch(batch);
      if (failure === null) continue;
      const undelivered = [
        ...failure.positions,
        ...batches
          .slice(index + 1)
          .flat()
          .map((entry) => Number(entry.Id)),
      ];
      throw new NotificationDeliveryError(
        `${undelivered.length} of ${messages.length} change notifications were not delivered to ${this.topicArn}: ${failure.reason}`,
        undelivered,
        failure.cause === undefined ? undefined : { cause: failure.cause },
      );
    }
  }

  /**
   * Null when every entry was delivered. Entries SNS failed on its side are tried
   * once more; a sender fault (a message SNS will never accept) is not.
   */
  private async publishBatch(batch: PublishBatchRequestEntry[]): Promise<{ positions: number[]; reason: string; cause?: unknown } | null> {
    const refused: BatchResultErrorEntry[] = [];
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      let failures: BatchResultErrorEntry[];
      try {
        const result = await this.client.send(new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: pending }));
        const delivered = new Set((result.Successful ?? []).map((entry) => entry.Id));
        // An entry SNS reports neither way counts as failed: a duplicate beats a lost notification.
        failures = pending
          .filter((entry) => !delivered.has(entry.Id))
          .map((entry) => result.Failed?.find((failed) => failed.Id === entry.Id) ?? { Id: entry.Id, Code: 'NotReported', SenderFault: false });
      } catch (error) {
        // The SDK has already retried throttling and network errors: everything still pending is undelivered.
        const positions = [...refused.map((failure) => Number(failure.Id)), ...pending.map((entry) => Number(entry.Id))];
        return { positions: positions.sort((a, b) => a - b), reason: error instanceof Error ? error.message : String(error), cause: error };
      }
      refused.push(...failures.filter((failure) => failure.SenderFault === true));
      const retryable = failures.filter((failure) => failure.SenderFault !== true);
      if (retryable.length === 0 || attempt >= 2) {
        const undelivered = [...refused, ...retryable];
        if (undelivered.length === 0) return null;
        return { positions: undelivered.map((failure) => Number(failure.Id)).sort((a, b) => a - b), reason: describeFailures(undelivered) };
      }
      const retryIds = new Set(retryable.map((failure) => failure.Id));
      pending = pending.filter((entry) => retryIds.has(entry.Id));
    }
  }
}
