// A loopback HTTP server that answers SQS's SendMessageBatch (JSON protocol) the way SQS does, and
// records every message sent: the check worker's own SQSClient, pointed here by
// AWS_ENDPOINT_URL_SQS, sends through its whole stack (serialising, MD5 checks) to a real socket.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  queueUrl: string;
  body: unknown;
  delaySeconds: number;
}

export interface SqsServer {
  endpoint: string;
  sent: SentMessage[];
  close(): Promise<void>;
}

interface BatchRequest {
  QueueUrl: string;
  Entries: Array<{ Id: string; MessageBody: string; DelaySeconds?: number }>;
}

export async function startSqsServer(): Promise<SqsServer> {
  const sent: SentMessage[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (target !== 'AmazonSQS.SendMessageBatch') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: `this server answers SendMessageBatch only, not ${String(target)}` }),
        );
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BatchRequest;
      const successful = batch.Entries.map((entry) => {
        sent.push({ queueUrl: batch.QueueUrl, body: JSON.parse(entry.MessageBody) as unknown, delaySeconds: entry.DelaySeconds ?? 0 });
        return { Id: entry.Id, MessageId: `m-${sent.length}`, MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex') };
      });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ Successful: successful, Failed: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
