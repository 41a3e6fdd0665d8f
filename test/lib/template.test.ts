import { describe, expect, it } from 'vitest';
import { CfnElement, type Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type IndexSchema, TABLE_SCHEMA } from '../../lambdas/adapters/table-schema';
import { MonitorFunction } from '../../lib/monitor-function';
import { CheckQueue } from '../../lib/check-queue';
import { ChangeNotifications } from '../../lib/change-notifications';
import { MonitorAlarms } from '../../lib/alarms';
import { CHANGE_PREFIX } from '../../lambdas/adapters/dynamo-items';
import { synthMonitorStack } from './synth-stack';

const { stack, template } = synthMonitorStack();

function logicalId(construct: IConstruct | undefined): string {
  const resource = construct?.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new TypeError(`no CloudFormation resource under ${construct?.node.path}`);
  return (resource.stack as Stack).getLogicalId(resource);
}

function monitorFunction(id: string): MonitorFunction {
  const child = stack.node.findChild(id);
  if (!(child instanceof MonitorFunction)) throw new TypeError(`${id} is not a MonitorFunction`);
  return child;
}

function checkQueue(): CheckQueue {
  const child = stack.node.findChild('CheckQueue');
  if (!(child instanceof CheckQueue)) throw new TypeError('CheckQueue missing');
  return child;
}

function changeNotifications(): ChangeNotifications {
  const child = stack.node.findChild('ChangeNotifications');
  if (!(child instanceof ChangeNotifications)) throw new TypeError('ChangeNotifications missing');
  return child;
}

function monitorAlarms(): MonitorAlarms {
  const child = stack.node.findChild('Alarms');
  if (!(child instanceof MonitorAlarms)) throw new TypeError('Alarms missing');
  return child;
}

const tableId = logicalId(stack.table);
// The stack has two topics (alarms, changes): each test names the one it means.
const alarmTopicId = logicalId(monitorAlarms().topic);
const changeTopicId = logicalId(changeNotifications().topic);
const failureQueueId = logicalId(changeNotifications().failureQueue);
const notifyId = logicalId(changeNotifications().notify.function);
const queueId = logicalId(checkQueue().queue);
const deadLetterId = logicalId(checkQueue().deadLetterQueue);
const functions = {
  check: monitorFunction('Check'),
  dispatch: monitorFunction('Dispatch'),
  discover: monitorFunction('Discover'),
  web: monitorFunction('Web'),
};
const functionIds = {
  check: logicalId(functions.check.function),
  dispatch: logicalId(functions.dispatch.function),
  discover: logicalId(functions.discover.function),
  web: logicalId(functions.web.function),
};

function functionProperties(id: string): Record<string, unknown> {
  const resource: unknown = template.toJSON().Resources[id];
  if (typeof resource !== 'object' || resource === null || !('Properties' in resource)) throw new TypeError(`no resource ${id}`);
  return resource.Properties as Record<string, unknown>;
}

/** Actions the function's own policy allows on a resource whose ARN mentions `logicalIdOfTarget`. */
function allowedActions(name: keyof typeof functions, logicalIdOfTarget: string): string[] {
  const roleId = logicalId(functions[name].function.role);
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  const actions: string[] = [];
  for (const policy of Object.values(policies)) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>) {
      if (JSON.stringify(statement.Resource).includes(logicalIdOfTarget)) actions.push(...[statement.Action].flat());
    }
  }
  return actions;
}

