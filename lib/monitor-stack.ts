// The whole monitor on AWS, in one stack, so one `cdk deploy` runs it:
//   schedule -> dispatch -> SQS (standard, per-message delays) -> check -> DynamoDB
//   schedule -> discover -> DynamoDB
//   Function URL -> web (pages, feeds, JSON API, watch API)
//   table stream (new changes) -> notify -> SNS topic for subscribers
import { CfnOutput, CfnParameter, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
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
import { createMonitorTable, type TableCapacity } from './table';
import { FUNCTION_STORE_METHODS, grantStoreAccess } from './table-access';

// Every minute: a due article waits at most about a minute (plus its spacing delay) to be queued.
const DISPATCH_EVERY = Duration.minutes(1);
/** A run pages the due index until this budget is spent, then stops, so runs never overlap. */
const DISPATCH_BUDGET = Duration.seconds(50);
// The budget, plus room to finish the last page of sends and flush the metrics.
const DISPATCH_TIMEOUT = Duration.seconds(70);
const DISCOVER_EVERY = Duration.minutes(15);
/**
 * A batch's checks run at once (CHECKS_IN_FLIGHT), so the batch takes about as long as its
 * slowest check; no check starts with less than TIME_NEEDED_PER_CHECK_MS (180 s, the worst case
 * of one check) left, so 5 minutes leaves two minutes in which checks may start.
 */
const CHECK_TIMEOUT = Duration.minutes(5);
/** SQS's largest batch without a long batching window: ten messages of up to a few dozen checks each. */
const CHECK_BATCH_SIZE = 10;
/** Wait at most this long to fill a batch: longer only delays checks, which are already spaced by dispatch. */
const CHECK_BATCHING_WINDOW = Duration.seconds(2);
/**
 * Check invocations at once. An invocation with a full batch is CPU-bound: ~14 ms of CPU per unchanged
 * check on a whole core (`npm run bench:cost`), ~24 ms at 1,024 MB's 0.58 vCPU, so ~42 checks/s each
 * and ~1,250 checks/s for 30: past the 1,000 checks/s dispatch drains, and a ceiling on the bill
 * whatever the backlog.
 */
const CHECK_MAX_CONCURRENCY = 30;
/**
 * Measured with `npx tsx bench/check-worker.ts` (the real bundle, 64 unchanged real article pages
 * of distinct hosts with per-request noise, 32 in flight, 300 ms modelled network wait): peak RSS
 * 170-210 MB, ~13 ms CPU per check warm (~33 ms in a cold container). Memory is not the constraint;
 * CPU share is (Lambda gives 1 vCPU at 1769 MB). 32 checks × ~13 ms CPU per ~300 ms wait already
 * keep more than one vCPU busy, so below 1 GB a batch is only longer, not cheaper (CPU-bound GB-s
 * are the same at any memory), and 1 GB leaves room for a few multi-megabyte pages at once.
 * Changed pages (extraction, diff, re-fetches) need more CPU, not memory.
 */
const CHECK_MEMORY_MB = 1024;
/** Web requests served at once: bounds what a crawler or an attack can spend, and leaves the pipeline its capacity. */
const DEFAULT_WEB_CONCURRENCY = 10;
/**
 * Auto scaling's ceiling for each provisioned read and write capacity, and so for the bill: as much as a new
 * on-demand table takes at once (4,000 write units a second, ~250 first checks or ~3,800 unchanged ones).
 */
const DEFAULT_MAX_CAPACITY_UNITS = 4_000;
/** DynamoDB's default per-table quota, 40,000 read and 40,000 write units a second. */
const MAX_CAPACITY_UNITS = 40_000;

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
  /**
   * The public origin of the site (e.g. https://monitor.example.org, a CloudFront or custom domain in
   * front of the Function URL): feed, page and notification links are built on it.
   * @default - the Function URL's own domain, from the Lambda event's requestContext (never the Host header)
   */
  readonly siteUrl?: string;
  /**
   * Reserved concurrency of the public web function.
   * @default 10
   */
  readonly webConcurrency?: number;
  /**
   * `provisioned` (auto scaled) or `on-demand`; see TableCapacity in lib/table.ts.
   * @default 'provisioned'
   */
  readonly tableCapacity?: TableCapacity['mode'];
  /**
   * With provisioned capacity: the most read units, and the most write units, auto scaling may give
   * the table and each index.
   * @default 4000
   */
  readonly maxCapacityUnits?: number;
}

