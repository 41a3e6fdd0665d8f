import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client';
import { ensureTable } from '../../lambdas/adapters/create-table';

/** A fresh, empty table on the run's DynamoDB Local, so test files never see each other's data. */
export async function freshTable(): Promise<{ endpoint: string; tableName: string; client: ReturnType<typeof createDocumentClient> }> {
  const endpoint = inject('dynamoEndpoint');
  if (!endpoint) {
    throw new Error('this test needs DynamoDB Local, which only the integration tier starts: list its file under INTEGRATION in vitest.config.ts');
  }
  const client = createDocumentClient({ endpoint });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { endpoint, tableName, client };
}
