import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';
import { StoreBusyError } from '../../../lambdas/errors';
import { type CancellationReason, type CancellingDynamo, startCancellingDynamo } from '../../support/cancelling-dynamo';

/** Cancelled by a loopback server (test/support/cancelling-dynamo.ts): DynamoDB Local never runs out of capacity. */
describe('a cancelled transaction', () => {
  let reasons: CancellationReason[] = [];
  let dynamo: CancellingDynamo;
  let endpoint = '';
  beforeAll(async () => {
    dynamo = await startCancellingDynamo(() => reasons);
    endpoint = dynamo.endpoint;
  });
  afterAll(() => dynamo.close());

  const transact = () =>
    createDocumentClient({ endpoint }).send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a', sk: 'HEAD' } } }, { Put: { TableName: 't', Item: { pk: 'a', sk: 'V#1' } } }],
      }),
    );

  it('for lack of provisioned capacity is a StoreBusyError: the check goes back to the queue, and nothing is recorded as the page failing', async () => {
    reasons = [{ Code: 'None' }, { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index.' }];
    await expect(transact()).rejects.toBeInstanceOf(StoreBusyError);
    reasons = [{ Code: 'ProvisionedThroughputExceeded' }, { Code: 'None' }];
    await expect(transact()).rejects.toBeInstanceOf(StoreBusyError);
  });

  it('by a failed condition stays the SDK error, for the store to read its reasons', async () => {
    reasons = [{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }];
    const error = await transact().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error).not.toBeInstanceOf(StoreBusyError);
  });
});