function readContext(scope: Construct): MonitorContext {
  const context: { -readonly [K in keyof MonitorContext]: MonitorContext[K] } = {};
  const configFile: unknown = scope.node.tryGetContext('configFile');
  const alarmEmail: unknown = scope.node.tryGetContext('alarmEmail');
  const siteUrl: unknown = scope.node.tryGetContext('siteUrl');
  const webConcurrency: unknown = scope.node.tryGetContext('webConcurrency');
  const tableCapacity: unknown = scope.node.tryGetContext('tableCapacity');
  const maxCapacityUnits: unknown = scope.node.tryGetContext('maxCapacityUnits');
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
  if (siteUrl !== undefined) {
    if (typeof siteUrl !== 'string' || !isHttpsOrigin(siteUrl)) {
      throw new ConfigError(`context siteUrl: expected an https origin such as https://monitor.example.org, got ${JSON.stringify(siteUrl)}`);
    }
    context.siteUrl = siteUrl.replace(/\/+$/, '');
  }
  if (webConcurrency !== undefined) {
    const value = typeof webConcurrency === 'string' ? Number(webConcurrency) : webConcurrency;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000) {
      throw new ConfigError(`context webConcurrency: expected a whole number from 1 to 1000, got ${JSON.stringify(webConcurrency)}`);
    }
    context.webConcurrency = value;
  }
  if (tableCapacity !== undefined) {
    if (tableCapacity !== 'provisioned' && tableCapacity !== 'on-demand') {
      throw new ConfigError(`context tableCapacity: expected "provisioned" or "on-demand", got ${JSON.stringify(tableCapacity)}`);
    }
    context.tableCapacity = tableCapacity;
  }
  if (maxCapacityUnits !== undefined) {
    const value = typeof maxCapacityUnits === 'string' ? Number(maxCapacityUnits) : maxCapacityUnits;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 5 || value > MAX_CAPACITY_UNITS) {
      throw new ConfigError(`context maxCapacityUnits: expected a whole number from 5 to ${MAX_CAPACITY_UNITS}, got ${JSON.stringify(maxCapacityUnits)}`);
    }
    if (context.tableCapacity === 'on-demand') throw new ConfigError('context maxCapacityUnits: applies only with tableCapacity=provisioned');
    context.maxCapacityUnits = value;
  }
  return context;
}

function tableCapacityOf(context: MonitorContext): TableCapacity {
  return context.tableCapacity === 'on-demand'
    ? { mode: 'on-demand' }
    : { mode: 'provisioned', maxUnits: context.maxCapacityUnits ?? DEFAULT_MAX_CAPACITY_UNITS };
}

function isHttpsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '' && url.username === '';
  } catch {
    return false;
  }
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

    this.table = createMonitorTable(this, 'Table', tableCapacityOf(context));
    const shared = { TABLE_NAME: this.table.tableName, MONITOR_CONFIG: configText };

    const check = new MonitorFunction(this, 'Check', {
      entry: 'lambdas/handlers/check.ts',
      description: 'Fetches due articles from the check queue, many at once, and stores new versions and changes.',
      timeout: CHECK_TIMEOUT,
      memorySize: CHECK_MEMORY_MB,
      environment: shared,
    });
    const checkQueue = new CheckQueue(this, 'CheckQueue', { consumerTimeout: CHECK_TIMEOUT });
    check.function.addEventSource(
      new SqsEventSource(checkQueue.queue, {
        batchSize: CHECK_BATCH_SIZE,
        maxBatchingWindow: CHECK_BATCHING_WINDOW,
        // One bad page must not send its batch-mates back to the queue.
        reportBatchItemFailures: true,
        maxConcurrency: CHECK_MAX_CONCURRENCY,
      }),
    );
    grantStoreAccess(check.function, this.table, FUNCTION_STORE_METHODS.check);
    // A check whose host is busy with another fetch of its batch goes back on the queue, held back until the host's turn.
    check.function.addEnvironment('CHECK_QUEUE_URL', checkQueue.queue.queueUrl);
    checkQueue.queue.grantSendMessages(check.function);

    const dispatch = new MonitorFunction(this, 'Dispatch', {
      entry: 'lambdas/handlers/dispatch.ts',
      description: 'Queues the articles that are due for a check, spaced per host.',
      timeout: DISPATCH_TIMEOUT,
      memorySize: 256,
      asyncRetries: 0,
      environment: { ...shared, CHECK_QUEUE_URL: checkQueue.queue.queueUrl, DISPATCH_BUDGET_MS: String(DISPATCH_BUDGET.toMilliseconds()) },
    });
    grantStoreAccess(dispatch.function, this.table, FUNCTION_STORE_METHODS.dispatch);
    checkQueue.queue.grantSendMessages(dispatch.function);

    const discover = new MonitorFunction(this, 'Discover', {
      entry: 'lambdas/handlers/discover.ts',
      description: "Reads the configured sources' feeds, sitemaps and front pages for new articles to watch.",
      timeout: Duration.minutes(5),
      memorySize: 512,
      asyncRetries: 0,
      environment: shared,
    });
    grantStoreAccess(discover.function, this.table, FUNCTION_STORE_METHODS.discover);

    const web = new MonitorFunction(this, 'Web', {
      entry: 'lambdas/handlers/web.ts',
      description: 'Serves the history and diff pages, the change feeds, the JSON API and the watch API.',
      // POST /api/watch takes version 0 at once: robots.txt and the page, each under the 20 s fetch timeout.
      timeout: Duration.minutes(1),
      memorySize: 512,
      reservedConcurrency: context.webConcurrency ?? DEFAULT_WEB_CONCURRENCY,
      environment: {
        ...shared,
        API_TOKEN_SHA256: apiTokenSha256.valueAsString,
        ...(context.siteUrl === undefined ? {} : { SITE_URL: context.siteUrl }),
      },
    });
    // Reads, watch and the manage API's pause/resume/unwatch; deleting is not the public web's to do.
    grantStoreAccess(web.function, this.table, FUNCTION_STORE_METHODS.web);
    // Pages and feeds are public; the watch API checks its bearer token itself.
    const functionUrl = web.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    // "https://<id>.lambda-url.<region>.on.aws/" → its origin, without the trailing slash.
    const siteOrigin = context.siteUrl ?? `https://${Fn.select(2, Fn.split('/', functionUrl.url))}`;

    const notifications = new ChangeNotifications(this, 'ChangeNotifications', { table: this.table, siteUrl: siteOrigin, configText });

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
      webFunction: web.function,
      dispatchFunction: dispatch.function,
      discoverFunction: discover.function,
      checkQueue: checkQueue.queue,
      deadLetterQueue: checkQueue.deadLetterQueue,
      notifyFunction: notifications.notify.function,
      notifyFailureQueue: notifications.failureQueue,
      ...(context.alarmEmail === undefined ? {} : { alarmEmail: context.alarmEmail }),
    });

    new CfnOutput(this, 'SiteUrl', { value: siteOrigin, description: 'The public site: pages, feeds and API (the siteUrl context, else the Function URL).' });
    new CfnOutput(this, 'FunctionUrl', {
      value: functionUrl.url,
      description: 'The web function itself; put a CDN or custom domain in front and pass it as -c siteUrl=….',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table (kept if the stack is deleted).' });
    new CfnOutput(this, 'CheckQueueUrl', { value: checkQueue.queue.queueUrl, description: 'The SQS queue of pending checks.' });
    new CfnOutput(this, 'ChangeTopicArn', {
      value: notifications.topic.topicArn,
      description: 'Subscribe here to be told about changes as they are found; filter on kinds, stealth, source or significance.',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe here to receive alarms.' });
  }
}
