// Managing watched articles: pause, resume, unwatch (keeping the history, or
// deleting it on explicit request), and listing them. The same functions serve
// the CLI, the pages and the API.
//
// A newsroom's history is evidence, so the default way to stop watching keeps it:
// an unwatched article is no longer checked or listed, but its pages, feeds and
// export stay, and watching the URL again resumes that same history. Only
// `delete` removes it, and only when asked for by name.
import { matchesFilter, type ArticleFilter } from '../domain/article-filter';
import type { ArticleHead } from '../domain/types';
import { ArticleStateError, StaleHeadError } from '../errors';
import type { ArticleListPage, ArticleStore, Clock } from '../ports';
import { loadHead } from './article-history';

export interface ManageDeps {
  store: ArticleStore;
  clock: Clock;
}

export interface ManageResult {
  article: ArticleHead;
  /** False when the article already was as asked (pausing a paused article changes nothing). */
  changed: boolean;
}

/** Attempts when a check saves the head between our read and our write. */
const UPDATE_ATTEMPTS = 5;

/**
 * Reads the head, lets `decide` say what it becomes (null: nothing to do), and saves it
 * conditional on nobody having saved since; a check that got there first is read again.
 */
async function updateHead(deps: ManageDeps, url: string, decide: (head: ArticleHead, now: string) => ArticleHead | null): Promise<ManageResult> {
  for (let attempt = 1; ; attempt++) {
    const head = await loadHead(deps.store, url);
    const next = decide(head, deps.clock.now().toISOString());
    if (next === null) return { article: head, changed: false };
    try {
      await deps.store.saveCheck(head, next);
      return { article: next, changed: true };
    } catch (error) {
      if (!(error instanceof StaleHeadError) || attempt >= UPDATE_ATTEMPTS) throw error;
    }
  }
}

function refuseUnwatched(head: ArticleHead, what: string): void {
  if (head.unwatchedAt !== null) {
    throw new ArticleStateError(`cannot ${what} ${head.url}: it was unwatched on ${head.unwatchedAt}; watch it again to resume checking it`);
  }
}

/** Stops checking the article until it is resumed; it keeps its history and stays listed as paused. */
export function pauseArticle(deps: ManageDeps, url: string): Promise<ManageResult> {
  return updateHead(deps, url, (head, now) => {
    refuseUnwatched(head, 'pause');
    return head.pausedAt !== null ? null : { ...head, pausedAt: now };
  });
}

/** Checks a paused article again on its schedule (at once when a check fell due while it was paused). */
export function resumeArticle(deps: ManageDeps, url: string): Promise<ManageResult> {
  return updateHead(deps, url, (head) => {
    refuseUnwatched(head, 'resume');
    return head.pausedAt === null ? null : { ...head, pausedAt: null };
  });
}

/** Stops checking and listing the article; its history stays (pages, feeds, export) and `watch` brings it back. */
export function unwatchArticle(deps: ManageDeps, url: string): Promise<ManageResult> {
  return updateHead(deps, url, (head, now) => (head.unwatchedAt !== null ? null : { ...head, unwatchedAt: now }));
}

/** Watching an unwatched article again: the same history goes on, checked from now. */
export function rewatchArticle(deps: ManageDeps, url: string): Promise<ManageResult> {
  return updateHead(deps, url, (head, now) =>
    head.unwatchedAt === null && head.pausedAt === null
      ? null
      : { ...head, unwatchedAt: null, pausedAt: null, nextCheckAt: head.nextCheckAt === null ? null : now, checkEvery: null },
  );
}

/**
 * Deletes the article and its whole history. It is unwatched first, so no check writes to it
 * while its items go; a deletion cut short is finished by running it again.
 */
export async function deleteArticle(deps: ManageDeps, url: string): Promise<{ url: string }> {
  const { article } = await unwatchArticle(deps, url);
  await deps.store.deleteArticle(article.url);
  return { url: article.url };
}

const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;

/** One page of the watched articles that match the filter. */
export function listArticles(store: ArticleStore, filter: ArticleFilter, page: { after?: string; limit?: number } = {}): Promise<ArticleListPage> {
  return store.listArticles({
    limit: page.limit ?? DEFAULT_LIST_LIMIT,
    where: (head) => matchesFilter(head, filter),
    ...(page.after !== undefined ? { after: page.after } : {}),
  });
}

/** Every watched article that matches the filter, page by page. */
export async function* allMatching(store: ArticleStore, filter: ArticleFilter): AsyncIterable<ArticleHead> {
  let after: string | undefined;
  do {
    const page = await listArticles(store, filter, { limit: MAX_LIST_LIMIT, ...(after !== undefined ? { after } : {}) });
    yield* page.articles;
    after = page.next ?? undefined;
  } while (after !== undefined);
}
