// DynamoDB stream → one SNS notification per newly recorded change.
//
// Partial batch failures: a stream shard is ordered, and Lambda resumes it from
// the lowest sequence number reported. So the first record whose notification
// could not be delivered is reported together with every record after it; the
// ones before it are done. A record that can never be read is dropped, not
// retried, so it cannot hold up the shard.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { itemToChange } from '../adapters/dynamo-items';
import { insertedChangeImage, streamImageToItem } from '../adapters/stream-records';
import { type NotifyDeps, notifyDepsFromEnv } from '../composition/lambda-environment';
import type { ChangeRecord } from '../domain/types';
import { CorruptItemError, NotificationDeliveryError } from '../errors';
import { notifyChanges } from '../service/notify';

export type { NotifyDeps } from '../composition/lambda-environment';

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return notifyStreamChanges(event, notifyDepsFromEnv());
}

export async function notifyStreamChanges(event: DynamoDBStreamEvent, deps: NotifyDeps): Promise<DynamoDBBatchResponse> {
  const changes: ChangeRecord[] = [];
  // The event position of each change's record, so a failed change maps back to it.
  const recordPositions: number[] = [];
  for (const [position, record] of event.Records.entries()) {
    const image = insertedChangeImage(record);
    if (image === null) continue;
    try {
      changes.push(itemToChange(streamImageToItem(image)));
      recordPositions.push(position);
    } catch (error) {
      if (!(error instanceof CorruptItemError)) throw error;
      // Retrying cannot make the item readable; the change stays in the table and its feeds.
      console.error(JSON.stringify({ dropped: record.dynamodb?.SequenceNumber ?? null, reason: error.message }));
    }
  }
  try {
    const report = await notifyChanges(changes, deps.publisher, deps.options);
    console.log(JSON.stringify(report));
    return { batchItemFailures: [] };
  } catch (error) {
    if (!(error instanceof NotificationDeliveryError)) throw error;
    const failedPositions = error.undelivered.flatMap((index) => recordPositions[index] ?? []);
    const firstFailed = failedPositions.length > 0 ? Math.min(...failedPositions) : 0;
    console.error(JSON.stringify({ undelivered: failedPositions.length, error: error.message }));
    return {
      // A record without a sequence number gives an empty identifier, which makes Lambda retry the whole batch: safe, never lossy.
      batchItemFailures: event.Records.slice(firstFailed).map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })),
    };
  }
}
