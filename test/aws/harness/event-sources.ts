// Lambda's event source mappings, as the template configures them.
//
// SQS: `concurrency` pollers each receive up to the batch size (several receives within the batching
// window when it is over 10), invoke the function, and delete what succeeded: every message when the
// invocation returned, all but the reported `batchItemFailures` with ReportBatchItemFailures, none
// when it threw. What is not deleted comes back after the visibility timeout, and after
// maxReceiveCount receives the queue's redrive policy moves it to the dead-letter queue (fauxqs does).
//
// DynamoDB stream: each shard is read from the starting position; records that match none of the
// filter patterns are skipped as Lambda skips them; a batch is retried from the first failed record
// up to MaximumRetryAttempts, then described to the on-failure queue and passed over.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import type { LambdaPool } from './lambda-pool';
import { sqsRecord, streamRecord } from './lambda-events';

export interface SqsSourceStats {
  batches: number;
  received: number;
  deleted: number;
  /** Messages left on the queue by a reported failure or a failed invocation. */
  failed: number;
  /** Batch sizes seen, for the bench's amortisation. */
  batchSizes: number[];
}

export interface SqsSourceOptions {
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  batchingWindowS: number;
  reportBatchItemFailures: boolean;
  concurrency: number;
  /** How long one ReceiveMessage waits for messages (long polling), seconds. */
  waitTimeS?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function batchItemFailures(result: unknown): string[] | 'all' {
  if (result === null || typeof result !== 'object' || !('batchItemFailures' in result)) return [];
  const failures = result.batchItemFailures;
  if (!Array.isArray(failures)) return 'all';
  const ids: string[] = [];
  for (const failure of failures) {
    // Lambda fails the whole batch on an identifier that is empty or not a string.
    if (typeof failure !== 'object' || failure === null || typeof failure.itemIdentifier !== 'string' || failure.itemIdentifier === '') return 'all';
    ids.push(failure.itemIdentifier);
  }
  return ids;
}

export class SqsEventSource {
  readonly stats: SqsSourceStats = { batches: 0, received: 0, deleted: 0, failed: 0, batchSizes: [] };
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly pool: LambdaPool,
    private readonly options: SqsSourceOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.workers = Array.from({ length: this.options.concurrency }, () => this.poll());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  private async receiveBatch(): Promise<Message[]> {
    const { queueUrl, batchSize, batchingWindowS } = this.options;
    const messages: Message[] = [];
    const windowEnds = Date.now() + batchingWindowS * 1000;
    do {
      const response = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
          WaitTimeSeconds: this.options.waitTimeS ?? 1,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      messages.push(...(response.Messages ?? []));
      if (!this.running) break;
    } while (messages.length < batchSize && Date.now() < windowEnds);
    return messages;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let messages: Message[];
      try {
        messages = await this.receiveBatch();
      } catch {
        await sleep(200);
        continue;
      }
      if (messages.length === 0) continue;
      this.stats.batches++;
      this.stats.received += messages.length;
      this.stats.batchSizes.push(messages.length);
      const invocation = await this.pool.invoke({ Records: messages.map((message) => sqsRecord(message, this.options.queueArn)) });
      const failures = invocation.ok ? (this.options.reportBatchItemFailures ? batchItemFailures(invocation.result) : []) : 'all';
      const done = failures === 'all' ? [] : messages.filter((message) => !failures.includes(message.MessageId ?? ''));
      this.stats.failed += messages.length - done.length;
      for (let start = 0; start < done.length; start += 10) {
        const entries = done.slice(start, start + 10).map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle ?? '' }));
        await this.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }));
        this.stats.deleted += entries.length;
      }
    }
  }
}

/** The DynamoDB Streams API of DynamoDB Local (same endpoint), called directly: JSON over HTTP. */
export class StreamsApi {
  constructor(private readonly endpoint: string) {}

  async call<T>(action: string, body: object): Promise<T> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDBStreams_20120810.${action}`,
        // DynamoDB Local reads the access key from the header and checks no signature.
        authorization: 'AWS4-HMAC-SHA256 Credential=emulated/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`DynamoDB Streams ${action}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}

type Rule = unknown;

/** Lambda's event filtering (the EventBridge pattern subset mappings use): values, prefix, exists, anything-but. */
export function matchesPattern(pattern: unknown, data: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) return false;
  for (const [key, expected] of Object.entries(pattern)) {
    const actual = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      if (!expected.some((rule: Rule) => matchesRule(rule, actual))) return false;
    } else if (!matchesPattern(expected, actual)) {
      return false;
    }
  }
  return true;
}

