// DynamoDueIndex keeps the DueIndex contract, on DynamoDB Local; each test gets its own table.
import { describe } from 'vitest';
import { DynamoDueIndex } from '../../lambdas/adapters/dynamo-due-index';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { freshTable } from '../support/dynamo';
import { dueIndexContract } from './due-index-contract';

describe('DynamoDueIndex', () => {
  dueIndexContract(async () => {
    const { client, tableName } = await freshTable();
    return { store: new DynamoStore(client, tableName), dueIndex: new DynamoDueIndex(client, tableName) };
  });
});
