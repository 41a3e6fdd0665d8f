// Where a head sits in the due index ('due-slots', table-schema.ts): the attributes headToItem adds
// so the dispatcher finds the article when its check is due. A periodic head's keys depend only
// on its URL and interval, so an ordinary check (same interval) rewrites no index entry.
import { dueShardOf, hostKeyOf, laneName, slotSortKey } from '../domain/due-lanes';
import { slotOf } from '../domain/schedule';
import type { ArticleHead } from '../domain/types';

export function dueKeys(head: ArticleHead): Record<string, string> {
  // A paused or unwatched article keeps its schedule for when it is resumed, but leaves the due index.
  const held = head.pausedAt !== null || head.unwatchedAt !== null;
  // Only heads still checked carry the due keys, so retired articles drop out of the sparse index.
  if (head.status === 'retired' || head.nextCheckAt === null || held) return {};
  const shard = dueShardOf(head.url);
  const hostKey = hostKeyOf(head.url);
  if (head.checkEvery !== null) {
    const every = head.checkEvery;
    return { dueLane: laneName({ kind: 'periodic', every, shard }), dueSlot: slotSortKey(slotOf(head.url, every)), hostKey };
  }
  return { dueLane: laneName({ kind: 'one-off', shard }), dueSlot: head.nextCheckAt, hostKey };
}
