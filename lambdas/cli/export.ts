// `monitor export`: every article, then its versions, changes and variants (A/B tests), one JSON
// object per line, oldest first within an article.
import { articleJson, changeJson, variantJson, versionJson } from '../domain/json';
import { StoreInconsistencyError } from '../errors';
import type { ArticleStore } from '../ports';
import { allChanges } from '../service/article-history';

/** Unwatched articles are exported too: their history is kept as evidence. `onArticle` is told of each one done. */
export async function exportJsonl(store: ArticleStore, write: (line: string) => void, onArticle?: () => void): Promise<number> {
  let articles = 0;
  for await (const head of store.allArticles()) {
    articles++;
    write(JSON.stringify(articleJson(head)));
    for (let n = 0; n < head.versionCount; n++) {
      const version = await store.getVersion(head.url, n);
      if (!version) throw new StoreInconsistencyError(`${head.url}: version ${n} is missing`);
      write(JSON.stringify(versionJson(version)));
    }
    for (const change of await allChanges(store, head)) write(JSON.stringify(changeJson(change)));
    for (const variant of await store.listVariants(head.url)) write(JSON.stringify(variantJson(variant)));
    onArticle?.();
  }
  return articles;
}
