// Small pieces of terminal wording: times as people read them, and counts with
// the right noun.
import { formatUtc, timeAgo } from '../domain/relative-time';

/** "2026-11-21 09:00 UTC (3 hours ago)": exact for the record, relative for the reader. */
export function when(iso: string | null, now: Date, never = 'never'): string {
  if (iso === null) return never;
  return `${formatUtc(iso)} (${timeAgo(iso, now)})`;
}

/** "1 change", "3 changes". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
