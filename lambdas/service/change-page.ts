// One page of a change listing (the home page, the feeds, GET /api/changes):
// one more change than the page holds is read, so the last page knows it is
// the last and offers no link to an empty one.
import type { ChangeRecord } from '../domain/types';
import type { ArticleStore, ChangeQuery } from '../ports';

const DEFAULT_PAGE_SIZE = 50;

export interface ChangePage {
  changes: ChangeRecord[];
  /** True when at least one older change matches the same filters. */
  more: boolean;
}

export async function changePage(store: ArticleStore, changeQuery: ChangeQuery): Promise<ChangePage> {
  const limit = changeQuery.limit ?? DEFAULT_PAGE_SIZE;
  const found = await store.recentChanges({ ...changeQuery, limit: limit + 1 });
  return { changes: found.slice(0, limit), more: found.length > limit };
}
