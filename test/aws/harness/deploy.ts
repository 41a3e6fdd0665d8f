// "Deploys" a synthesized template onto the emulators: every table, queue, topic and subscription it
// declares is created with its declared settings (names made unique per deployment, so scenarios never
// share state), every function gets a pool of containers running its bundle with the template's
// environment (Ref / GetAtt resolved to the emulated resources), every Function URL becomes a loopback
// HTTP server, and the event source mappings and schedules are emulated from their declarations.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type QueueAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ACCOUNT_ID, CREDENTIALS, type Emulators, REGION } from './emulators';
import { SqsEventSource, StreamEventSource, StreamsApi } from './event-sources';
import { functionUrlEvent, scheduledEvent } from './lambda-events';
import { type InvocationResult, LambdaPool } from './lambda-pool';
import type { CloudAssembly } from './synth';
import {
  type FunctionSpec,
  type Resolution,
  type ScheduleSpec,
  functionUrlsOf,
  functionsOf,
  mappingsOf,
  queuesOf,
  referencedId,
  resolveValue,
  schedulesOf,
  tableIdsOf,
  topicIdsOf,
} from './template';

export interface DeployOptions {
  /** Values for the template's parameters; the rest take their defaults. */
  parameters?: Record<string, string>;
  /** Containers per function that no mapping or reserved concurrency bounds. */
  defaultConcurrency?: number;
  /** Long-poll wait of the emulated SQS pollers, seconds. */
  pollWaitS?: number;
  /** At most this many containers per function, whatever the template allows (the bench runs one at a time). */
  maxContainersPerFunction?: number;
  /** Variables the harness adds to every function's environment (test-only switches). */
  extraEnvironment?: Record<string, string>;
}

export interface EmulatedFunction {
  spec: FunctionSpec;
  name: string;
  pool: LambdaPool;
  environment: Record<string, string>;
}

/** SQS's attributes, as CloudFormation spells the queue's properties. */
const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

export class EmulatedStack {
  readonly functions = new Map<string, EmulatedFunction>();
  readonly sqsSources: Array<{ logicalId: string; functionId: string; queueId: string; source: SqsEventSource }> = [];
  readonly streamSources: Array<{ logicalId: string; functionId: string; source: StreamEventSource }> = [];
  readonly schedules: ScheduleSpec[];
  readonly urls = new Map<string, { functionId: string; url: string; server: Server }>();

  constructor(
    readonly assembly: CloudAssembly,
    readonly resolution: Resolution,
    readonly clients: { dynamo: DynamoDBClient; sqs: SQSClient; sns: SNSClient },
  ) {
    this.schedules = schedulesOf(assembly.template);
  }

  fn(logicalId: string): EmulatedFunction {
    const found = this.functions.get(logicalId);
    if (!found) throw new Error(`no function ${logicalId} in the template`);
    return found;
  }

  /** The emulated value of `{Ref: logicalId}`: table name, queue URL, topic ARN, function name. */
  ref(logicalId: string): string {
    const found = this.resolution.resources[logicalId]?.ref;
    if (found === undefined) throw new Error(`${logicalId} is not an emulated resource`);
    return found;
  }

  attribute(logicalId: string, name: string): string {
    const found = this.resolution.resources[logicalId]?.attributes[name];
    if (found === undefined) throw new Error(`${logicalId}.${name} is not emulated`);
    return found;
  }

  invoke(functionId: string, event: unknown): Promise<InvocationResult> {
    return this.fn(functionId).pool.invoke(event);
  }

  /** One run of a schedule rule: its target functions invoked with the scheduled event. */
  async runSchedule(rule: ScheduleSpec, at: Date = new Date()): Promise<InvocationResult[]> {
    const event = scheduledEvent(`arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${rule.logicalId}`, at);
    return Promise.all(rule.targetFunctionIds.map((id) => this.invoke(id, event)));
  }

  startEventSources(): void {
    for (const { source } of this.sqsSources) source.start();
    for (const { source } of this.streamSources) source.start();
  }

  async stopEventSources(): Promise<void> {
    await Promise.all([...this.sqsSources.map(({ source }) => source.stop()), ...this.streamSources.map(({ source }) => source.stop())]);
  }

  async destroy(): Promise<void> {
    await this.stopEventSources();
    for (const { server } of this.urls.values()) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await Promise.all([...this.functions.values()].map((f) => f.pool.close()));
  }
}

