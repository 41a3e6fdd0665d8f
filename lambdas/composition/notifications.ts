// The notification sinks monitor.config.json asks for, built once: a webhook
// publisher per webhook subscription, an SNS publisher per topic, behind one
// router that applies each subscription's filter.
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsChangePublisher } from '../adapters/sns-publisher';
import { type DeliveryLogEntry, WebhookPublisher } from '../adapters/webhook-publisher';
import type { NotificationConfig, WebhookSubscription } from '../domain/notification-config';
import { ConfigError } from '../errors';
import type { ChangePublisher } from '../ports';
import { NotificationRouter, type Subscription } from '../service/notification-router';

export interface SinkOptions {
  /** Every webhook delivery attempt. */
  log: (entry: DeliveryLogEntry) => void;
  env?: Record<string, string | undefined>;
  /** A publisher every change goes to besides the configured ones (the stack's own topic on AWS). */
  always?: { name: string; publisher: ChangePublisher };
}

function secretOf(webhook: WebhookSubscription, env: Record<string, string | undefined>): string {
  if ('value' in webhook.secret) return webhook.secret.value;
  const value = env[webhook.secret.env];
  if (!value) throw new ConfigError(`notifications webhook "${webhook.name}": the environment variable ${webhook.secret.env} holding its secret is not set`);
  return value;
}

/** The router over every configured sink, or null when nobody is to be told. */
export function notificationRouter(config: NotificationConfig, options: SinkOptions): NotificationRouter | null {
  const env = options.env ?? process.env;
  const subscriptions: Subscription[] = [
    ...(options.always ? [{ ...options.always, filter: {} }] : []),
    ...config.webhooks.map((webhook) => ({
      name: webhook.name,
      filter: webhook.filter,
      publisher: new WebhookPublisher({ name: webhook.name, url: webhook.url, secret: secretOf(webhook, env), log: options.log }),
    })),
    ...config.topics.map((topic) => ({
      name: topic.name,
      filter: topic.filter,
      // The region is the ARN's fourth field, so a laptop can publish to a topic anywhere.
      publisher: new SnsChangePublisher(new SNSClient({ region: topic.topicArn.split(':')[3] ?? 'us-east-1' }), topic.topicArn),
    })),
  ];
  return subscriptions.length > 0 ? new NotificationRouter(subscriptions) : null;
}
