// monitor.config.json: its shape, defaults and validation. Pure, so the
// Lambdas parse the same JSON from an environment variable that the CLI reads
// from a file (adapters/config-file.ts).
import { ConfigError } from '../errors';
import type { ExtractionRules } from './types';
import { validateExtractionRules } from './extract/rules';
import { type NotificationConfig, noNotifications, parseNotificationConfig } from './notification-config';

interface ScheduleStep {
  /** Applies while the time since the last change is under this many ms. */
  underMs: number;
  /** Check this often. */
  everyMs: number;
}

interface FrontPage {
  url: string;
  /** Regular expression (source text) an article link's absolute URL must match. */
  articlePattern: string;
}

export interface SourceConfig {
  name: string;
  /** Hosts whose articles belong to this source (exact host or a subdomain of it). */
  hosts: string[];
  feeds: string[];
  sitemaps: string[];
  frontPages: FrontPage[];
  extract?: ExtractionRules;
}

export interface MonitorConfig {
  schedule: {
    steps: ScheduleStep[];
    /** Stop checking once the article has not changed for this long. */
    retireAfterMs: number;
    /** Spread checks by up to this fraction of the interval, so they do not bunch up. */
    jitter: number;
    /** Removed (404/410) articles are re-checked this often. */
    removedEveryMs: number;
  };
  fetch: {
    timeoutMs: number;
    maxBytes: number;
    maxRedirects: number;
    userAgent: string;
    allowPrivateNetwork: boolean;
    respectRobotsTxt: boolean;
  };
  politeness: {
    perHostConcurrency: number;
    perHostGapMs: number;
  };
  /** How often the local runner looks for due checks, and discovery runs. */
  checkIntervalMs: number;
  discoverIntervalMs: number;
  sources: SourceConfig[];
  /** Who is told about new changes (webhooks, SNS topics), and which changes each wants. */
  notifications: NotificationConfig;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DEFAULT_USER_AGENT = 'ArticleChangeMonitor/0.1 (+https://github.com/article-change-monitor; watches published articles for edits)';

export function defaultConfig(): MonitorConfig {
  return {
    // NewsDiffs' table: fresh articles are checked often, old ones rarely, and a year without change retires them.
    schedule: {
      steps: [
        { underMs: 3 * HOUR, everyMs: 15 * MINUTE },
        { underMs: DAY, everyMs: HOUR },
        { underMs: 7 * DAY, everyMs: 3 * HOUR },
        { underMs: 30 * DAY, everyMs: 3 * DAY },
        { underMs: 365 * DAY, everyMs: 30 * DAY },
      ],
      retireAfterMs: 365 * DAY,
      jitter: 0.1,
      removedEveryMs: DAY,
    },
    fetch: {
      timeoutMs: 20_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: DEFAULT_USER_AGENT,
      allowPrivateNetwork: false,
      respectRobotsTxt: true,
    },
    politeness: { perHostConcurrency: 2, perHostGapMs: 1000 },
    checkIntervalMs: MINUTE,
    discoverIntervalMs: 15 * MINUTE,
    sources: [],
    notifications: noNotifications(),
  };
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: DAY };
const YEAR = 365 * DAY;

/** "15m", "3h", "30d", or a number of milliseconds. */
function parseDuration(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const match = DURATION.exec(value.trim());
    if (match?.[1] && match[2]) return Number(match[1]) * (UNIT_MS[match[2]] ?? 1);
  }
  throw new ConfigError(`${where}: expected a duration like "15m", "3h" or "30d", got ${JSON.stringify(value)}`);
}

function describeMs(ms: number): string {
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * A duration setting within its sensible range. Zero would make a loop spin or every check due at once;
 * the upper bounds keep times inside what a Date and a timer can hold (a timer fires at once past 24.8 days).
 */
function durationSetting(value: unknown, where: string, limits: { maxMs: number; allowZero?: boolean }): number {
  const ms = parseDuration(value, where);
  if (ms === 0 && !limits.allowZero) throw new ConfigError(`${where}: must be longer than zero, got ${JSON.stringify(value)}`);
  if (ms > limits.maxMs) throw new ConfigError(`${where}: at most ${describeMs(limits.maxMs)}, got ${JSON.stringify(value)}`);
  return ms;
}

/** Limits for the schedule's times: a century is past any article's life, and far inside a Date's range. */
const SCHEDULE_LIMIT = { maxMs: 100 * YEAR };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): Json {
  if (!isObject(value)) throw new ConfigError(`${where}: expected an object`);
  return value;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ConfigError(`${where}: expected a list of strings`);
  }
  return value;
}