function tableInput(name: string, properties: Record<string, unknown>): CreateTableCommandInput {
  const gsis = (properties.GlobalSecondaryIndexes ?? []) as GlobalSecondaryIndex[];
  const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
  return {
    TableName: name,
    KeySchema: properties.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: properties.AttributeDefinitions as AttributeDefinition[],
    // CloudFormation's default is provisioned: CDK leaves BillingMode out for it.
    BillingMode: properties.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...(properties.BillingMode !== 'PAY_PER_REQUEST'
      ? { ProvisionedThroughput: properties.ProvisionedThroughput as CreateTableCommandInput['ProvisionedThroughput'] }
      : {}),
    ...(gsis.length > 0
      ? {
          GlobalSecondaryIndexes: gsis.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
            ...(index.ProvisionedThroughput ? { ProvisionedThroughput: index.ProvisionedThroughput } : {}),
          })),
        }
      : {}),
    ...(stream?.StreamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' } } : {}),
  };
}

export async function deployStack(assembly: CloudAssembly, emulators: Emulators, options: DeployOptions = {}): Promise<EmulatedStack> {
  const { template, outdir } = assembly;
  const clientConfig = { region: REGION, credentials: CREDENTIALS };
  const clients = {
    dynamo: new DynamoDBClient({ ...clientConfig, endpoint: emulators.dynamoEndpoint }),
    sqs: new SQSClient({ ...clientConfig, endpoint: emulators.sqsEndpoint }),
    sns: new SNSClient({ ...clientConfig, endpoint: emulators.sqsEndpoint }),
  };
  // Unique per deployment; resources keep their logical IDs in their names, as CloudFormation's do.
  const prefix = `emu${randomUUID().slice(0, 8)}`;
  const parameters: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value = options.parameters?.[name] ?? parameter.Default;
    if (value !== undefined) parameters[name] = value;
  }
  const resolution: Resolution = { resources: {}, parameters, region: REGION, accountId: ACCOUNT_ID };
  const stack = new EmulatedStack(assembly, resolution, clients);

  for (const logicalId of tableIdsOf(template)) {
    const name = `${prefix}-${logicalId}`;
    await clients.dynamo.send(new CreateTableCommand(tableInput(name, template.Resources[logicalId]?.Properties ?? {})));
    const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: name }));
    resolution.resources[logicalId] = {
      ref: name,
      attributes: { Arn: Table?.TableArn ?? '', ...(Table?.LatestStreamArn ? { StreamArn: Table.LatestStreamArn } : {}) },
    };
  }

  // Dead-letter queues first: a queue's redrive policy names its DLQ's ARN.
  const queues = queuesOf(template);
  const redriveTarget = (properties: Record<string, unknown>): string | null => {
    const policy = properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
    return policy ? referencedId(policy.deadLetterTargetArn) : null;
  };
  queues.sort((a, b) => Number(redriveTarget(a.properties) !== null) - Number(redriveTarget(b.properties) !== null));
  for (const queue of queues) {
    const name = `${prefix}-${queue.logicalId}`.slice(0, 75) + (queue.fifo ? '.fifo' : '');
    const attributes: Partial<Record<QueueAttributeName, string>> = {};
    for (const attribute of QUEUE_ATTRIBUTES) {
      const value = queue.properties[attribute];
      if (value !== undefined) attributes[attribute] = String(value);
    }
    const redrive = queue.properties.RedrivePolicy as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined;
    if (redrive) {
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: resolveValue(redrive.deadLetterTargetArn, resolution, `${queue.logicalId}.RedrivePolicy`),
        maxReceiveCount: Number(redrive.maxReceiveCount),
      });
    }
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    resolution.resources[queue.logicalId] = { ref: QueueUrl ?? '', attributes: { Arn: Attributes?.QueueArn ?? '', QueueName: name, QueueUrl: QueueUrl ?? '' } };
  }

  for (const logicalId of topicIdsOf(template)) {
    const fifo = template.Resources[logicalId]?.Properties?.FifoTopic === true;
    const name = `${prefix}-${logicalId}${fifo ? '.fifo' : ''}`;
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: name, ...(fifo ? { Attributes: { FifoTopic: 'true' } } : {}) }));
    resolution.resources[logicalId] = { ref: TopicArn ?? '', attributes: { TopicArn: TopicArn ?? '', TopicName: name } };
  }
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::SNS::Subscription') continue;
    const p = resource.Properties ?? {};
    // Only queue subscriptions can be delivered here; an email subscription (the alarm address) has no emulator.
    if (p.Protocol !== 'sqs') continue;
    const attributes: Record<string, string> = {};
    if (p.RawMessageDelivery !== undefined) attributes.RawMessageDelivery = String(p.RawMessageDelivery);
    if (p.FilterPolicy !== undefined) attributes.FilterPolicy = JSON.stringify(p.FilterPolicy);
    if (typeof p.FilterPolicyScope === 'string') attributes.FilterPolicyScope = p.FilterPolicyScope;
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: resolveValue(p.TopicArn, resolution, logicalId),
        Protocol: 'sqs',
        Endpoint: resolveValue(p.Endpoint, resolution, logicalId),
        Attributes: attributes,
      }),
    );
  }

  const specs = functionsOf(template, outdir);
  for (const spec of specs) {
    const name = `${prefix}-${spec.logicalId}`.slice(0, 64);
    resolution.resources[spec.logicalId] = { ref: name, attributes: { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}` } };
  }

  // Function URLs: a loopback server each, started before any function so their URLs resolve in environments.
  for (const { logicalId, functionId } of functionUrlsOf(template)) {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const host = request.headers.host ?? '127.0.0.1';
        void stack.invoke(functionId, functionUrlEvent(request, Buffer.concat(chunks), host)).then((invocation) => {
          if (!invocation.ok) {
            response.writeHead(502, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ Message: 'Internal Server Error' }));
            return;
          }
          const result = invocation.result as APIGatewayProxyStructuredResultV2 | string | null;
          // A result without a statusCode is the body, as JSON (Function URL response format).
          if (result === null || typeof result !== 'object' || result.statusCode === undefined) {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(typeof result === 'string' ? result : JSON.stringify(result));
            return;
          }
          const headers: Record<string, string | string[]> = {};
          for (const [header, value] of Object.entries(result.headers ?? {})) headers[header] = String(value);
          if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
          response.writeHead(result.statusCode, headers);
          response.end(result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    stack.urls.set(logicalId, { functionId, url, server });
    resolution.resources[logicalId] = { ref: url, attributes: { FunctionUrl: url, FunctionArn: stack.attribute(functionId, 'Arn') } };
  }

  const mappings = mappingsOf(template);
  for (const spec of specs) {
    const environment: Record<string, string> = {};
    for (const [variable, value] of Object.entries(spec.environment)) environment[variable] = resolveValue(value, resolution, `${spec.logicalId} ${variable}`);
    const sqsMapping = mappings.sqs.find((mapping) => mapping.functionId === spec.logicalId);
    // Lambda's SQS pollers scale up to the mapping's maximum concurrency (its minimum, 2, when unset is
    // unbounded; five pollers is where Lambda starts). Reserved concurrency caps everything.
    const wanted = sqsMapping ? (sqsMapping.maxConcurrency ?? 5) : (options.defaultConcurrency ?? 4);
    const maxContainers = Math.max(1, Math.min(wanted, spec.reservedConcurrency ?? wanted, options.maxContainersPerFunction ?? wanted));
    const pool = new LambdaPool({
      name: resolution.resources[spec.logicalId]!.ref,
      assetDir: spec.assetDir,
      handler: spec.handler,
      timeoutS: spec.timeoutS,
      memoryMb: spec.memoryMb,
      maxContainers,
      environment: {
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        // The SDK's standard per-service endpoint variables: the bundles' clients, built with `{}`, go to the emulators.
        AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
        AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
        AWS_ENDPOINT_URL_SNS: emulators.sqsEndpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...environment,
        ...options.extraEnvironment,
      },
    });
    stack.functions.set(spec.logicalId, { spec, name: pool.options.name, pool, environment });
  }

  const streamsApi = new StreamsApi(emulators.dynamoEndpoint);
  for (const mapping of mappings.sqs) {
    const fn = stack.fn(mapping.functionId);
    const source = new SqsEventSource(clients.sqs, fn.pool, {
      queueUrl: stack.ref(mapping.queueId),
      queueArn: stack.attribute(mapping.queueId, 'Arn'),
      batchSize: mapping.batchSize,
      batchingWindowS: mapping.batchingWindowS,
      reportBatchItemFailures: mapping.reportBatchItemFailures,
      concurrency: fn.pool.options.maxContainers,
      ...(options.pollWaitS === undefined ? {} : { waitTimeS: options.pollWaitS }),
    });
    stack.sqsSources.push({ logicalId: mapping.logicalId, functionId: mapping.functionId, queueId: mapping.queueId, source });
  }
  for (const mapping of mappings.streams) {
    const fn = stack.fn(mapping.functionId);
    const source = new StreamEventSource(streamsApi, clients.sqs, fn.pool, {
      streamArn: stack.attribute(mapping.tableId, 'StreamArn'),
      batchSize: mapping.batchSize,
      startingPosition: mapping.startingPosition,
      filterPatterns: mapping.filterPatterns,
      reportBatchItemFailures: mapping.reportBatchItemFailures,
      maxRetryAttempts: mapping.maxRetryAttempts,
      onFailureQueueUrl: mapping.onFailureQueueId === null ? null : stack.ref(mapping.onFailureQueueId),
    });
    stack.streamSources.push({ logicalId: mapping.logicalId, functionId: mapping.functionId, source });
  }
  return stack;
}
