import { describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { freshTable } from '../../support/dynamo';
import { ensureTable } from '../../../lambdas/adapters/create-table';
import { TABLE_SCHEMA } from '../../../lambdas/adapters/table-schema';

describe('table creation', () => {
  it('creates the table with every index of the schema, and a second call changes nothing', async () => {
    const { client, tableName } = await freshTable();
    await ensureTable(client, tableName);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(TABLE_SCHEMA.indexes.map((i) => i.name).sort());
  });
});
