// One of the monitor's Lambdas: a thin handler over the same code the local
// runner calls, built and logged the same way as its siblings.
import { join } from 'node:path';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { LAMBDA_ARCHITECTURE, LAMBDA_BUNDLING, LAMBDA_RUNTIME, PROJECT_ROOT } from './bundling';

export interface MonitorFunctionProps {
  /** Handler file, relative to the project root. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Record<string, string>;
  /**
   * Scheduled functions: the next run is the retry, so Lambda's own async retries
   * would only overlap it.
   * @default - Lambda's own default (2 retries)
   */
  readonly asyncRetries?: number;
  /**
   * Concurrency kept for this function and never exceeded (the public web function's).
   * @default - none: the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
}

export class MonitorFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: MonitorFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      // A month covers any incident review; logs are the main running cost otherwise.
      retention: RetentionDays.ONE_MONTH,
      // Logs are not the record: the table is. Deleting the stack should not leave them behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      bundling: LAMBDA_BUNDLING,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      logGroup: this.logGroup,
      ...(props.asyncRetries === undefined ? {} : { retryAttempts: props.asyncRetries }),
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS-managed basic execution policy only lets the function write its own CloudWatch logs; AWS maintains it and it grants nothing else.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to the Node.js 22 LTS runtime the code is tested on (CI runs Node 20 and 22); moving to a newer runtime is a deliberate, tested change, not an automatic one.',
      },
    );
  }
}
