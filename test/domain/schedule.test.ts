import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../lambdas/domain/config';
import { MAX_ERROR_CHARS, planFailure } from '../../lambdas/domain/check-plan';
import { cappedRetryAfter, intervalFor, nextCheck, retryAt, slotOf } from '../../lambdas/domain/schedule';
import { articleHead } from '../adapters/dynamo-store/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const schedule = defaultConfig().schedule;
const noJitter = { ...schedule, jitter: 0 };
const now = new Date('2026-11-21T12:00:00Z');

const URL = 'https://news.example.com/2026/11/story';
const quietFor = (ms: number) => ({ url: URL, firstSeenAt: new Date(now.getTime() - ms).toISOString(), lastChangedAt: null, status: 'active' as const });
const secondOf = (iso: string | undefined) => Date.parse(iso ?? '') / 1000;

describe("schedule (NewsDiffs defaults): regular checks on the article's slot", () => {
  it.each([
    [1 * HOUR, 15 * MINUTE],
    [5 * HOUR, HOUR],
    [3 * DAY, 3 * HOUR],
    [10 * DAY, 3 * DAY],
    [100 * DAY, 30 * DAY],
  ])('an article quiet for %d ms is checked every %d ms, on its slot', (quiet, every) => {
    expect(intervalFor(schedule, quiet)).toBe(every);
    const next = nextCheck(schedule, quietFor(quiet), now);
    const everySeconds = every / 1000;
    expect(next?.every).toBe(everySeconds);
    const wait = Date.parse(next?.at ?? '') - now.getTime();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(every);
    expect(secondOf(next?.at) % everySeconds).toBe(slotOf(URL, everySeconds));
  });

  it('checks one interval after a check made at the slot: the due time (and so the index key) stays on the grid', () => {
    const first = nextCheck(schedule, quietFor(HOUR), now);
    const atSlot = new Date(first?.at ?? '');
    const second = nextCheck(schedule, quietFor(HOUR + (atSlot.getTime() - now.getTime())), atSlot);
    expect(Date.parse(second?.at ?? '') - atSlot.getTime()).toBe(15 * MINUTE);
    expect(second?.every).toBe(first?.every);
    // A check that ran late (a busy queue) still comes back on the slot, not an interval after it ran.
    const late = new Date(atSlot.getTime() + 40_000);
    expect(nextCheck(schedule, quietFor(HOUR), late)?.at).toBe(second?.at);
  });

  it('is sooner than one interval only on entering a new step', () => {
    // Quiet for just under three hours: the next check is on the hourly grid, wherever its slot falls.
    const entering = nextCheck(schedule, quietFor(3 * HOUR - 1000), new Date(now.getTime()));
    expect(entering?.every).toBe(15 * 60);
    const after = nextCheck(schedule, quietFor(3 * HOUR), now);
    expect(after?.every).toBe(60 * 60);
    expect(Date.parse(after?.at ?? '') - now.getTime()).toBeLessThanOrEqual(HOUR);
  });

  it('spreads articles over the interval: 2,000 URLs fill every 15-minute slot range evenly', () => {
    const buckets = new Array<number>(15).fill(0);
    for (let i = 0; i < 2000; i++) {
      const slot = slotOf(`https://site${i % 7}.example/a/${i}`, 900);
      buckets[Math.floor(slot / 60)] = (buckets[Math.floor(slot / 60)] ?? 0) + 1;
    }
    expect(Math.min(...buckets)).toBeGreaterThan(2000 / 15 / 2);
    expect(Math.max(...buckets)).toBeLessThan((2000 / 15) * 1.5);
  });

  it('retires an article quiet for a year', () => {
    expect(nextCheck(schedule, quietFor(366 * DAY), now)).toBeNull();
  });

  it('counts quiet time from the last change, not first sight', () => {
    const head = {
      url: URL,
      firstSeenAt: new Date(now.getTime() - 200 * DAY).toISOString(),
      lastChangedAt: new Date(now.getTime() - HOUR).toISOString(),
      status: 'active' as const,
    };
    expect(nextCheck(schedule, head, now)?.every).toBe(15 * 60);
  });

  it('checks removed articles slowly', () => {
    const removed = { ...quietFor(HOUR), status: 'removed' as const };
    expect(nextCheck(schedule, removed, now)?.every).toBe(DAY / 1000);
  });

  it('backs off exponentially after failures, capped by the regular interval, and honours Retry-After', () => {
    const waits = [1, 2, 3, 4, 5].map((n) => Date.parse(retryAt(noJitter, quietFor(HOUR), n, null, now, () => 0.5) ?? '') - now.getTime());
    expect(waits).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    expect(Date.parse(retryAt(noJitter, quietFor(HOUR), 1, HOUR, now, () => 0.5) ?? '') - now.getTime()).toBe(HOUR);
  });

  it('never retries sooner than Retry-After, whatever the jitter', () => {
    expect(Date.parse(retryAt(schedule, quietFor(HOUR), 1, HOUR, now, () => 0) ?? '') - now.getTime()).toBe(HOUR);
  });

  it("caps a removed article's backoff at its slow schedule (daily), not the regular one", () => {
    const removed = { ...quietFor(HOUR), status: 'removed' as const };
    expect(Date.parse(retryAt(noJitter, removed, 12, null, now, () => 0.5) ?? '') - now.getTime()).toBe(DAY);
  });

  it('takes its table from the config', () => {
    const config = parseConfig({ schedule: { steps: [{ under: '1d', every: '5m' }], retireAfter: '2d', jitter: 0 } });
    expect(intervalFor(config.schedule, HOUR)).toBe(5 * MINUTE);
    expect(intervalFor(config.schedule, 3 * DAY)).toBeNull();
  });
});