describe('the table', () => {
  it('has the schema keys and every index of TABLE_SCHEMA with its projection, all string keys', () => {
    const table = template.findResources('AWS::DynamoDB::Table')[tableId];
    expect(table?.Properties.KeySchema).toEqual([
      { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE_SCHEMA.indexes.map((index: IndexSchema) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: index.include ? { ProjectionType: index.projection, NonKeyAttributes: [...index.include] } : { ProjectionType: index.projection },
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      })),
    );
    const types = new Set((table!.Properties.AttributeDefinitions as Array<{ AttributeType: string }>).map((a) => a.AttributeType));
    expect([...types]).toEqual(['S']);
  });

  it('is recoverable to a point in time, protected from deletion, retained with the stack, and streams new images', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
    });
  });

  /** Every scalable capacity of the table and its indexes: "table" or "table/index/<name>", then read or write, with its range and target. */
  function scaling(scaled: ReturnType<typeof synthMonitorStack>['template']): Map<string, { min: number; max: number; target: number | undefined }> {
    const targets = scaled.findResources('AWS::ApplicationAutoScaling::ScalableTarget');
    const policies = Object.values(scaled.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'));
    const found = new Map<string, { min: number; max: number; target: number | undefined }>();
    for (const [id, target] of Object.entries(targets)) {
      const props = target.Properties as { ScalableDimension: string; ResourceId: unknown; MinCapacity: number; MaxCapacity: number };
      const resource = JSON.stringify(props.ResourceId);
      const index = /\/index\/([a-z-]+)/.exec(resource)?.[1];
      const dimension = props.ScalableDimension.endsWith('ReadCapacityUnits') ? 'read' : 'write';
      const policy = policies.find((p) => JSON.stringify(p.Properties.ScalingTargetId).includes(id));
      const target_ = (policy?.Properties.TargetTrackingScalingPolicyConfiguration as { TargetValue?: number } | undefined)?.TargetValue;
      found.set(`${index === undefined ? 'table' : `table/index/${index}`} ${dimension}`, { min: props.MinCapacity, max: props.MaxCapacity, target: target_ });
    }
    return found;
  }

  it('is provisioned by default, every read and write capacity of the table and of each index auto scaled to 70% use, up to 4,000 units', () => {
    const table = template.findResources('AWS::DynamoDB::Table')[tableId];
    expect(table?.Properties.BillingMode).toBeUndefined();
    expect(table?.Properties.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    const scaled = scaling(template);
    const expected = ['table', ...TABLE_SCHEMA.indexes.map((index) => `table/index/${index.name}`)].flatMap((name) => [`${name} read`, `${name} write`]);
    expect([...scaled.keys()].sort()).toEqual(expected.sort());
    for (const [name, range] of scaled) {
      expect(range, name).toEqual({ min: name.startsWith('table ') ? 5 : 1, max: 4000, target: 70 });
    }
  });

  it('takes another ceiling (maxCapacityUnits) or on-demand billing from the context, and refuses a bad setting', () => {
    for (const range of scaling(synthMonitorStack({ maxCapacityUnits: 12000 }).template).values()) expect(range.max).toBe(12000);
    const onDemand = synthMonitorStack({ tableCapacity: 'on-demand' }).template;
    const table = Object.values(onDemand.findResources('AWS::DynamoDB::Table'))[0];
    expect(table?.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.Properties).not.toHaveProperty('ProvisionedThroughput');
    expect(scaling(onDemand).size).toBe(0);
    for (const bad of ['on demand', 'PROVISIONED', 5]) expect(() => synthMonitorStack({ tableCapacity: bad })).toThrow(/tableCapacity/);
    for (const bad of [0, 4, 40001, 2.5, 'lots']) expect(() => synthMonitorStack({ maxCapacityUnits: bad })).toThrow(/maxCapacityUnits/);
    expect(() => synthMonitorStack({ tableCapacity: 'on-demand', maxCapacityUnits: 100 })).toThrow(/only with tableCapacity=provisioned/);
  });
});

