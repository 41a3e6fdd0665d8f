// What the harness reads from a synthesized CloudFormation template, and the intrinsic functions
// (Ref, Fn::GetAtt, Fn::Join, ...) resolved against the emulated resources. Nothing here knows the
// monitor's logical IDs: resources are found by type and by what points at what.
import { join } from 'node:path';

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: unknown;
}

export interface Template {
  Parameters?: Record<string, { Type: string; Default?: string }>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface FunctionSpec {
  logicalId: string;
  /** The bundle's folder in the cloud assembly. */
  assetDir: string;
  /** `index.handler`: file (without extension) and export. */
  handler: string;
  runtime: string;
  architectures: string[];
  memoryMb: number;
  timeoutS: number;
  environment: Record<string, unknown>;
  reservedConcurrency: number | null;
}

export interface QueueSpec {
  logicalId: string;
  fifo: boolean;
  properties: Record<string, unknown>;
}

export interface SqsMappingSpec {
  logicalId: string;
  functionId: string;
  queueId: string;
  batchSize: number;
  batchingWindowS: number;
  maxConcurrency: number | null;
  reportBatchItemFailures: boolean;
}

export interface StreamMappingSpec {
  logicalId: string;
  functionId: string;
  tableId: string;
  batchSize: number;
  startingPosition: string;
  filterPatterns: unknown[];
  reportBatchItemFailures: boolean;
  maxRetryAttempts: number;
  bisectOnError: boolean;
  onFailureQueueId: string | null;
}

export interface ScheduleSpec {
  logicalId: string;
  expression: string;
  /** Milliseconds between runs for `rate(...)`. */
  everyMs: number | null;
  targetFunctionIds: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function resourcesOf(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The logical ID a `{Ref}` or `{Fn::GetAtt}` points at. */
export function referencedId(value: unknown): string | null {
  if (!isRecord(value)) return null;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return null;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : fallback;
}

export function functionsOf(template: Template, outdir: string): FunctionSpec[] {
  return resourcesOf(template, 'AWS::Lambda::Function').map(([logicalId, resource]) => {
    const p = resource.Properties ?? {};
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string') throw new Error(`function ${logicalId} has no bundled asset (aws:asset:path); was bundling skipped?`);
    const variables = isRecord(p.Environment) && isRecord(p.Environment.Variables) ? p.Environment.Variables : {};
    return {
      logicalId,
      assetDir: join(outdir, assetPath),
      handler: typeof p.Handler === 'string' ? p.Handler : 'index.handler',
      runtime: String(p.Runtime),
      architectures: Array.isArray(p.Architectures) ? p.Architectures.map(String) : ['x86_64'],
      // Lambda's defaults when the template leaves them out.
      memoryMb: numberOr(p.MemorySize, 128),
      timeoutS: numberOr(p.Timeout, 3),
      environment: variables,
      reservedConcurrency: p.ReservedConcurrentExecutions === undefined ? null : numberOr(p.ReservedConcurrentExecutions, 0),
    };
  });
}

export function queuesOf(template: Template): QueueSpec[] {
  return resourcesOf(template, 'AWS::SQS::Queue').map(([logicalId, resource]) => ({
    logicalId,
    fifo: resource.Properties?.FifoQueue === true || resource.Properties?.FifoQueue === 'true',
    properties: resource.Properties ?? {},
  }));
}

export function tableIdsOf(template: Template): string[] {
  return resourcesOf(template, 'AWS::DynamoDB::Table').map(([id]) => id);
}

export function topicIdsOf(template: Template): string[] {
  return resourcesOf(template, 'AWS::SNS::Topic').map(([id]) => id);
}

export function mappingsOf(template: Template): { sqs: SqsMappingSpec[]; streams: StreamMappingSpec[] } {
  const sqs: SqsMappingSpec[] = [];
  const streams: StreamMappingSpec[] = [];
  for (const [logicalId, resource] of resourcesOf(template, 'AWS::Lambda::EventSourceMapping')) {
    const p = resource.Properties ?? {};
    const functionId = referencedId(p.FunctionName);
    const sourceId = referencedId(p.EventSourceArn);
    const sourceType = sourceId === null ? undefined : template.Resources[sourceId]?.Type;
    if (functionId === null || sourceId === null) throw new Error(`event source mapping ${logicalId}: cannot tell its function or source`);
    const responseTypes = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
    const reportBatchItemFailures = responseTypes.includes('ReportBatchItemFailures');
    if (sourceType === 'AWS::SQS::Queue') {
      const scaling = isRecord(p.ScalingConfig) ? p.ScalingConfig : {};
      sqs.push({
        logicalId,
        functionId,
        queueId: sourceId,
        // Lambda's defaults for an SQS source.
        batchSize: numberOr(p.BatchSize, 10),
        batchingWindowS: numberOr(p.MaximumBatchingWindowInSeconds, 0),
        maxConcurrency: scaling.MaximumConcurrency === undefined ? null : numberOr(scaling.MaximumConcurrency, 2),
        reportBatchItemFailures,
      });
    } else if (sourceType === 'AWS::DynamoDB::Table') {
      const filters = isRecord(p.FilterCriteria) && Array.isArray(p.FilterCriteria.Filters) ? p.FilterCriteria.Filters : [];
      const destination = isRecord(p.DestinationConfig) && isRecord(p.DestinationConfig.OnFailure) ? p.DestinationConfig.OnFailure.Destination : null;
      streams.push({
        logicalId,
        functionId,
        tableId: sourceId,
        batchSize: numberOr(p.BatchSize, 100),
        startingPosition: String(p.StartingPosition ?? 'LATEST'),
        filterPatterns: filters.map((filter) => (isRecord(filter) && typeof filter.Pattern === 'string' ? (JSON.parse(filter.Pattern) as unknown) : {})),
        reportBatchItemFailures,
        // -1 (the default) is "until the record expires"; the harness stops at 10.
        maxRetryAttempts: Math.min(10, Math.max(0, numberOr(p.MaximumRetryAttempts, 10))),
        bisectOnError: p.BisectBatchOnFunctionError === true,
        onFailureQueueId: referencedId(destination),
      });
    } else {
      throw new Error(`event source mapping ${logicalId}: source type ${String(sourceType)} is not emulated`);
    }
  }
  return { sqs, streams };
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

export function schedulesOf(template: Template): ScheduleSpec[] {
  return resourcesOf(template, 'AWS::Events::Rule')
    .filter(([, resource]) => typeof resource.Properties?.ScheduleExpression === 'string')
    .map(([logicalId, resource]) => {
      const expression = String(resource.Properties?.ScheduleExpression);
      const rate = RATE.exec(expression);
      const targets = Array.isArray(resource.Properties?.Targets) ? resource.Properties.Targets : [];
      return {
        logicalId,
        expression,
        everyMs: rate ? Number(rate[1]) * (UNIT_MS[rate[2]!] ?? 0) : null,
        targetFunctionIds: targets.flatMap((target) => {
          const id = isRecord(target) ? referencedId(target.Arn) : null;
          return id !== null && template.Resources[id]?.Type === 'AWS::Lambda::Function' ? [id] : [];
        }),
      };
    });
}

/** Function URLs: the Url resource and the function it serves. */
export function functionUrlsOf(template: Template): Array<{ logicalId: string; functionId: string }> {
  return resourcesOf(template, 'AWS::Lambda::Url').flatMap(([logicalId, resource]) => {
    const functionId = referencedId(resource.Properties?.TargetFunctionArn);
    return functionId === null ? [] : [{ logicalId, functionId }];
  });
}

/** What each emulated resource answers to Ref and Fn::GetAtt. */
export interface ResolvedResource {
  ref: string;
  attributes: Record<string, string>;
}

export interface Resolution {
  resources: Record<string, ResolvedResource>;
  parameters: Record<string, string>;
  region: string;
  accountId: string;
}

/** Evaluates the intrinsic functions in `value`; throws on one it cannot (a template the harness does not model). */
export function resolveValue(value: unknown, r: Resolution, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isRecord(value)) throw new Error(`${where}: cannot resolve ${JSON.stringify(value)}`);
  if (typeof value.Ref === 'string') {
    const name = value.Ref;
    const pseudo: Record<string, string> = {
      'AWS::Region': r.region,
      'AWS::AccountId': r.accountId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': 'emulated',
    };
    const resolved = pseudo[name] ?? r.parameters[name] ?? r.resources[name]?.ref;
    if (resolved === undefined) throw new Error(`${where}: Ref ${name} is not an emulated resource or parameter`);
    return resolved;
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    const [id, attribute] = getAtt.map(String);
    const resolved = r.resources[id!]?.attributes[attribute!];
    if (resolved === undefined) throw new Error(`${where}: Fn::GetAtt ${id}.${attribute} is not emulated`);
    return resolved;
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => resolveValue(part, r, where)).join(join[0]);
  }
  const select = value['Fn::Select'];
  if (Array.isArray(select)) {
    const list = resolveList(select[1], r, where);
    const picked = list[Number(resolveValue(select[0], r, where))];
    if (picked === undefined) throw new Error(`${where}: Fn::Select index out of range`);
    return picked;
  }
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      name.includes('.') ? resolveValue({ 'Fn::GetAtt': name.split('.') }, r, where) : resolveValue({ Ref: name }, r, where),
    );
  }
  throw new Error(`${where}: intrinsic ${Object.keys(value).join(',')} is not emulated`);
}

