// Where a head sits in the due index: the attributes headToItem adds so the
// dispatcher finds the article when its check is due (index in table-schema.ts).
import type { ArticleHead } from '../domain/types';
import { dueShardKey, shardOf } from './dynamo-items';

export function dueKeys(head: ArticleHead): Record<string, string> {
  // A paused or unwatched article keeps its schedule for when it is resumed, but leaves the due index.
  const held = head.pausedAt !== null || head.unwatchedAt !== null;
  // Only heads still checked carry the due keys, so retired articles drop out of the sparse index.
  if (head.status === 'retired' || head.nextCheckAt === null || held) return {};
  return { dueShard: dueShardKey(shardOf(head.url)), dueAt: head.nextCheckAt };
}
