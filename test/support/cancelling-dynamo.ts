// A server on loopback that cancels every transaction as DynamoDB does, with the reasons it is
// given: DynamoDB Local never runs out of capacity, so this is the one way to see a client's
// answer to a throttled transaction.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CancellationReason {
  Code: string;
  Message?: string;
}

export interface CancellingDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** `reasons` is asked on each request, so a test can change them between calls. */
export async function startCancellingDynamo(reasons: () => CancellationReason[]): Promise<CancellingDynamo> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const given = reasons();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'test' });
      response.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${given.map((r) => r.Code).join(', ')}]`,
          CancellationReasons: given,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
