// The AWS services the stack uses, emulated on 127.0.0.1: DynamoDB Local (with streams) and fauxqs
// (SQS + SNS, on the Node 22 binary), each behind a counting proxy (counting-proxy.ts). The DynamoDB
// proxy asks every call for its consumed capacity (ReturnConsumedCapacity: INDEXES) and sums what
// DynamoDB Local reports, table and global secondary indexes apart; the SQS/SNS proxy counts requests
// and records every message sent, so a test can see what was queued even while it is still delayed.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDynamoLocal, type DynamoLocal } from '../../../lambdas/local/dynamo-local';
import { type CountingProxy, type ProxiedCall, startCountingProxy } from './counting-proxy';
import { NODE22 } from './node22';

const FAUXQS_SERVER = fileURLToPath(new URL('./fauxqs-server.mjs', import.meta.url));

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';
/** The emulators take any credentials; these only have to be present. */
export const CREDENTIALS = { accessKeyId: 'emulated', secretAccessKey: 'emulated' };

const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

export interface CapacityTotals {
  readUnits: number;
  writeUnits: number;
  /** Of the above, what global secondary indexes consumed, by index name. */
  indexReadUnits: Record<string, number>;
  indexWriteUnits: Record<string, number>;
  /** Calls by operation (`PutItem`, `Query`, ...). */
  calls: Record<string, number>;
  /** Units by operation, as reported (table and indexes together). */
  unitsByOperation: Record<string, number>;
}

export interface SentMessage {
  queueUrl: string;
  body: string;
  delaySeconds: number;
  groupId: string | null;
}

export interface SqsTotals {
  /** Requests by operation (`SendMessageBatch`, `ReceiveMessage`, `Publish`, ...). */
  requests: Record<string, number>;
  /** Every message accepted by SendMessage / SendMessageBatch, in order. */
  sent: SentMessage[];
}

export class Meters {
  capacity: CapacityTotals = emptyCapacity();
  sqs: SqsTotals = { requests: {}, sent: [] };

  reset(): void {
    this.capacity = emptyCapacity();
    this.sqs = { requests: {}, sent: [] };
  }

  sqsRequests(...operations: string[]): number {
    return operations.reduce((sum, operation) => sum + (this.sqs.requests[operation] ?? 0), 0);
  }
}

function emptyCapacity(): CapacityTotals {
  return { readUnits: 0, writeUnits: 0, indexReadUnits: {}, indexWriteUnits: {}, calls: {}, unitsByOperation: {} };
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function recordCapacity(meters: Meters, call: ProxiedCall): void {
  const operation = call.operation.replace(/^DynamoDB_20120810\./, '');
  if (!CAPACITY_OPERATIONS.has(operation)) return;
  meters.capacity.calls[operation] = (meters.capacity.calls[operation] ?? 0) + 1;
  if (call.status !== 200) return;
  const parsed = JSON.parse(call.responseBody) as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
  const consumed = parsed.ConsumedCapacity === undefined ? [] : Array.isArray(parsed.ConsumedCapacity) ? parsed.ConsumedCapacity : [parsed.ConsumedCapacity];
  const read = READ_OPERATIONS.has(operation);
  for (const entry of consumed) {
    meters.capacity.unitsByOperation[operation] = (meters.capacity.unitsByOperation[operation] ?? 0) + (entry.CapacityUnits ?? 0);
    if (read) meters.capacity.readUnits += entry.CapacityUnits ?? 0;
    else meters.capacity.writeUnits += entry.CapacityUnits ?? 0;
    for (const [index, units] of Object.entries(entry.GlobalSecondaryIndexes ?? {})) {
      const totals = read ? meters.capacity.indexReadUnits : meters.capacity.indexWriteUnits;
      totals[index] = (totals[index] ?? 0) + (units.CapacityUnits ?? 0);
    }
  }
}

function withConsumedCapacity(operation: string, body: string): string {
  if (!CAPACITY_OPERATIONS.has(operation.replace(/^DynamoDB_20120810\./, ''))) return body;
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'INDEXES' });
}

interface SqsEntry {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageGroupId?: string;
}

function recordSqs(meters: Meters, call: ProxiedCall): void {
  const operation = call.operation.replace(/^AmazonSQS\./, '');
  meters.sqs.requests[operation] = (meters.sqs.requests[operation] ?? 0) + 1;
  if (call.status !== 200 || !call.operation.startsWith('AmazonSQS.')) return;
  // A poller's empty long poll costs a request too, but under load every receive returns a batch.
  if (operation === 'ReceiveMessage' && (JSON.parse(call.responseBody) as { Messages?: unknown[] }).Messages?.length) {
    meters.sqs.requests.ReceiveMessageWithMessages = (meters.sqs.requests.ReceiveMessageWithMessages ?? 0) + 1;
  }
  if (operation !== 'SendMessage' && operation !== 'SendMessageBatch') return;
  const request = JSON.parse(call.requestBody) as { QueueUrl: string; Entries?: Array<SqsEntry & { Id: string }> } & SqsEntry;
  const response = JSON.parse(call.responseBody) as { Successful?: Array<{ Id: string }> };
  const entries = operation === 'SendMessage' ? [request] : (request.Entries ?? []).filter((entry) => response.Successful?.some((ok) => ok.Id === entry.Id));
  for (const entry of entries) {
    meters.sqs.sent.push({
      queueUrl: request.QueueUrl,
      body: entry.MessageBody ?? '',
      delaySeconds: entry.DelaySeconds ?? 0,
      groupId: entry.MessageGroupId ?? null,
    });
  }
}

export interface Emulators {
  /** DynamoDB (and DynamoDB Streams) through the capacity proxy. */
  dynamoEndpoint: string;
  /** DynamoDB Local itself, for the harness's uncounted reads. */
  dynamoDirect: string;
  /** SQS and SNS (fauxqs) through the counting proxy. */
  sqsEndpoint: string;
  meters: Meters;
  stop(): Promise<void>;
}

async function startFauxqs(): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = spawn(NODE22, ['--no-warnings', FAUXQS_SERVER], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fauxqs did not start within 30 s:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /FAUXQS_PORT=(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fauxqs exited (${code}) during start-up:\n${output}`));
    });
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}

export async function startEmulators(): Promise<Emulators> {
  const meters = new Meters();
  let dynamo: DynamoLocal | undefined;
  let fauxqs: { endpoint: string; child: ChildProcess } | undefined;
  const proxies: CountingProxy[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    fauxqs?.child.kill('SIGKILL');
    await dynamo?.stop();
  };
  try {
    [dynamo, fauxqs] = await Promise.all([startDynamoLocal(), startFauxqs()]);
    const dynamoProxy = await startCountingProxy(dynamo.endpoint, { rewrite: withConsumedCapacity, observe: (call) => recordCapacity(meters, call) });
    proxies.push(dynamoProxy);
    const sqsProxy = await startCountingProxy(fauxqs.endpoint, { observe: (call) => recordSqs(meters, call) });
    proxies.push(sqsProxy);
    return { dynamoEndpoint: dynamoProxy.endpoint, dynamoDirect: dynamo.endpoint, sqsEndpoint: sqsProxy.endpoint, meters, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