function wholeNumber(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${where}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An absolute http(s) URL the monitor can fetch; checked here so a typo fails at start-up, not on every round. */
function fetchableUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`${where}: not an absolute URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${where}: only http and https URLs can be fetched, got ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (url.username || url.password) throw new ConfigError(`${where}: URLs with credentials in them are not fetched`);
  return value.trim();
}

function urlList(value: unknown, where: string): string[] {
  return stringList(value, where).map((url, i) => fetchableUrl(url, `${where}[${i}]`));
}

function rejectUnknown(object: Json, known: string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new ConfigError(`${where}: unknown setting "${key}" (known: ${known.join(', ')})`);
  }
}

function parseSource(value: unknown, index: number): SourceConfig {
  const where = `sources[${index}]`;
  const raw = objectAt(value, where);
  rejectUnknown(raw, ['name', 'hosts', 'feeds', 'sitemaps', 'frontPages', 'extract'], where);
  if (typeof raw.name !== 'string' || !/^[\w.-]{1,64}$/.test(raw.name)) {
    throw new ConfigError(`${where}.name: expected a short name of letters, digits, ".", "_" or "-"`);
  }
  const frontPages = (Array.isArray(raw.frontPages) ? raw.frontPages : raw.frontPages === undefined ? [] : null)?.map((page: unknown, i: number) => {
    const p = objectAt(page, `${where}.frontPages[${i}]`);
    if (typeof p.url !== 'string' || typeof p.articlePattern !== 'string') {
      throw new ConfigError(`${where}.frontPages[${i}]: needs "url" and "articlePattern" strings`);
    }
    try {
      new RegExp(p.articlePattern);
    } catch {
      throw new ConfigError(`${where}.frontPages[${i}].articlePattern: not a valid regular expression`);
    }
    return { url: fetchableUrl(p.url, `${where}.frontPages[${i}].url`), articlePattern: p.articlePattern };
  });
  if (!frontPages) throw new ConfigError(`${where}.frontPages: expected a list`);
  const source: SourceConfig = {
    name: raw.name,
    hosts: stringList(raw.hosts, `${where}.hosts`).map((h) => h.toLowerCase()),
    feeds: urlList(raw.feeds, `${where}.feeds`),
    sitemaps: urlList(raw.sitemaps, `${where}.sitemaps`),
    frontPages,
  };
  if (raw.extract !== undefined) {
    const extract = objectAt(raw.extract, `${where}.extract`);
    rejectUnknown(extract, ['include', 'drop'], `${where}.extract`);
    source.extract = {
      include: stringList(extract.include, `${where}.extract.include`),
      drop: stringList(extract.drop, `${where}.extract.drop`),
    };
    validateExtractionRules(source.extract, `${where}.extract`);
  }
  return source;
}

/** Validates a config object (as read from JSON) over the defaults. Throws ConfigError naming the bad setting. */
export function parseConfig(input: unknown): MonitorConfig {
  const config = defaultConfig();
  if (input === undefined || input === null) return config;
  const raw = objectAt(input, 'config');
  rejectUnknown(raw, ['schedule', 'fetch', 'politeness', 'checkInterval', 'discoverInterval', 'dispatchBatch', 'sources', 'notifications'], 'config');
  config.notifications = parseNotificationConfig(raw.notifications);
  if (raw.schedule !== undefined) {
    const s = objectAt(raw.schedule, 'schedule');
    rejectUnknown(s, ['steps', 'retireAfter', 'jitter', 'removedEvery'], 'schedule');
    if (s.steps !== undefined) {
      if (!Array.isArray(s.steps) || s.steps.length === 0) throw new ConfigError('schedule.steps: expected a non-empty list');
      config.schedule.steps = s.steps.map((step: unknown, i: number) => {
        const st = objectAt(step, `schedule.steps[${i}]`);
        rejectUnknown(st, ['under', 'every'], `schedule.steps[${i}]`);
        return {
          underMs: durationSetting(st.under, `schedule.steps[${i}].under`, SCHEDULE_LIMIT),
          everyMs: durationSetting(st.every, `schedule.steps[${i}].every`, SCHEDULE_LIMIT),
        };
      });
      for (let i = 1; i < config.schedule.steps.length; i++) {
        if ((config.schedule.steps[i]?.underMs ?? 0) <= (config.schedule.steps[i - 1]?.underMs ?? 0)) {
          throw new ConfigError('schedule.steps: "under" must increase from one step to the next');
        }
      }
    }
    if (s.retireAfter !== undefined) config.schedule.retireAfterMs = durationSetting(s.retireAfter, 'schedule.retireAfter', SCHEDULE_LIMIT);
    if (s.removedEvery !== undefined) config.schedule.removedEveryMs = durationSetting(s.removedEvery, 'schedule.removedEvery', SCHEDULE_LIMIT);
    if (s.jitter !== undefined) {
      if (typeof s.jitter !== 'number' || !(s.jitter >= 0 && s.jitter <= 0.5)) throw new ConfigError('schedule.jitter: expected a number from 0 to 0.5');
      config.schedule.jitter = s.jitter;
    }
  }
  if (raw.fetch !== undefined) {
    const f = objectAt(raw.fetch, 'fetch');
    rejectUnknown(f, ['timeout', 'maxBytes', 'maxRedirects', 'userAgent', 'respectRobotsTxt'], 'fetch');
    if (f.timeout !== undefined) config.fetch.timeoutMs = durationSetting(f.timeout, 'fetch.timeout', { maxMs: 5 * MINUTE });
    if (f.maxBytes !== undefined) config.fetch.maxBytes = wholeNumber(f.maxBytes, 'fetch.maxBytes', 1024, 100 * 1024 * 1024);
    if (f.maxRedirects !== undefined) {
      if (typeof f.maxRedirects !== 'number' || !Number.isInteger(f.maxRedirects) || f.maxRedirects < 0 || f.maxRedirects > 20) {
        throw new ConfigError('fetch.maxRedirects: expected a whole number from 0 to 20');
      }
      config.fetch.maxRedirects = f.maxRedirects;
    }
    if (f.userAgent !== undefined) {
      if (typeof f.userAgent !== 'string' || !f.userAgent.trim()) throw new ConfigError('fetch.userAgent: expected a non-empty string');
      config.fetch.userAgent = f.userAgent;
    }
    if (f.respectRobotsTxt !== undefined) {
      if (typeof f.respectRobotsTxt !== 'boolean') throw new ConfigError('fetch.respectRobotsTxt: expected true or false');
      config.fetch.respectRobotsTxt = f.respectRobotsTxt;
    }
  }
  if (raw.politeness !== undefined) {
    const p = objectAt(raw.politeness, 'politeness');
    rejectUnknown(p, ['perHostConcurrency', 'perHostGap'], 'politeness');
    if (p.perHostConcurrency !== undefined) {
      if (typeof p.perHostConcurrency !== 'number' || !Number.isInteger(p.perHostConcurrency) || p.perHostConcurrency < 1) {
        throw new ConfigError('politeness.perHostConcurrency: expected a whole number of at least 1');
      }
      config.politeness.perHostConcurrency = p.perHostConcurrency;
    }
    if (p.perHostGap !== undefined) {
      config.politeness.perHostGapMs = durationSetting(p.perHostGap, 'politeness.perHostGap', { maxMs: 5 * MINUTE, allowZero: true });
    }
  }
  if (raw.checkInterval !== undefined) config.checkIntervalMs = durationSetting(raw.checkInterval, 'checkInterval', { maxMs: DAY });
  if (raw.discoverInterval !== undefined) config.discoverIntervalMs = durationSetting(raw.discoverInterval, 'discoverInterval', { maxMs: 7 * DAY });
  if (raw.dispatchBatch !== undefined) {
    throw new ConfigError('dispatchBatch is no longer a setting: each dispatch now queues everything due within its time budget; remove it from the file');
  }
  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources)) throw new ConfigError('sources: expected a list');
    config.sources = raw.sources.map(parseSource);
    const names = new Set<string>();
    for (const source of config.sources) {
      if (names.has(source.name)) throw new ConfigError(`sources: the name "${source.name}" is used twice`);
      names.add(source.name);
    }
  }
  return config;
}

/** The configured source an article URL belongs to, if any. */
export function sourceFor(config: MonitorConfig, url: string): SourceConfig | undefined {
  const host = new URL(url).hostname.toLowerCase();
  return config.sources.find((s) => s.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}
