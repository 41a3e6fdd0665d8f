// Table items as a DynamoDB stream hands them to Lambda. Stream images use the
// SDK's attribute-value format, except that binary arrives as base64 text.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { CorruptItemError } from '../errors';
import type { RawItem } from './dynamo-item-fields';
import { CHANGE_PREFIX } from './dynamo-items';

function sdkValue(value: StreamAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: Buffer.from(value.B, 'base64') };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((entry) => Buffer.from(entry, 'base64')) };
  if (value.L !== undefined) return { L: value.L.map(sdkValue) };
  if (value.M !== undefined) return { M: sdkImage(value.M) };
  throw new CorruptItemError(`stream image holds an attribute value of no known type: ${JSON.stringify(value)}`);
}

function sdkImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, sdkValue(value)]));
}

/** The stream image as the item the document client would have read. Throws CorruptItemError. */
export function streamImageToItem(image: Record<string, StreamAttributeValue>): RawItem {
  try {
    return unmarshall(sdkImage(image));
  } catch (error) {
    if (error instanceof CorruptItemError) throw error;
    // e.g. a number too large for JavaScript, which only a hand-edited item could hold
    throw new CorruptItemError(`stream image cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The new image of a record that inserted a change item, or null for anything
 * else: heads and versions, and change items modified or removed later (a
 * change is news once, when it is first recorded).
 */
export function insertedChangeImage(record: DynamoDBRecord): Record<string, StreamAttributeValue> | null {
  if (record.eventName !== 'INSERT') return null;
  const image = record.dynamodb?.NewImage;
  const sortKey = image?.sk?.S;
  return image && sortKey?.startsWith(CHANGE_PREFIX) ? image : null;
}
