// Shared by the pages and the CLI: times in words next to the exact time.
// Durations in the words NewsDiffs used ("about 5 hours later", "over a year
// ago"): readers care about roughly how long, not the exact seconds.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

function plural(count: number, unit: string): string {
  return count === 1 ? `1 ${unit}` : `${count} ${unit}s`;
}

/** How long `ms` is, in words (sign ignored). Thresholds follow Rails' distance_of_time_in_words. */
export function describeDuration(ms: number): string {
  const span = Math.abs(ms);
  if (span < 30 * SECOND) return 'less than a minute';
  if (span < 90 * SECOND) return '1 minute';
  if (span < 44.5 * MINUTE) return plural(Math.round(span / MINUTE), 'minute');
  if (span < 89.5 * MINUTE) return 'about 1 hour';
  if (span < 23.99 * HOUR) return `about ${plural(Math.round(span / HOUR), 'hour')}`;
  if (span < 42 * HOUR) return '1 day';
  if (span < 30 * DAY) return plural(Math.round(span / DAY), 'day');
  if (span < 45 * DAY) return 'about 1 month';
  if (span < 60 * DAY) return 'about 2 months';
  if (span < YEAR) return plural(Math.round(span / MONTH), 'month');
  const years = Math.floor(span / YEAR);
  const remainder = span - years * YEAR;
  if (remainder < 3 * MONTH) return `about ${plural(years, 'year')}`;
  if (remainder < 9 * MONTH) return `over ${plural(years, 'year')}`;
  return `almost ${plural(years + 1, 'year')}`;
}

function parse(iso: string | Date): number {
  return typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
}

/** "5 minutes ago", or "in 5 minutes" for a time still ahead. */
export function timeAgo(then: string | Date, now: Date): string {
  const delta = now.getTime() - parse(then);
  if (Number.isNaN(delta)) return 'at an unknown time';
  return delta >= 0 ? `${describeDuration(delta)} ago` : `in ${describeDuration(delta)}`;
}

/** "about 5 hours later": the gap between two versions, as the history page shows it. */
export function timeLater(earlier: string | Date, later: string | Date): string {
  const delta = parse(later) - parse(earlier);
  if (Number.isNaN(delta)) return 'at an unknown time';
  return delta >= 0 ? `${describeDuration(delta)} later` : `${describeDuration(delta)} earlier`;
}

/** An exact time for titles and tables: "2016-07-15 04:12 UTC". */
export function formatUtc(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
