// When to check an article next. An article that changed recently is checked
// often; one that has been quiet for a long time rarely; one quiet for the
// retirement age not at all.
//
// Regular checks fall on a slot: each article has a fixed second within each
// interval, from a hash of its key, so checks spread evenly and the article's
// place in the due index stays put from one check to the next (an unchanged
// check then rewrites no index entry).
import { createHash } from 'node:crypto';
import type { MonitorConfig } from './config';
import type { ArticleHead } from './types';
import { articleKey } from './url';

type ScheduleConfig = MonitorConfig['schedule'];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** First retry after a failure; doubles per consecutive failure. */
const FIRST_RETRY_MS = 2 * MINUTE;
/**
 * A server's Retry-After is honoured up to this. Longer (a date in year 9999, 10^12 seconds) would park
 * the article while its page says it is still checked; a day is longer than any real outage asks for.
 */
export const MAX_RETRY_AFTER_MS = DAY;
/** No check is ever scheduled further out than this, so a time can never leave the range of a Date. */
const MAX_DELAY_MS = 100 * 365 * DAY;

/** Milliseconds to wait for a Retry-After value, within 0..MAX_RETRY_AFTER_MS whatever the input. */
export function cappedRetryAfter(retryAfterMs: number | null): number {
  if (retryAfterMs === null || Number.isNaN(retryAfterMs) || retryAfterMs <= 0) return 0;
  return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
}

function timeAfter(now: Date, delayMs: number): string {
  return new Date(now.getTime() + Math.min(Math.max(0, delayMs), MAX_DELAY_MS)).toISOString();
}

/** The regular interval for an article quiet for `quietMs`, or null once it should retire. */
export function intervalFor(schedule: ScheduleConfig, quietMs: number): number | null {
  if (quietMs >= schedule.retireAfterMs) return null;
  for (const step of schedule.steps) {
    if (quietMs < step.underMs) return step.everyMs;
  }
  const last = schedule.steps[schedule.steps.length - 1];
  return last ? last.everyMs : null;
}

/** An interval in whole seconds, as the slot grid counts it. */
export function intervalSeconds(everyMs: number): number {
  return Math.max(1, Math.round(everyMs / 1000));
}

/** The article's second within an interval of `everySeconds`: stable for the URL, uniform across URLs. */
export function slotOf(url: string, everySeconds: number): number {
  const digest = createHash('sha256').update(articleKey(url)).digest();
  // 48 bits, so the modulo's bias is negligible for any interval up to years.
  return digest.readUIntBE(0, 6) % everySeconds;
}

/** The time (ms) of the article's slot in the interval that holds epoch second `second`. */
export function slotTimeMs(slot: number, everySeconds: number, second: number): number {
  return (Math.floor(second / everySeconds) * everySeconds + slot) * 1000;
}

/** The first occurrence of the article's slot strictly after `now`. */
export function nextSlotAfter(url: string, everySeconds: number, now: Date): Date {
  const slot = slotOf(url, everySeconds);
  const second = Math.floor(now.getTime() / 1000);
  let at = slotTimeMs(slot, everySeconds, second);
  if (at <= now.getTime()) at += everySeconds * 1000;
  return new Date(at);
}

/** When a check is due and on which grid: `every` (seconds) for a regular check on the slot grid, null for a one-off time. */
export interface NextCheck {
  at: string;
  every: number | null;
}

/** Spreads an interval by ±jitter so retries of articles that failed together drift apart. */
function withJitter(intervalMs: number, jitter: number, random: () => number): number {
  return Math.round(intervalMs * (1 + jitter * (2 * random() - 1)));
}

/**
 * The table's interval for this article now, from how long it has been quiet
 * (removed articles no more often than `removedEvery`); null once it should retire.
 */
function regularInterval(schedule: ScheduleConfig, head: Pick<ArticleHead, 'lastChangedAt' | 'firstSeenAt' | 'status'>, now: Date): number | null {
  const quietMs = Math.max(0, now.getTime() - Date.parse(head.lastChangedAt ?? head.firstSeenAt));
  const interval = intervalFor(schedule, quietMs);
  if (interval === null) return null;
  return head.status === 'removed' ? Math.max(interval, schedule.removedEveryMs) : interval;
}

type ScheduledHead = Pick<ArticleHead, 'url' | 'lastChangedAt' | 'firstSeenAt' | 'status'>;

/**
 * Next check after a check that reached the site: the article's next slot on its interval's grid,
 * or null to retire. One interval after a check made at its slot; sooner only when the article
 * enters a shorter or longer step, whose grid puts the slot elsewhere.
 * Removed articles keep being checked slowly (they may come back) until the retirement age.
 */
export function nextCheck(schedule: ScheduleConfig, head: ScheduledHead, now: Date): NextCheck | null {
  const interval = regularInterval(schedule, head, now);
  if (interval === null) return null;
  const every = intervalSeconds(interval);
  return { at: nextSlotAfter(head.url, every, now).toISOString(), every };
}

/**
 * Next attempt after a failed check: exponential backoff from two minutes,
 * never later than the regular schedule would check, never sooner than the
 * server's Retry-After up to a day (jitter spreads the backoff, not that floor).
 */
export function retryAt(
  schedule: ScheduleConfig,
  head: Pick<ArticleHead, 'lastChangedAt' | 'firstSeenAt' | 'status'>,
  failureCount: number,
  retryAfterMs: number | null,
  now: Date,
  random: () => number,
): string | null {
  const regular = regularInterval(schedule, head, now);
  if (regular === null) return null;
  const exponent = Math.min(Math.max(0, failureCount - 1), 20);
  const backoff = withJitter(Math.min(regular, FIRST_RETRY_MS * 2 ** exponent), schedule.jitter, random);
  return timeAfter(now, Math.max(backoff, cappedRetryAfter(retryAfterMs)));
}
