// Reading one watched article back: its head, and every change it has had.
import { normaliseUrl } from '../domain/url';
import type { ArticleHead, ChangeRecord } from '../domain/types';
import { ArticleNotFoundError } from '../errors';
import type { ArticleStore } from '../ports';

/** The head of a watched article; ArticleNotFoundError when the URL is not watched. */
export async function loadHead(store: ArticleStore, url: string): Promise<ArticleHead> {
  const normalised = normaliseUrl(url);
  const head = await store.getArticle(normalised);
  if (!head) throw new ArticleNotFoundError(normalised);
  return head;
}

/** Every change of the article, boring ones included, oldest first. */
export async function allChanges(store: ArticleStore, head: ArticleHead): Promise<ChangeRecord[]> {
  const newestFirst = await store.recentChanges({ url: head.url, includeBoring: true, limit: Math.max(1, head.changeCount) });
  return newestFirst.reverse();
}
