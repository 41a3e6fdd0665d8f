import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';

describe('DynamoDB connections', () => {
  it('uses dummy credentials only for DynamoDB Local on this machine', async () => {
    const local = createDocumentClient({ endpoint: 'http://127.0.0.1:8000' });
    expect(await local.config.credentials()).toMatchObject({ accessKeyId: 'local' });
    expect(await local.config.region()).toBe('local');
  });

  // Only configuration is inspected: resolving real credentials could reach for the network.
  it('takes the region of a real DynamoDB endpoint from its host name', async () => {
    const aws = createDocumentClient({ endpoint: 'https://dynamodb.eu-west-1.amazonaws.com' });
    expect(await aws.config.region()).toBe('eu-west-1');
  });
});
