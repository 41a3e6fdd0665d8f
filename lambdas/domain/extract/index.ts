// The article extractor: one HTML page in, the article's title, byline,
// dates, address, language and body paragraphs out. Pure: no network, no
// files, and the same page always gives the same result, unless it runs out
// of its time budget.
import { ExtractionLimitError } from '../../errors';
import type { ExtractedArticle, ExtractionRules } from '../types';
import { bodyOfParts, extractBody } from './body';
import { findArticleObject, stringField } from './json-ld';
import { reconcileMetadata, type Metadata } from './metadata';
import { PageFactsCollector } from './page-facts';
import { buildPageTree, type TreeLimits } from './page-tree';
import { applyDropRules, includedParts, selectorsOver, validateExtractionRules } from './rules';
import { detached, normaliseSpace } from './text';
import { WorkBudget } from './work-budget';

export { validateExtractionRules } from './rules';

function emptyArticle(): ExtractedArticle {
  return { title: '', byline: '', publishedAt: null, modifiedAt: null, canonicalUrl: null, language: null, paragraphs: [], text: '' };
}

function totalLength(paragraphs: string[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
}

/** The publisher's own articleBody, for pages whose visible body could not be found (rendered by script, say). */
function declaredBody(jsonLd: string[]): string[] {
  const body = stringField(findArticleObject(jsonLd), 'articleBody');
  return body
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map(normaliseSpace)
    .filter((paragraph) => paragraph !== '');
}

/** Fields read from attributes are views into the whole page's markup; the result must not keep the page alive. */
function detachedMetadata(metadata: Metadata): Metadata {
  const copy = (value: string | null): string | null => (value === null ? null : detached(value));
  return {
    title: detached(metadata.title),
    byline: detached(metadata.byline),
    publishedAt: copy(metadata.publishedAt),
    modifiedAt: copy(metadata.modifiedAt),
    canonicalUrl: copy(metadata.canonicalUrl),
    language: copy(metadata.language),
  };
}

/** How much one page may cost: past any of these it is refused, never read in part. */
export interface ExtractionLimits extends TreeLimits {
  /** Wall-clock time for the whole extraction. */
  budgetMs: number;
}

export const DEFAULT_LIMITS: Readonly<ExtractionLimits> = {
  // Far more than any article page (the dev set's largest is 1.8 million) and more than the fetcher lets in.
  maxChars: 8_000_000,
  // Real pages nest a few dozen deep; a thousand unclosed inline tags still fit.
  maxDepth: 2_000,
  // The dev set's largest page has under 5,000 once chrome is skipped; a page with a 30,000-row table has 200,000.
  maxElements: 250_000,
  budgetMs: 1_000,
};

/**
 * What became of a page: its article, or the reason it was refused (it is
 * bigger, deeper or busier than any article page, or took too long).
 */
export type ExtractionOutcome = { kind: 'extracted'; article: ExtractedArticle } | { kind: 'rejected'; limit: ExtractionLimitError['limit']; reason: string };

function extractFrom(html: string, url: string | undefined, rules: ExtractionRules | undefined, limits: ExtractionLimits): ExtractedArticle {
  const budget = new WorkBudget(limits.budgetMs);
  const facts = new PageFactsCollector();
  const tree = buildPageTree(html, { limits, budget, allAttributes: rules !== undefined, observer: facts });
  const root = tree.root;
  const metadata = detachedMetadata(reconcileMetadata(facts.result(), tree.jsonLd, url));

  let paragraphs: string[] = [];
  if (rules) {
    const $ = selectorsOver(root);
    applyDropRules($, rules);
    const parts = includedParts($, rules);
    if (parts.length > 0) paragraphs = bodyOfParts(root, parts, budget);
  }
  if (paragraphs.length === 0) paragraphs = extractBody(root, budget);
  if (totalLength(paragraphs) < 250 && tree.jsonLd.length > 0) {
    const declared = declaredBody(tree.jsonLd);
    if (totalLength(declared) > totalLength(paragraphs) * 2) paragraphs = declared;
  }
  // The headline is its own field; repeated at the top of the body it would count twice in every diff.
  if (paragraphs[0] !== undefined && paragraphs[0] === metadata.title) paragraphs = paragraphs.slice(1);
  return { ...metadata, paragraphs, text: paragraphs.join('\n\n') };
}

/**
 * Extracts the article from one HTML page, or says why the page was refused.
 * `url` is the address it was fetched from (to resolve the canonical link);
 * `rules` are the source's extraction rules from the config; `limits` default
 * to DEFAULT_LIMITS. Never throws on any page, however broken or hostile: a
 * page past a limit is `rejected` (and must never become a version), what
 * cannot be found is empty. Throws InvalidExtractionRuleError only for rules
 * that fail validateExtractionRules (check them at config load instead).
 */
export function extractPage(html: string, url?: string, rules?: ExtractionRules, limits: Partial<ExtractionLimits> = {}): ExtractionOutcome {
  if (rules !== undefined) validateExtractionRules(rules);
  if (typeof html !== 'string' || html.trim() === '') return { kind: 'extracted', article: emptyArticle() };
  try {
    return { kind: 'extracted', article: extractFrom(html, url, rules, { ...DEFAULT_LIMITS, ...limits }) };
  } catch (error) {
    if (error instanceof ExtractionLimitError) return { kind: 'rejected', limit: error.limit, reason: error.message };
    // A page this extractor cannot read (a bug it trips on) is an empty extraction, which is never stored as a version.
    return { kind: 'extracted', article: emptyArticle() };
  }
}

/**
 * The article of one page, as extractPage reads it; a refused page gives the
 * empty article, which judgePage rejects ("extraction collapsed"), so it can
 * never become a version. Callers that can report why should use extractPage.
 */
export function extract(html: string, url?: string, rules?: ExtractionRules): ExtractedArticle {
  const outcome = extractPage(html, url, rules);
  return outcome.kind === 'extracted' ? outcome.article : emptyArticle();
}
