import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';
import { StoreBusyError } from '../../../lambdas/errors';

/**
 * A server on loopback that cancels every transaction as DynamoDB does, with the reasons it is given:
 * DynamoDB Local never runs out of capacity, so this is the one way to see the client's answer to it.
 */
describe('a cancelled transaction', () => {
  let server: Server;
  let reasons: Array<{ Code: string; Message?: string }> = [];
  let endpoint = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'test' });
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
            CancellationReasons: reasons,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
