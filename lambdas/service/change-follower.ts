// Local mode has no table stream: the runner follows the change listing
// instead, and tells subscribers about every change recorded after its cursor,
// whichever process recorded it (serve's own loop or a `monitor check`).
import { changeCursor } from '../domain/change-cursor';
import type { ChangeRecord } from '../domain/types';
import type { ArticleStore, ChangePublisher } from '../ports';
import { type NotifyOptions, type NotifyReport, notifyChanges } from './notify';

const PAGE = 100;

/** Changes detected after `since` (an ISO time), oldest first, at most `max` of them (the oldest ones). */
async function changesSince(store: ArticleStore, since: string, max = 1000): Promise<ChangeRecord[]> {
  const found: ChangeRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.recentChanges({ includeBoring: true, limit: PAGE, ...(before !== undefined ? { before } : {}) });
    const newer = page.filter((change) => change.detectedAt > since);
    found.push(...newer);
    const last = page[page.length - 1];
    if (newer.length < page.length || page.length < PAGE || last === undefined) break;
    before = changeCursor(last);
  }
  return found.reverse().slice(0, max);
}

export interface FollowResult extends NotifyReport {
  /** Where the next round starts: the newest change told about, or the old cursor when there was none. */
  cursor: string;
}

/** Publishes what was recorded since `cursor`. On a failed delivery it throws and the cursor stays, so the next round tries again. */
export async function notifyNewChanges(store: ArticleStore, publisher: ChangePublisher, cursor: string, options: NotifyOptions = {}): Promise<FollowResult> {
  const changes = await changesSince(store, cursor);
  const report = await notifyChanges(changes, publisher, options);
  return { ...report, cursor: changes[changes.length - 1]?.detectedAt ?? cursor };
}
