// The whole monitor on AWS, in one stack, so one `cdk deploy` runs it:
//   schedule -> dispatch -> SQS FIFO -> check -> DynamoDB
//   schedule -> discover -> DynamoDB
//   Function URL -> web (pages, feeds, JSON API, watch API)
//   table stream (new changes) -> notify -> SNS topic for subscribers
import { CfnOutput, CfnParameter, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnTable, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { ConfigError } from '../lambdas/errors';
import { MonitorAlarms } from './alarms';
import { ChangeNotifications } from './change-notifications';
import { CheckQueue } from './check-queue';
import { monitorConfigText } from './monitor-config';
import { MonitorFunction } from './monitor-function';
import { createMonitorTable } from './table';

const DISPATCH_EVERY = Duration.minutes(5);
const DISCOVER_EVERY = Duration.minutes(15);
// Room for several checks per batch; the handler defers messages it has no time left for.
const CHECK_TIMEOUT = Duration.minutes(5);
const CHECK_BATCH_SIZE = 5;
/** Bounds how many hosts are fetched at once, and so the bill, whatever the backlog. */
const CHECK_MAX_CONCURRENCY = 10;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Context a deploy can pass with `-c name=value`. */
interface MonitorContext {
  /**
   * Path of a monitor.config.json to ship to the Lambdas.
   * @default - every setting at its default (no sources, no webhooks)
   */
  readonly configFile?: string;
  /**
   * Operator address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
}

function readContext(scope: Construct): MonitorContext {
  const context: { -readonly [K in keyof MonitorContext]: MonitorContext[K] } = {};
  const configFile: unknown = scope.node.tryGetContext('configFile');
  const alarmEmail: unknown = scope.node.tryGetContext('alarmEmail');
  if (configFile !== undefined) {
    if (typeof configFile !== 'string' || configFile.trim() === '') throw new ConfigError('context configFile: expected the path of a config file');
    context.configFile = configFile;
  }
  if (alarmEmail !== undefined) {
    if (typeof alarmEmail !== 'string' || !EMAIL.test(alarmEmail)) {
      throw new ConfigError(`context alarmEmail: expected an email address, got ${JSON.stringify(alarmEmail)}`);
    }
    context.alarmEmail = alarmEmail;
  }
  return context;
}

/** A delivery EventBridge could not make is worth retrying only until the next scheduled run. */
function scheduledTarget(fn: MonitorFunction, every: Duration): LambdaFunction {
  return new LambdaFunction(fn.function, { retryAttempts: 2, maxEventAge: every });
}

export class MonitorStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: 'Article change monitor: watches article URLs, stores every version and publishes the diffs.',
      ...props,
    });
    // Read before any resource exists, so a bad setting fails the synth with nothing half-built.
    const context = readContext(this);
    const configText = monitorConfigText(context.configFile);

    const apiTokenSha256 = new CfnParameter(this, 'ApiTokenSha256', {
      type: 'String',
      default: '',
      // A hash, not the token: safe to show in the console. Empty keeps the watch API closed.
      allowedPattern: '^([0-9a-f]{64})?$',
      constraintDescription: 'the SHA-256 of the watch API token, as 64 lower-case hex digits, or empty to disable the watch API',
      description: 'SHA-256 (hex) of the bearer token POST /api/watch accepts. Empty: the watch API is disabled.',
    });

    this.table = createMonitorTable(this, 'Table');
    const shared = { TABLE_NAME: this.table.tableName, MONITOR_CONFIG: configText };

    const check = new MonitorFunction(this, 'Check', {
      entry: 'lambdas/handlers/check.ts',
      description: 'Fetches due articles from the check queue, stores new versions and changes.',
      timeout: CHECK_TIMEOUT,
      memorySize: 512,
      environment: shared,
    });
    const checkQueue = new CheckQueue(this, 'CheckQueue', { consumerTimeout: CHECK_TIMEOUT });
    check.function.addEventSource(
      new SqsEventSource(checkQueue.queue, {
        batchSize: CHECK_BATCH_SIZE,
        // One bad page must not send its batch-mates back to the queue.
        reportBatchItemFailures: true,
        maxConcurrency: CHECK_MAX_CONCURRENCY,
      }),
    );
    this.table.grantReadWriteData(check.function);

    const dispatch = new MonitorFunction(this, 'Dispatch', {
      entry: 'lambdas/handlers/dispatch.ts',
      description: 'Queues the articles that are due for a check.',
      timeout: Duration.minutes(1),
      memorySize: 256,
      asyncRetries: 0,
      environment: { ...shared, CHECK_QUEUE_URL: checkQueue.queue.queueUrl },
    });
    this.table.grantReadData(dispatch.function);
    checkQueue.queue.grantSendMessages(dispatch.function);

    const discover = new MonitorFunction(this, 'Discover', {
      entry: 'lambdas/handlers/discover.ts',
      description: "Reads the configured sources' feeds, sitemaps and front pages for new articles to watch.",
      timeout: Duration.minutes(5),
      memorySize: 512,
      asyncRetries: 0,
      environment: shared,
    });
    this.table.grantReadWriteData(discover.function);

    const web = new MonitorFunction(this, 'Web', {
      entry: 'lambdas/handlers/web.ts',
      description: 'Serves the history and diff pages, the change feeds, the JSON API and the watch API.',
      // POST /api/watch takes version 0 at once: robots.txt and the page, each under the 20 s fetch timeout.
      timeout: Duration.minutes(1),
      memorySize: 512,
      environment: { ...shared, API_TOKEN_SHA256: apiTokenSha256.valueAsString },
    });
    // POST /api/watch writes new article heads.
    this.table.grantReadWriteData(web.function);
    // Pages and feeds are public; the watch API checks its bearer token itself.
    const siteUrl = web.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    const notifications = new ChangeNotifications(this, 'ChangeNotifications', { table: this.table, siteUrl: siteUrl.url, configText });

    new Rule(this, 'DispatchSchedule', {
      description: 'Queue due article checks.',
      schedule: Schedule.rate(DISPATCH_EVERY),
      targets: [scheduledTarget(dispatch, DISPATCH_EVERY)],
    });
    new Rule(this, 'DiscoverSchedule', {
      description: 'Look for new articles in the configured sources.',
      schedule: Schedule.rate(DISCOVER_EVERY),
      targets: [scheduledTarget(discover, DISCOVER_EVERY)],
    });

    const alarms = new MonitorAlarms(this, 'Alarms', {
      checkFunction: check.function,
      dispatchFunction: dispatch.function,
      discoverFunction: discover.function,
      checkQueue: checkQueue.queue,
      deadLetterQueue: checkQueue.deadLetterQueue,
      notifyFunction: notifications.notify.function,
      notifyFailureQueue: notifications.failureQueue,
      ...(context.alarmEmail === undefined ? {} : { alarmEmail: context.alarmEmail }),
    });

    // The grant's wildcard is named by the table's logical ID; the cdk-nag test fails if it is ever not acknowledged.
    const tableResource = this.table.node.defaultChild;
    if (tableResource instanceof CfnTable) {
      const tableLogicalId = this.getLogicalId(tableResource);
      for (const fn of [check, dispatch, discover, web]) {
        Validations.of(fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
          reason:
            "CDK's table grants cover the table's indexes with <table>/index/*; the functions query the due, articles and changes indexes, and the wildcard reaches only this table's indexes.",
        });
      }
    }

    new CfnOutput(this, 'SiteUrl', { value: siteUrl.url, description: 'The public site: pages, feeds and API.' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table (kept if the stack is deleted).' });
    new CfnOutput(this, 'CheckQueueUrl', { value: checkQueue.queue.queueUrl, description: 'The SQS FIFO queue of pending checks.' });
    new CfnOutput(this, 'ChangeTopicArn', {
      value: notifications.topic.topicArn,
      description: 'Subscribe here to be told about changes as they are found; filter on kinds, stealth, source or significance.',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe here to receive alarms.' });
  }
}
