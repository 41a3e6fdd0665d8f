// The read-only JSON API: GET /api/articles and GET /api/changes, in the public
// shapes of lambdas/domain/types.ts.
import { articleJson, changeJson, variantJson, versionJson, versionListingJson } from '../domain/json';
import type { ArticleJson, ChangeJson, VariantJson, VersionJson, VersionListingJson } from '../domain/types';
import { loadArticleHistory, loadHead, loadVersion, recordsUrl } from '../service/article-history';
import { changePage } from '../service/change-page';
import type { ArticleStore } from '../ports';
import { articleUrlParam, changeQueryParams, olderPage, versionParam } from './request-params';

export interface ArticleHistoryJson {
  article: ArticleJson;
  versions: VersionListingJson[];
  changes: ChangeJson[];
  /** Suppressed alternating texts (A/B headline tests), first seen first; none of them is a version. */
  variants: VariantJson[];
}

/**
 * GET /api/articles?url=U: the whole history, boring versions and changes
 * included (each carries its `boring` flag), because API users export and filter themselves.
 * With &version=N: that version with its text.
 */
export async function articlesApi(store: ArticleStore, query: URLSearchParams): Promise<ArticleHistoryJson | VersionJson> {
  const url = articleUrlParam(query);
  const version = versionParam(query, 'version');
  if (version !== null) {
    return versionJson(await loadVersion(store, await loadHead(store, url), version));
  }
  const { head, versions, changes, variants } = await loadArticleHistory(store, url);
  return {
    article: articleJson(head),
    versions: versions.map(versionListingJson),
    changes: changes.map(changeJson),
    variants: variants.map(variantJson),
  };
}

/**
 * GET /api/changes: the same filters as the feeds (?kind, ?stealth, ?boring, ?source, ?url, ?limit).
 * `next` is the path of the next, older page (`?before=` the last change's time), or null after the
 * last one. Page until it is null: a page may come back short when a rare filter had much to skip.
 */
export async function changesApi(store: ArticleStore, query: URLSearchParams): Promise<{ changes: ChangeJson[]; next: string | null }> {
  const filters = changeQueryParams(query, { defaultLimit: 100, maxLimit: 500 });
  if (filters.url !== undefined) filters.url = await recordsUrl(store, filters.url);
  const page = await changePage(store, filters);
  return { changes: page.changes.map(changeJson), next: olderPage('/api/changes', filters, page) };
}