function matchesRule(rule: Rule, actual: unknown): boolean {
  if (rule === null || typeof rule !== 'object') return actual === rule;
  const entries = Object.entries(rule);
  const [name, argument] = entries[0] ?? [];
  if (name === 'prefix') return typeof actual === 'string' && typeof argument === 'string' && actual.startsWith(argument);
  if (name === 'exists') return (actual !== undefined) === argument;
  if (name === 'anything-but') return actual !== undefined && !(Array.isArray(argument) ? argument : [argument]).includes(actual);
  throw new Error(`event filter rule ${JSON.stringify(rule)} is not emulated`);
}

export interface StreamSourceStats {
  invocations: number;
  delivered: number;
  filteredOut: number;
  retries: number;
  sentToOnFailure: number;
}

export interface StreamSourceOptions {
  streamArn: string;
  batchSize: number;
  startingPosition: string;
  filterPatterns: unknown[];
  reportBatchItemFailures: boolean;
  maxRetryAttempts: number;
  onFailureQueueUrl: string | null;
}

interface StreamRecordWire extends DynamoDBRecord {
  dynamodb?: DynamoDBRecord['dynamodb'] & { SequenceNumber?: string };
}

export class StreamEventSource {
  readonly stats: StreamSourceStats = { invocations: 0, delivered: 0, filteredOut: 0, retries: 0, sentToOnFailure: 0 };
  private running = false;
  private worker: Promise<void> | null = null;

  constructor(
    private readonly streams: StreamsApi,
    private readonly sqs: SQSClient,
    private readonly pool: LambdaPool,
    private readonly options: StreamSourceOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.worker = this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.worker;
    this.worker = null;
  }

  private async poll(): Promise<void> {
    const { streamArn } = this.options;
    const description = await this.streams.call<{ StreamDescription: { Shards: Array<{ ShardId: string }> } }>('DescribeStream', { StreamArn: streamArn });
    const iterators = new Map<string, string | null>();
    for (const shard of description.StreamDescription.Shards) {
      const type = this.options.startingPosition === 'TRIM_HORIZON' ? 'TRIM_HORIZON' : 'LATEST';
      const { ShardIterator } = await this.streams.call<{ ShardIterator: string }>('GetShardIterator', {
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: type,
      });
      iterators.set(shard.ShardId, ShardIterator);
    }
    while (this.running) {
      let any = false;
      for (const [shardId, iterator] of iterators) {
        if (iterator === null) continue;
        const page = await this.streams.call<{ Records: StreamRecordWire[]; NextShardIterator?: string }>('GetRecords', {
          ShardIterator: iterator,
          Limit: this.options.batchSize,
        });
        iterators.set(shardId, page.NextShardIterator ?? null);
        const matching = page.Records.filter(
          (record) => this.options.filterPatterns.length === 0 || this.options.filterPatterns.some((p) => matchesPattern(p, record)),
        );
        this.stats.filteredOut += page.Records.length - matching.length;
        if (matching.length > 0) {
          any = true;
          await this.deliver(matching.map((record) => streamRecord(record, streamArn)));
        }
      }
      if (!any) await sleep(250);
    }
  }

  private async deliver(records: StreamRecordWire[]): Promise<void> {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      this.stats.invocations++;
      const invocation = await this.pool.invoke({ Records: pending });
      const failures = invocation.ok ? (this.options.reportBatchItemFailures ? batchItemFailures(invocation.result) : []) : 'all';
      if (failures !== 'all' && failures.length === 0) {
        this.stats.delivered += pending.length;
        return;
      }
      // Lambda resumes from the lowest failed sequence number; everything before it is done.
      const sequence = (record: StreamRecordWire): string => record.dynamodb?.SequenceNumber ?? '';
      const firstFailed =
        failures === 'all'
          ? 0
          : Math.max(
              0,
              pending.findIndex((record) => failures.includes(sequence(record))),
            );
      this.stats.delivered += firstFailed;
      pending = pending.slice(firstFailed);
      if (attempt >= this.options.maxRetryAttempts) {
        if (this.options.onFailureQueueUrl !== null) {
          const body = {
            requestContext: { condition: 'RetryAttemptsExhausted' },
            DDBStreamBatchInfo: { streamArn: this.options.streamArn, batchSize: pending.length },
          };
          await this.sqs.send(new SendMessageCommand({ QueueUrl: this.options.onFailureQueueUrl, MessageBody: JSON.stringify(body) }));
        }
        this.stats.sentToOnFailure += pending.length;
        return;
      }
      this.stats.retries++;
      await sleep(200 * 2 ** Math.min(attempt, 4));
    }
  }
}