describe('the check queue', () => {
  it('is a standard queue (per-message delays space each host), encrypted, and dead-letters after 3 receives', () => {
    const queue = template.findResources('AWS::SQS::Queue')[queueId];
    expect(queue?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] }, maxReceiveCount: 3 },
    });
    expect(queue?.Properties).not.toHaveProperty('FifoQueue');
    const deadLetters = template.findResources('AWS::SQS::Queue')[deadLetterId];
    expect(deadLetters?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expect(deadLetters?.Properties).not.toHaveProperty('FifoQueue');
  });

  it('hides a message for at least six check timeouts, so a slow batch is not handed out twice', () => {
    const queue = template.findResources('AWS::SQS::Queue')[queueId];
    const checkTimeout = functionProperties(functionIds.check).Timeout;
    expect(typeof checkTimeout).toBe('number');
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * Number(checkTimeout));
  });

  it('refuses requests without TLS on both queues', () => {
    for (const id of [queueId, deadLetterId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('the functions', () => {
  it.each(Object.entries(functionIds))('%s runs on Node.js 22 on arm64, ESM-bundled, with source maps and a month of logs', (_name, id) => {
    const properties = functionProperties(id);
    expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(properties.Environment).toMatchObject({
      Variables: { TABLE_NAME: { Ref: tableId }, MONITOR_CONFIG: '{}', NODE_OPTIONS: '--enable-source-maps' },
    });
    const logGroupRef = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupRef]?.Properties.RetentionInDays).toBe(30);
  });

  it('gives each function the timeout and memory its work needs', () => {
    expect(functionProperties(functionIds.check)).toMatchObject({ Timeout: 300, MemorySize: 1024 });
    // A 50 s budget inside a 70 s timeout: a run ends before the next minute's run starts.
    expect(functionProperties(functionIds.dispatch)).toMatchObject({ Timeout: 70 });
    expect((functionProperties(functionIds.dispatch).Environment as { Variables: Record<string, unknown> }).Variables.DISPATCH_BUDGET_MS).toBe('50000');
    expect(functionProperties(functionIds.discover)).toMatchObject({ Timeout: 300 });
    expect(functionProperties(functionIds.web)).toMatchObject({ Timeout: 60 });
  });

  it('tells only dispatch and check (for the checks it postpones) where the queue is, and only web the API token hash parameter', () => {
    const variables = (id: string) => (functionProperties(id).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables(functionIds.dispatch).CHECK_QUEUE_URL).toEqual({ Ref: queueId });
    expect(variables(functionIds.check).CHECK_QUEUE_URL).toEqual({ Ref: queueId });
    expect(variables(functionIds.web).API_TOKEN_SHA256).toEqual({ Ref: 'ApiTokenSha256' });
    for (const id of [functionIds.discover, functionIds.web]) expect(variables(id)).not.toHaveProperty('CHECK_QUEUE_URL');
    for (const id of [functionIds.check, functionIds.dispatch, functionIds.discover]) expect(variables(id)).not.toHaveProperty('API_TOKEN_SHA256');
  });

  it('takes the API token hash as a parameter that is empty (watch API off) unless set, and accepts only a SHA-256 hex digest', () => {
    template.hasParameter('ApiTokenSha256', { Type: 'String', Default: '', AllowedPattern: '^([0-9a-f]{64})?$' });
    const pattern = new RegExp(template.toJSON().Parameters.ApiTokenSha256.AllowedPattern as string);
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('a'.repeat(64))).toBe(true);
    expect(pattern.test('my-secret-token')).toBe(false);
  });

  /** Every DynamoDB action a function's policy allows, on the table and on its indexes, with the resources. */
  function tableStatements(name: keyof typeof functions): Array<{ actions: string[]; resources: string }> {
    const roleId = logicalId(functions[name].function.role);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    return Object.values(policies)
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
      .map((statement) => ({ actions: [statement.Action].flat(), resources: JSON.stringify(statement.Resource) }))
      .filter((statement) => statement.actions.some((action) => action.startsWith('dynamodb:')));
  }

  const tableActions = (name: keyof typeof functions) =>
    tableStatements(name)
      .filter((statement) => !statement.resources.includes('/index/'))
      .flatMap((statement) => statement.actions)
      .sort();
  const queriedIndexes = (name: keyof typeof functions) =>
    tableStatements(name)
      .filter((statement) => statement.resources.includes('/index/'))
      .flatMap((statement) => [...statement.resources.matchAll(/\/index\/([a-z-]+)/g)].map((match) => match[1]))
      .sort();

  it.each([
    ['check', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], []],
    // DeleteItem only under the host-lanes partition (the statement's LeadingKeys condition; see below).
    ['dispatch', ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], ['due-slots']],
    ['discover', ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], []],
    [
      'web',
      ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      ['articles', 'changes', 'changes-by-source'],
    ],
  ] as const)('gives %s exactly the DynamoDB actions of the store methods it calls, and Query only on the indexes it reads', (name, actions, indexes) => {
    expect(tableActions(name)).toEqual([...actions]);
    expect(queriedIndexes(name)).toEqual([...indexes]);
    for (const statement of tableStatements(name)) {
      if (statement.resources.includes('/index/')) expect(statement.actions).toEqual(['dynamodb:Query']);
      // Named indexes and the table itself: no wildcard reaches anything else.
      expect(statement.resources).not.toContain('*');
    }
  });

  it.each(['check', 'discover', 'web'] as const)('lets %s neither scan, delete nor batch-write the table', (name) => {
    const actions = tableStatements(name).flatMap((statement) => statement.actions);
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) expect(actions).not.toContain(forbidden);
  });

  it('lets dispatch neither scan nor batch-write, and delete only its own host-lane records', () => {
    const roleId = logicalId(functions.dispatch.function.role);
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Condition?: unknown }>,
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:*']) expect(actions).not.toContain(forbidden);
    const deletes = statements.filter((statement) => [statement.Action].flat().includes('dynamodb:DeleteItem'));
    expect(deletes).toEqual([
      expect.objectContaining({ Action: 'dynamodb:DeleteItem', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['LANE'] } } }),
    ]);
  });

  it('lets dispatch send to the queue, and check receive and delete from it and send back the checks it postpones', () => {
    expect(allowedActions('dispatch', queueId)).toContain('sqs:SendMessage');
    expect(allowedActions('check', queueId)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage']));
    expect(allowedActions('web', queueId)).toEqual([]);
  });

  it('reserves 10 concurrent executions for the public web function unless told otherwise, and refuses a bad setting', () => {
    expect(functionProperties(functionIds.web).ReservedConcurrentExecutions).toBe(10);
    for (const id of [functionIds.check, functionIds.dispatch, functionIds.discover])
      expect(functionProperties(id)).not.toHaveProperty('ReservedConcurrentExecutions');
    const { stack: other, template: custom } = synthMonitorStack({ webConcurrency: 25 });
    expect(custom.findResources('AWS::Lambda::Function')[logicalIdIn(other, 'Web')]?.Properties.ReservedConcurrentExecutions).toBe(25);
    for (const bad of [0, -1, 2.5, 'many']) expect(() => synthMonitorStack({ webConcurrency: bad })).toThrow(/webConcurrency/);
  });

  it('builds links on the siteUrl context when given (web and notify), else on the Function URL domain, and refuses a non-https origin', () => {
    const variables = (id: string) => (functionProperties(id).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables(functionIds.web)).not.toHaveProperty('SITE_URL');
    const { stack: other, template: custom } = synthMonitorStack({ siteUrl: 'https://monitor.example.org/' });
    const webVariables = custom.findResources('AWS::Lambda::Function')[logicalIdIn(other, 'Web')]?.Properties.Environment.Variables;
    expect(webVariables.SITE_URL).toBe('https://monitor.example.org');
    const notify = logicalId((other.node.findChild('ChangeNotifications') as ChangeNotifications).notify.function);
    expect(custom.findResources('AWS::Lambda::Function')[notify]?.Properties.Environment.Variables.SITE_URL).toBe('https://monitor.example.org');
    expect((custom.toJSON().Outputs as Record<string, { Value: unknown }>).SiteUrl?.Value).toBe('https://monitor.example.org');
    for (const bad of ['http://monitor.example.org', 'https://monitor.example.org/path', 'monitor.example.org', 42]) {
      expect(() => synthMonitorStack({ siteUrl: bad })).toThrow(/siteUrl/);
    }
  });
});

