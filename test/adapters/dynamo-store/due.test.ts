// A data folder made by an older version has the old 'due' index (whole heads, by due time):
// ensureTable adds the 'due-slots' index, gives every head its new due keys once, and drops the old one.
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureTable } from '../../../lambdas/adapters/create-table';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';
import { DynamoDueIndex } from '../../../lambdas/adapters/dynamo-due-index';
import { headToItems } from '../../../lambdas/adapters/head-items';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { dueShardOf, laneName } from '../../../lambdas/domain/due-lanes';
import { articleKey } from '../../../lambdas/domain/url';
import { inject } from 'vitest';
import { articleHead } from './fixtures';

const OLD_INDEXES = [
  { name: 'due', partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'ALL' },
  { name: 'articles', partitionKey: 'listShard', sortKey: 'url', projection: 'KEYS_ONLY' },
  { name: 'changes', partitionKey: 'feedMonth', sortKey: 'feedAt', projection: 'ALL' },
  { name: 'changes-by-source', partitionKey: 'feedSource', sortKey: 'feedAt', projection: 'ALL' },
] as const;

async function oldTable() {
  const client = createDocumentClient({ endpoint: inject('dynamoEndpoint') });
  const tableName = `old-${randomUUID()}`;
  const attributes = new Set(['pk', 'sk', ...OLD_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])]);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: OLD_INDEXES.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    }),
  );
  return { client, tableName };
}

/** A head as the old version wrote it: no checkEvery, the old due keys. */
function oldHeadItem(url: string, nextCheckAt: string | null, extra: Record<string, unknown> = {}) {
  // Before the HEAD/INFO split too: one item holding the whole head.
  const { hot, info } = headToItems(articleHead(url, { nextCheckAt, ...extra }));
  const {
    dueLane: _lane,
    dueSlot: _slot,
    hostKey: _host,
    checkEvery: _every,
    infoTag: _tag,
    ...item
  } = { ...hot, ...info, sk: 'HEAD' } as Record<string, unknown>;
  return { ...item, ...(nextCheckAt !== null ? { dueShard: 'D#0', dueAt: nextCheckAt } : {}) };
}

describe('a table made before slot scheduling', () => {
  it('gains the due-slots index, its heads get their due keys once, and the old index goes', async () => {
    const { client, tableName } = await oldTable();
    const due = 'https://news.example.com/old/due';
    const retired = 'https://news.example.com/old/retired';
    await client.send(new PutCommand({ TableName: tableName, Item: oldHeadItem(due, '2026-03-01T08:15:00.000Z') }));
    await client.send(new PutCommand({ TableName: tableName, Item: oldHeadItem(retired, null, { status: 'retired' }) }));

    await ensureTable(client, tableName);
    // The old index is being dropped (DynamoDB takes a while) or gone.
    const indexes = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.GlobalSecondaryIndexes?.filter(
      (index) => index.IndexStatus !== 'DELETING',
    ).map((index) => index.IndexName);
    expect(indexes?.sort()).toEqual(['articles', 'changes', 'changes-by-source', 'due-slots']);

    const dueIndex = new DynamoDueIndex(client, tableName);
    const lane = laneName({ kind: 'one-off', shard: dueShardOf(due) });
    expect((await dueIndex.entries(lane, '0', '2026-03-01T08:15:00.000Z', 10)).entries.map((entry) => entry.key)).toEqual([articleKey(due)]);
    const item = (await client.send(new GetCommand({ TableName: tableName, Key: { pk: `A#${articleKey(due)}`, sk: 'HEAD' } }))).Item;
    expect(item).not.toHaveProperty('dueShard');
    // The head reads as before, with a one-off next check: it joins its periodic lane after its next check.
    expect(await new DynamoStore(client, tableName).getArticle(due)).toMatchObject({ url: due, nextCheckAt: '2026-03-01T08:15:00.000Z', checkEvery: null });
    const retiredItem = (await client.send(new GetCommand({ TableName: tableName, Key: { pk: `A#${articleKey(retired)}`, sk: 'HEAD' } }))).Item;
    expect(retiredItem).not.toHaveProperty('dueLane');

    // Running again (every start-up does) changes nothing.
    await ensureTable(client, tableName);
    expect((await client.send(new GetCommand({ TableName: tableName, Key: { pk: `A#${articleKey(due)}`, sk: 'HEAD' } }))).Item).toEqual(item);
  });
});
