// The "notifications" section of monitor.config.json: who is told about new
// changes, and which changes each wants. Validated here like every setting, so
// a mistyped kind or a webhook without a secret stops start-up, not delivery.
import { ConfigError } from '../errors';
import type { NotificationFilter } from './notification-filter';
import { CHANGE_KINDS, type ChangeKind } from './types';

export interface WebhookSubscription {
  name: string;
  url: string;
  /** The HMAC key the X-Monitor-Signature header is made with: given, or read from an environment variable. */
  secret: { value: string } | { env: string };
  filter: NotificationFilter;
}

interface TopicSubscription {
  name: string;
  topicArn: string;
  filter: NotificationFilter;
}

export interface NotificationConfig {
  webhooks: WebhookSubscription[];
  topics: TopicSubscription[];
}

export function noNotifications(): NotificationConfig {
  return { webhooks: [], topics: [] };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FILTER_KEYS = ['kinds', 'stealth', 'sources', 'minSignificance'];
const TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

function isChangeKind(value: unknown): value is ChangeKind {
  return CHANGE_KINDS.some((kind) => kind === value);
}

function parseFilter(raw: Json, where: string): NotificationFilter {
  const filter: NotificationFilter = {};
  if (raw.kinds !== undefined) {
    if (!Array.isArray(raw.kinds) || !raw.kinds.every(isChangeKind)) {
      throw new ConfigError(`${where}.kinds: expected a list of change kinds (${CHANGE_KINDS.join(', ')})`);
    }
    filter.kinds = raw.kinds;
  }
  if (raw.stealth !== undefined) {
    if (typeof raw.stealth !== 'boolean') throw new ConfigError(`${where}.stealth: expected true or false`);
    filter.stealth = raw.stealth;
  }
  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources) || !raw.sources.every((source) => typeof source === 'string' && source !== '')) {
      throw new ConfigError(`${where}.sources: expected a list of source names`);
    }
    filter.sources = raw.sources;
  }
  if (raw.minSignificance !== undefined) {
    if (typeof raw.minSignificance !== 'number' || !(raw.minSignificance >= 0 && raw.minSignificance <= 1)) {
      throw new ConfigError(`${where}.minSignificance: expected a number from 0 to 1`);
    }
    filter.minSignificance = raw.minSignificance;
  }
  return filter;
}

function entries(value: unknown, where: string): Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw new ConfigError(`${where}: expected a list of objects`);
  return value;
}

function rejectUnknown(object: Json, known: string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new ConfigError(`${where}: unknown setting "${key}" (known: ${known.join(', ')})`);
  }
}

function parseName(raw: Json, where: string, taken: Set<string>): string {
  if (typeof raw.name !== 'string' || !/^[\w.-]{1,64}$/.test(raw.name)) {
    throw new ConfigError(`${where}.name: expected a short name of letters, digits, ".", "_" or "-"`);
  }
  if (taken.has(raw.name)) throw new ConfigError(`${where}.name: "${raw.name}" is used by another subscription`);
  taken.add(raw.name);
  return raw.name;
}

function parseWebhook(raw: Json, where: string, taken: Set<string>): WebhookSubscription {
  rejectUnknown(raw, ['name', 'url', 'secret', 'secretEnv', ...FILTER_KEYS], where);
  const name = parseName(raw, where, taken);
  let url: URL;
  try {
    url = new URL(typeof raw.url === 'string' ? raw.url : '');
  } catch {
    throw new ConfigError(`${where}.url: expected an http(s) URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new ConfigError(`${where}.url: expected an http(s) URL without credentials`);
  }
  let secret: WebhookSubscription['secret'];
  if (typeof raw.secret === 'string' && raw.secret.length >= 16 && raw.secretEnv === undefined) secret = { value: raw.secret };
  else if (typeof raw.secretEnv === 'string' && ENV_NAME.test(raw.secretEnv) && raw.secret === undefined) secret = { env: raw.secretEnv };
  else {
    throw new ConfigError(`${where}: give either "secret" (at least 16 characters) or "secretEnv" (the name of an environment variable holding it)`);
  }
  return { name, url: url.toString(), secret, filter: parseFilter(raw, where) };
}

function parseTopic(raw: Json, where: string, taken: Set<string>): TopicSubscription {
  rejectUnknown(raw, ['name', 'topicArn', ...FILTER_KEYS], where);
  const name = parseName(raw, where, taken);
  if (typeof raw.topicArn !== 'string' || !TOPIC_ARN.test(raw.topicArn)) throw new ConfigError(`${where}.topicArn: expected an SNS topic ARN`);
  return { name, topicArn: raw.topicArn, filter: parseFilter(raw, where) };
}

export function parseNotificationConfig(value: unknown): NotificationConfig {
  if (value === undefined) return noNotifications();
  if (!isObject(value)) throw new ConfigError('notifications: expected an object');
  rejectUnknown(value, ['webhooks', 'sns'], 'notifications');
  const taken = new Set<string>();
  return {
    webhooks: entries(value.webhooks, 'notifications.webhooks').map((raw, i) => parseWebhook(raw, `notifications.webhooks[${i}]`, taken)),
    topics: entries(value.sns, 'notifications.sns').map((raw, i) => parseTopic(raw, `notifications.sns[${i}]`, taken)),
  };
}
