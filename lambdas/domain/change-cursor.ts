// Where a listing of changes, newest first, left off. Changes are ordered by
// `<detectedAt>#<article key>#<change number>` (the change indexes' sort key),
// so `<detectedAt>#<article key>` marks a place exactly, even when several
// articles changed in the same instant.
import type { ChangeRecord } from './types';
import { articleKey } from './url';

export function changeCursor(change: Pick<ChangeRecord, 'detectedAt' | 'url'>): string {
  return `${change.detectedAt}#${articleKey(change.url)}`;
}

/** The time part of a cursor (a plain time is a cursor too). */
export function cursorTime(cursor: string): string {
  return cursor.split('#', 1)[0] ?? cursor;
}
