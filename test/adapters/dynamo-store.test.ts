// DynamoStore keeps the ArticleStore contract, on DynamoDB Local; each test gets its own table.
import { describe } from 'vitest';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { freshTable } from '../support/dynamo';
import { articleStoreContract } from './store-contract';

describe('DynamoStore', () => {
  articleStoreContract(async (clock) => {
    const { client, tableName } = await freshTable();
    return new DynamoStore(client, tableName, clock);
  });
});
