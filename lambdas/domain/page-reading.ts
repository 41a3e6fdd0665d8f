// One page read into what a check compares: the extracted article and its
// prepared content. The unit of CPU work a check hands to ContentWork, so it
// can run on a worker thread; its answer is plain data for that reason.
import { type PreparedContent, prepareContent } from './content';
import { extractPage } from './extract/index';
import { type SignedSources, signSources } from './page-signature';
import type { ExtractedArticle, ExtractionRules } from './types';

export type PageReading =
  | {
      kind: 'read';
      article: ExtractedArticle;
      content: PreparedContent;
      /** Where in the page the article was read from, for its signature; null when it cannot be pinned down. */
      sources: SignedSources | null;
    }
  | { kind: 'rejected'; reason: string };

/** `signable`: whether the page's bytes are its text as UTF-8, which is what a signature is checked on (page-signature.ts). */
export function readPage(html: string, url: string, rules?: ExtractionRules, options: { signable?: boolean } = {}): PageReading {
  const extraction = extractPage(html, url, rules);
  if (extraction.kind === 'rejected') return { kind: 'rejected', reason: extraction.reason };
  const sources = options.signable === false ? null : signSources(html, url, extraction.sources);
  return { kind: 'read', article: extraction.article, content: prepareContent(extraction.article), sources };
}