function resolveList(value: unknown, r: Resolution, where: string): string[] {
  if (Array.isArray(value)) return value.map((part) => resolveValue(part, r, where));
  const split = isRecord(value) ? value['Fn::Split'] : undefined;
  if (Array.isArray(split) && typeof split[0] === 'string') return resolveValue(split[1], r, where).split(split[0]);
  throw new Error(`${where}: cannot resolve ${JSON.stringify(value)} to a list`);
}

/** How the stack's table pays for capacity: per request, or provisioned and auto scaled to a utilisation. */
export type TableBillingSpec = { mode: 'on-demand' } | { mode: 'provisioned'; targetUtilization: number };

export function tableBillingOf(template: Template): TableBillingSpec {
  const tables = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::DynamoDB::Table');
  if (tables.length !== 1) throw new Error(`expected one DynamoDB table in the template, found ${tables.length}`);
  // CloudFormation's default is provisioned: CDK leaves BillingMode out for it.
  if (tables[0]?.Properties?.BillingMode === 'PAY_PER_REQUEST') return { mode: 'on-demand' };
  const targets = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::ApplicationAutoScaling::ScalingPolicy')
    .map((resource) => (resource.Properties?.TargetTrackingScalingPolicyConfiguration as { TargetValue?: number } | undefined)?.TargetValue)
    .filter((value): value is number => typeof value === 'number');
  // Without auto scaling, what is provisioned is paid for however little is used: no utilisation to assume.
  if (targets.length === 0) throw new Error('the table is provisioned with no target-tracking scaling policy');
  return { mode: 'provisioned', targetUtilization: Math.min(...targets) / 100 };
}
