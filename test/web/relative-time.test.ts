import { describe, expect, it } from 'vitest';
import { describeDuration, formatUtc, timeAgo, timeLater } from '../../lambdas/web/relative-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relative times in words', () => {
  it('describes gaps the way NewsDiffs did', () => {
    expect(describeDuration(10_000)).toBe('less than a minute');
    expect(describeDuration(MINUTE)).toBe('1 minute');
    expect(describeDuration(12 * MINUTE)).toBe('12 minutes');
    expect(describeDuration(HOUR)).toBe('about 1 hour');
    expect(describeDuration(5 * HOUR + 10 * MINUTE)).toBe('about 5 hours');
    expect(describeDuration(30 * HOUR)).toBe('1 day');
    expect(describeDuration(12 * DAY)).toBe('12 days');
    expect(describeDuration(40 * DAY)).toBe('about 1 month');
    expect(describeDuration(100 * DAY)).toBe('3 months');
    expect(describeDuration(370 * DAY)).toBe('about 1 year');
    expect(describeDuration(365 * DAY + 200 * DAY)).toBe('over 1 year');
    expect(describeDuration(365 * DAY + 330 * DAY)).toBe('almost 2 years');
  });

  it('says "later" between versions and "ago" or "in" relative to now', () => {
    expect(timeLater('2016-07-15T00:00:00Z', '2016-07-15T05:00:00Z')).toBe('about 5 hours later');
    const now = new Date('2025-03-10T12:00:00Z');
    expect(timeAgo('2025-01-29T12:00:00Z', now)).toBe('about 1 month ago');
    expect(timeAgo('2025-03-10T12:30:00Z', now)).toBe('in 30 minutes');
    expect(timeAgo('not a date', now)).toBe('at an unknown time');
  });

  it('formats exact times in UTC to the minute', () => {
    expect(formatUtc('2016-07-15T04:12:59.000Z')).toBe('2016-07-15 04:12 UTC');
  });
});
