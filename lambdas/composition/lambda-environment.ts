// The Lambda side of the composition root: each handler's parts, built from the
// environment variables the CDK stack sets, once per container and reused
// across invocations.
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SnsChangePublisher } from '../adapters/sns-publisher';
import { SqsCheckQueue } from '../adapters/sqs-queue';
import { type MonitorConfig, parseConfig } from '../domain/config';
import type { ChangePublisher, CheckQueue } from '../ports';
import type { NotifyOptions } from '../service/notify';
import type { WebHandler } from '../web/app';
import { requiredEnv } from './required-env';
import { notificationRouter } from './notifications';
import { createRuntime, createSite, type Runtime } from './runtime';

let runtime: Runtime | undefined;
let queue: CheckQueue | undefined;
let site: WebHandler | undefined;
let notify: NotifyDeps | undefined;

/** monitor.config.json as the stack shipped it. */
function configFromEnv(): MonitorConfig {
  const config = parseConfig(process.env.MONITOR_CONFIG ? (JSON.parse(process.env.MONITOR_CONFIG) as unknown) : {});
  // Only tests point a Lambda at loopback servers; production never sets this.
  if (process.env.MONITOR_ALLOW_PRIVATE_NETWORK === 'true') config.fetch.allowPrivateNetwork = true;
  return config;
}

/** The checker's parts (store, gated fetcher, robots, politeness, config) and the due index. */
export function runtimeFromEnv(): Runtime {
  if (runtime) return runtime;
  const config = configFromEnv();
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  runtime = createRuntime({ config, tableName: requiredEnv('TABLE_NAME'), ...(endpoint ? { endpoint } : {}) });
  return runtime;
}

/** The queue dispatch puts due checks on. */
export function checkQueueFromEnv(): CheckQueue {
  queue ??= new SqsCheckQueue(new SQSClient({}), requiredEnv('CHECK_QUEUE_URL'));
  return queue;
}

/** The public site behind the Function URL. */
export function siteFromEnv(): WebHandler {
  const siteUrl = process.env.SITE_URL;
  // The stack gives the web function no DeleteItem/BatchWriteItem: deleting is an operator's job.
  site ??= createSite(runtimeFromEnv(), { apiTokenSha256: process.env.API_TOKEN_SHA256 || null, deletes: false, ...(siteUrl ? { baseUrl: siteUrl } : {}) });
  return site;
}

export interface NotifyDeps {
  publisher: ChangePublisher;
  options: NotifyOptions;
}

/** Where new changes are published, and the site their notifications link to. */
export function notifyDepsFromEnv(): NotifyDeps {
  if (notify) return notify;
  const siteUrl = process.env.SITE_URL;
  const stackTopic = new SnsChangePublisher(new SNSClient({}), requiredEnv('CHANGE_TOPIC_ARN'));
  // Every change goes to the stack's topic (its subscribers filter with SNS policies); webhooks in the config filter here.
  const router = notificationRouter(configFromEnv().notifications, {
    log: (entry) => console.log(JSON.stringify({ webhookDelivery: entry })),
    always: { name: 'change-topic', publisher: stackTopic },
  });
  notify = { publisher: router ?? stackTopic, options: siteUrl ? { siteUrl } : {} };
  return notify;
}
