// Which watched articles a listing shows (`monitor list`, GET /api/articles/list,
// the manage page), and the one word each listing uses for an article's state.
import type { ArticleHead } from './types';

export const LIST_STATUSES = ['active', 'removed', 'retired', 'paused', 'unwatched'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** An article's state as a listing names it: a pause or an unwatch, when there is one, says more than the page's status. */
export function listStatus(head: Pick<ArticleHead, 'status' | 'pausedAt' | 'unwatchedAt'>): ListStatus {
  if (head.unwatchedAt !== null) return 'unwatched';
  if (head.pausedAt !== null) return 'paused';
  return head.status;
}

export interface ArticleFilter {
  /** One state, or 'all' for every article including unwatched ones; unwatched ones are left out by default. */
  status?: ListStatus | 'all';
  source?: string;
  /** Only articles that are (true) or are not (false) flapping. */
  flapping?: boolean;
}

export function matchesFilter(head: ArticleHead, filter: ArticleFilter): boolean {
  const status = listStatus(head);
  if (filter.status === undefined ? status === 'unwatched' : filter.status !== 'all' && status !== filter.status) return false;
  if (filter.source !== undefined && head.source !== filter.source) return false;
  if (filter.flapping !== undefined && head.flapping !== filter.flapping) return false;
  return true;
}

export function isListStatus(value: string): value is ListStatus {
  return (LIST_STATUSES as readonly string[]).includes(value);
}
