import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dueKeys } from './due-keys';
import { HEAD_SK, itemToHead } from './dynamo-items';
import { TABLE_SCHEMA, type IndexSchema } from './table-schema';

/** The due index of versions before slot scheduling; its presence marks a table whose heads need new due keys. */
const OLD_DUE_INDEX = 'due';
const INDEX_WAIT_MS = 60_000;

function indexDefinition(index: IndexSchema): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: index.include ? { ProjectionType: index.projection, NonKeyAttributes: [...index.include] } : { ProjectionType: index.projection },
  };
}

function attributesOf(indexes: readonly IndexSchema[]): Array<{ AttributeName: string; AttributeType: 'S' }> {
  const attributes = new Set<string>([TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

/**
 * Creates the monitor's table if it is missing (local mode; on AWS the CDK stack owns it). A table
 * made by an older version gains the indexes it lacks, and its heads are moved to the current due index once.
 */
export async function ensureTable(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing) {
    await upgradeTable(client, tableName, existing);
    return;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributesOf(TABLE_SCHEMA.indexes),
        KeySchema: [
          { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_SCHEMA.indexes.map(indexDefinition),
      }),
    );
  } catch (error) {
    // Another process created it between our describe and create.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function upgradeTable(client: DynamoDBDocumentClient, tableName: string, table: TableDescription): Promise<void> {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).filter((index) => index.IndexStatus !== 'DELETING').map((index) => index.IndexName));
  for (const index of TABLE_SCHEMA.indexes) {
    if (present.has(index.name)) continue;
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributesOf([index]),
          GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
        }),
      );
    } catch (error) {
      // Another process is adding it right now.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await untilIndexActive(client, tableName, index.name);
  }
  if (present.has(OLD_DUE_INDEX)) {
    await moveHeadsToDueSlots(client, tableName);
    try {
      // Dropped last: a migration cut short finds the old index again and finishes.
      await client.send(new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: OLD_DUE_INDEX } }] }));
    } catch (error) {
      if (!(error instanceof ResourceInUseException || error instanceof ResourceNotFoundException)) throw error;
    }
  }
}

async function untilIndexActive(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const deadline = Date.now() + INDEX_WAIT_MS;
  for (;;) {
    const table = await describe(client, tableName);
    const status = table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`index ${indexName} of ${tableName} is still ${status ?? 'missing'} after ${INDEX_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Gives every head the keys of the current due index (and drops the old ones). Idempotent: a head
 * that already has them, because a check saved it meanwhile or an earlier run got to it, is left alone.
 */
async function moveHeadsToDueSlots(documents: DynamoDBDocumentClient, tableName: string): Promise<void> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :head AND attribute_exists(dueShard)',
        ExpressionAttributeValues: { ':head': HEAD_SK },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const keys = dueKeys(itemToHead(item));
      const names = Object.keys(keys);
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: `${names.length > 0 ? `SET ${names.map((name) => `#${name} = :${name}`).join(', ')} ` : ''}REMOVE dueShard, dueAt`,
            ConditionExpression: 'attribute_exists(dueShard) AND attribute_not_exists(dueLane)',
            ...(names.length > 0
              ? {
                  ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
                  ExpressionAttributeValues: Object.fromEntries(names.map((name) => [`:${name}`, keys[name]])),
                }
              : {}),
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
