// DynamoDB stream → one SNS notification per newly recorded change.
//
// Partial batch failures: a stream shard is ordered, and Lambda resumes it from
// the lowest sequence number reported. So the first record whose notification
// could not be delivered is reported together with every record after it; the
// ones before it are done. A record that can never be read is dropped, not
// retried, so it cannot hold up the shard.
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { itemToChange } from '../adapters/dynamo-items';
import { SnsChangePublisher } from '../adapters/sns-publisher';
import { insertedChangeImage, streamImageToItem } from '../adapters/stream-records';
import type { ChangeRecord } from '../domain/types';
import { CorruptItemError, NotificationDeliveryError } from '../errors';
import type { ChangePublisher } from '../ports';
import { notifyChanges, type NotifyOptions } from '../service/notify';
import { requiredEnv } from './required-env';

export interface NotifyDeps {
  publisher: ChangePublisher;
  options: NotifyOptions;
}

let cached: NotifyDeps | undefined;

function depsFromEnv(): NotifyDeps {
  if (cached) return cached;
  const siteUrl = process.env.SITE_URL;
  cached = {
    publisher: new SnsChangePublisher(new SNSClient({}), requiredEnv('CHANGE_TOPIC_ARN')),
    options: siteUrl ? { siteUrl } : {},
  };
  return cached;
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  return notifyStreamChanges(event, depsFromEnv());
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
