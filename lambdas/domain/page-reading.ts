// One page read into what a check compares: the extracted article and its
// prepared content. The unit of CPU work a check hands to ContentWork, so it
// can run on a worker thread; its answer is plain data for that reason.
import { type PreparedContent, prepareContent } from './content';
import { extractPage } from './extract/index';
import type { CpuClock } from './extract/work-budget';
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

export interface ReadOptions {
  /** Whether the page's bytes are its text as UTF-8, which is what a signature is checked on (page-signature.ts). */
  signable?: boolean;
  /** The clock the extraction's CPU budget is counted on, when the caller can read its own thread's. */
  cpuClock?: CpuClock;
}

export function readPage(html: string, url: string, rules?: ExtractionRules, options: ReadOptions = {}): PageReading {
  const extraction = extractPage(html, url, rules, options.cpuClock ? { cpuClock: options.cpuClock } : {});
  if (extraction.kind === 'rejected') return { kind: 'rejected', reason: extraction.reason };
  const sources = options.signable === false ? null : signSources(html, url, extraction.sources);
  return { kind: 'read', article: extraction.article, content: prepareContent(extraction.article), sources };
}
