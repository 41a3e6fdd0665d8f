// How a listing of changes pages, whichever store answers it. The overall feed is
// filed by calendar month, so one listing walks months back from its cursor (or
// from now) and stops after FEED_MONTHS; older changes are reached by paging on.
import { cursorTime } from '../domain/change-cursor';
import type { Clock } from '../ports';
import { feedMonthKey } from './dynamo-items';

export const DEFAULT_CHANGE_LIMIT = 50;
/** The overall feed looks this far back for changes before giving up. */
const FEED_MONTHS = 36;

/** The month keys one overall listing reads, newest first. */
export function feedMonthsBack(before: string | undefined, clock: Clock): string[] {
  const parsedBefore = before !== undefined ? new Date(cursorTime(before)) : null;
  const from = parsedBefore && !Number.isNaN(parsedBefore.getTime()) ? parsedBefore : clock.now();
  return Array.from({ length: FEED_MONTHS }, (_, back) => {
    const month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - back, 1));
    return feedMonthKey(month.getUTCFullYear(), month.getUTCMonth());
  });
}