/** "https://" + the host part of the Function URL ("https://<host>/" split on "/"): an origin with no trailing slash. */
function functionUrlOrigin(urlId: string | undefined): unknown {
  return { 'Fn::Join': ['', ['https://', { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [urlId, 'FunctionUrl'] }] }] }]] };
}

function logicalIdIn(other: Stack, id: string): string {
  const child = other.node.findChild(id);
  if (!(child instanceof MonitorFunction)) throw new TypeError(`${id} is not a MonitorFunction`);
  return logicalId(child.function);
}

describe('wiring', () => {
  it('feeds the check function from the queue 10 at a time within 2 s, reporting failed items, with bounded concurrency', () => {
    // The check queue and the table stream (notify) are the only event sources.
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: functionIds.check },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 30 },
    });
  });

  it('runs dispatch every minute and discovery every 15, neither retried into the next run', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionIds.dispatch, 'Arn'] }, RetryPolicy: { MaximumEventAgeInSeconds: 60 } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionIds.discover, 'Arn'] }, RetryPolicy: { MaximumEventAgeInSeconds: 900 } })],
    });
    for (const id of [functionIds.dispatch, functionIds.discover]) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: id }, MaximumRetryAttempts: 0 });
    }
  });

  it('serves the web function on a public Function URL', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [functionIds.web, 'Arn'] } });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: { 'Fn::GetAtt': [functionIds.web, 'Arn'] },
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
  });

  it('outputs the site origin (the Function URL domain by default) and the Function URL, table name, queue URL and alarm topic', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const urlId = Object.keys(template.findResources('AWS::Lambda::Url'))[0];
    expect(outputs.SiteUrl?.Value).toEqual(functionUrlOrigin(urlId));
    expect(outputs.FunctionUrl?.Value).toEqual({ 'Fn::GetAtt': [urlId, 'FunctionUrl'] });
    expect(outputs.TableName?.Value).toEqual({ Ref: tableId });
    expect(outputs.CheckQueueUrl?.Value).toEqual({ Ref: queueId });
    expect(outputs.AlarmTopicArn?.Value).toEqual({ Ref: alarmTopicId });
  });
});

