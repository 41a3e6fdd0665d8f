// DynamoDB stream events as Lambda delivers them for the monitor's table
// (NEW_IMAGE view): items from the real mapping, marshalled the way the
// document client writes them, binary as base64 text.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, AttributeValue as StreamAttributeValue } from 'aws-lambda';

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/ArticleMonitor-Table/stream/2026-03-01T00:00:00.000';

export function streamValue(value: AttributeValue): StreamAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((entry) => Buffer.from(entry).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(streamValue) };
  if (value.M !== undefined) return { M: streamImageOf(value.M) };
  throw new TypeError(`unexpected attribute value ${JSON.stringify(value)}`);
}

export function streamImageOf(image: Record<string, AttributeValue>): Record<string, StreamAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, streamValue(value)]));
}

/** An item as the document client stores it (see createDocumentClient's marshall options). */
export function streamImage(item: Record<string, unknown>): Record<string, StreamAttributeValue> {
  return streamImageOf(marshall(item, { removeUndefinedValues: true, convertEmptyValues: false }));
}

let sequence = 100_000_000_000_000_000_000n;

export function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: Record<string, StreamAttributeValue>): DynamoDBRecord {
  sequence += 1n;
  const keys: Record<string, StreamAttributeValue> = {};
  if (image.pk) keys.pk = image.pk;
  if (image.sk) keys.sk = image.sk;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: 1_772_442_000,
      Keys: keys,
      // A NEW_IMAGE stream carries no image for a deletion.
      ...(eventName === 'REMOVE' ? {} : { NewImage: image }),
      SequenceNumber: String(sequence),
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

export function streamEvent(...records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

export function sequenceOf(record: DynamoDBRecord): string {
  const value = record.dynamodb?.SequenceNumber;
  if (value === undefined) throw new TypeError('record has no sequence number');
  return value;
}