describe('Retry-After is honoured up to a day and can never throw', () => {
  const wait = (retryAfterMs: number | null) => Date.parse(retryAt(noJitter, quietFor(HOUR), 1, retryAfterMs, now, () => 0.5) ?? '') - now.getTime();

  it.each([
    ['a year', 365 * DAY],
    ['3e11 s (the +011533 years that sort as due forever)', 3e11 * 1000],
    ['8.6e12 s', 8.6e12 * 1000],
    ['1e300 s (RangeError before)', 1e300],
    ['Infinity', Infinity],
  ])('a Retry-After of %s waits one day', (_, retryAfterMs) => {
    expect(wait(retryAfterMs)).toBe(DAY);
  });

  it('keeps a shorter Retry-After, and ignores nonsense', () => {
    expect(wait(6 * HOUR)).toBe(6 * HOUR);
    expect(cappedRetryAfter(NaN)).toBe(0);
    expect(cappedRetryAfter(-5000)).toBe(0);
    expect(wait(NaN)).toBe(2 * MINUTE);
  });

  it('produces a time that sorts with the others (a four-digit year)', () => {
    const at = retryAt(noJitter, quietFor(HOUR), 1, 1e300, now, () => 0.5) ?? '';
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('planFailure: a check that broke is recorded and backs off', () => {
  const head = { ...articleHead('https://news.example.com/story'), firstSeenAt: new Date(now.getTime() - HOUR).toISOString() };
  const context = { now, schedule: noJitter, random: () => 0.5 };

  it('saves the error, counts the failure and backs off exponentially up to the regular interval', () => {
    let current = head;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = planFailure(current, 'version 3 is too large to store', context);
      expect(result.outcome).toBe('failed');
      current = result.next;
      waits.push(Date.parse(current.nextCheckAt ?? '') - now.getTime());
    }
    expect(waits).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    // A retry is a one-off time, off the slot grid: it sits in a one-off lane of the due index.
    expect(current.checkEvery).toBeNull();
    expect(current).toMatchObject({ failureCount: 5, lastError: 'version 3 is too large to store', lastCheckedAt: now.toISOString() });
    expect(current.versionCount).toBe(head.versionCount);
    expect(current.changeCount).toBe(head.changeCount);
  });

  it('keeps the stored error short and on one line', () => {
    const result = planFailure(head, `first line\n${'x'.repeat(5000)}`, context);
    expect(result.next.lastError?.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(result.next.lastError).not.toContain('\n');
  });
});