describe('alarms', () => {
  const topicId = alarmTopicId;
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);

  function alarmOn(metricName: string, dimensionRef: string): Record<string, unknown> | undefined {
    return alarms.find((alarm) => alarm.MetricName === metricName && JSON.stringify(alarm.Dimensions).includes(`"${dimensionRef}"`));
  }

  it('raises an alarm on any message in the dead-letter queue', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible', deadLetterId)).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('raises an alarm when checks fall behind', () => {
    const backlog = alarmOn('ApproximateAgeOfOldestMessage', queueId);
    expect(backlog).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topicId }] });
    expect(Number(backlog?.Threshold)).toBeGreaterThan(0);
  });

  it.each(['check', 'dispatch', 'discover'] as const)('raises an alarm when the %s function fails', (name) => {
    expect(alarmOn('Errors', functionIds[name])).toMatchObject({ Namespace: 'AWS/Lambda', AlarmActions: [{ Ref: topicId }] });
  });

  it('treats quiet periods as healthy, so an idle monitor does not page anyone', () => {
    expect(alarms.length).toBe(16);
    for (const alarm of alarms) expect(alarm.TreatMissingData).toBe('notBreaching');
  });

  it.each(['check', 'dispatch', 'discover', 'web'] as const)('raises an alarm when the %s function is throttled', (name) => {
    expect(alarmOn('Throttles', functionIds[name])).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, AlarmActions: [{ Ref: topicId }] });
  });

  it("raises an alarm on check messages handed back for retry, from the worker's own metric (they never count as Lambda errors)", () => {
    const failures = alarms.find((alarm) => alarm.MetricName === 'FailedMessages');
    expect(failures).toMatchObject({ Namespace: 'ArticleMonitor', Dimensions: [{ Name: 'service', Value: 'check' }], AlarmActions: [{ Ref: topicId }] });
  });

  it('raises an alarm when articles stay overdue for 10 minutes', () => {
    const overdue = alarms.find((alarm) => alarm.MetricName === 'OverdueArticles');
    expect(overdue).toMatchObject({
      Namespace: 'ArticleMonitor',
      Dimensions: [{ Name: 'service', Value: 'dispatch' }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Period: 60,
      EvaluationPeriods: 10,
    });
  });

  it('raises an alarm when the public site answers 5xx and when change notifications lag on the stream', () => {
    expect(alarmOn('Url5xxCount', functionIds.web)).toMatchObject({ Namespace: 'AWS/Lambda', AlarmActions: [{ Ref: topicId }] });
    expect(alarmOn('IteratorAge', notifyId)).toMatchObject({ Namespace: 'AWS/Lambda', ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarmOn('Throttles', notifyId)).toBeDefined();
  });

  it('lets CloudWatch publish to the TLS-only alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });

  it('subscribes no one unless an alarm email is given, then that address', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = synthMonitorStack({ alarmEmail: 'ops@example.org' }).template;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });
});

describe('change notifications', () => {
  const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).find(
    (resource) => JSON.stringify(resource.Properties.FunctionName) === JSON.stringify({ Ref: notifyId }),
  )?.Properties;

  it('publish to their own TLS-only topic, named in an output, with no subscriber until someone subscribes', () => {
    expect(changeTopicId).not.toBe(alarmTopicId);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: changeTopicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ChangeTopicArn?.Value).toEqual({ Ref: changeTopicId });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('come from a Node.js 22 arm64 function told the topic, the site URL and the config (for its webhook subscriptions), and nothing about the table', () => {
    const properties = functionProperties(notifyId);
    expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: 30 });
    const urlId = Object.keys(template.findResources('AWS::Lambda::Url'))[0];
    expect((properties.Environment as { Variables: Record<string, unknown> }).Variables).toEqual({
      CHANGE_TOPIC_ARN: { Ref: changeTopicId },
      SITE_URL: functionUrlOrigin(urlId),
      MONITOR_CONFIG: '{}',
      NODE_OPTIONS: '--enable-source-maps',
    });
    const logGroupRef = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupRef]?.Properties.RetentionInDays).toBe(30);
  });

  it('are triggered only by inserted change items on the table stream', () => {
    expect(mapping?.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    const filters = (mapping!.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern) as unknown)).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: CHANGE_PREFIX }] } } } },
    ]);
    expect(mapping?.StartingPosition).toBe('TRIM_HORIZON');
  });

  it('report failed records, split failing batches, retry a bounded number of times, then park the batch in an encrypted TLS-only queue', () => {
    expect(mapping).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failureQueueId, 'Arn'] } } },
    });
    expect(Number(mapping?.MaximumRetryAttempts)).toBeGreaterThan(0);
    expect(Number(mapping?.MaximumRetryAttempts)).toBeLessThanOrEqual(10);
    expect(template.findResources('AWS::SQS::Queue')[failureQueueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: failureQueueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('let the notify function publish to the change topic only, read the stream, and touch no table data', () => {
    const roleId = logicalId(changeNotifications().notify.function.role);
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
    const actionsOn = (resource: unknown) =>
      statements.filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(resource)).flatMap((statement) => [statement.Action].flat());
    expect(actionsOn({ Ref: changeTopicId })).toEqual(['sns:Publish']);
    expect(actionsOn({ Ref: alarmTopicId })).toEqual([]);
    expect(actionsOn({ 'Fn::GetAtt': [tableId, 'StreamArn'] })).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    expect(actionsOn({ 'Fn::GetAtt': [failureQueueId, 'Arn'] })).toContain('sqs:SendMessage');
    const tableDataActions = statements
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => /^dynamodb:(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|Batch|Transact)/.test(action));
    expect(tableDataActions).toEqual([]);
  });

  it('raise an alarm when the notify function fails and when a batch is given up on', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
    const on = (metricName: string, ref: string) =>
      alarms.find((alarm) => alarm.MetricName === metricName && JSON.stringify(alarm.Dimensions).includes(`"${ref}"`));
    expect(on('Errors', notifyId)).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, AlarmActions: [{ Ref: alarmTopicId }] });
    expect(on('ApproximateNumberOfMessagesVisible', failureQueueId)).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: alarmTopicId }],
    });
  });
});
