// The article extractor: one HTML page in, the article's title, byline,
// dates, address, language and body paragraphs out. Pure: no network, no
// files, and the same page always gives the same result, unless it runs out
// of its time budget.
import { ExtractionLimitError } from '../../errors';
import type { ExtractedArticle, ExtractionRules } from '../types';
import { bodyOfParts, extractBody } from './body';
import { findArticleObject, stringField } from './json-ld';
import { COMPARED_META_KEYS, reconcileMetadata, type Metadata } from './metadata';
import { type PageFacts, PageFactsCollector } from './page-facts';
import { buildPageTree, type PageTree, type SourceSpan, type TreeLimits } from './page-tree';
import { applyDropRules, includedParts, selectorsOver, validateExtractionRules } from './rules';
import { siteOf } from './sequence';
import { detached, normaliseSpace } from './text';
import { type CpuClock, processCpuClock, WorkBudget } from './work-budget';

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
  /** CPU time for the whole extraction, counted on `cpuClock`. */
  budgetMs: number;
  /** The clock the budget is counted on: the extracting thread's own CPU time where the caller can read it. */
  cpuClock: CpuClock;
}

export const DEFAULT_LIMITS: Readonly<ExtractionLimits> = {
  // Far more than any article page (the dev set's largest is 1.8 million) and more than the fetcher lets in.
  maxChars: 8_000_000,
  // Real pages nest a few dozen deep; a thousand unclosed inline tags still fit.
  maxDepth: 2_000,
  // The dev set's largest page has under 5,000 once chrome is skipped; a page with a 30,000-row table has 200,000.
  maxElements: 250_000,
  budgetMs: 1_000,
  cpuClock: processCpuClock,
};

/**
 * What became of a page: its article, or the reason it was refused (it is
 * bigger, deeper or busier than any article page, or took too long).
 */
export type ExtractionOutcome =
  | {
      kind: 'extracted';
      article: ExtractedArticle;
      /**
       * Every stretch of the page the article's title, byline, address and body were read from, or
       * null when the reading cannot be pinned to stretches (source rules, a body from JSON-LD, parts
       * streamed out of order). Same stretches, same markup: the same article (page-signature.ts).
       */
      sources: SourceSpan[] | null;
    }
  | { kind: 'rejected'; limit: ExtractionLimitError['limit']; reason: string };

interface Extraction {
  article: ExtractedArticle;
  sources: SourceSpan[] | null;
}

/** The places the reading came from, when only those can have decided it. */
function sourcesOf(tree: PageTree, facts: PageFacts, region: SourceSpan | null): SourceSpan[] | null {
  if (region === null || tree.rearranged || tree.jsonLdSpans === null) return null;
  const sources: SourceSpan[] = [region, ...facts.factSpans, ...tree.jsonLdSpans];
  for (const key of COMPARED_META_KEYS) for (const span of facts.metaSpans.get(key) ?? []) sources.push(span);
  return sources;
}

function extractFrom(html: string, url: string | undefined, rules: ExtractionRules | undefined, limits: ExtractionLimits): Extraction {
  const budget = new WorkBudget(limits.budgetMs, limits.cpuClock);
  const facts = new PageFactsCollector();
  const tree = buildPageTree(html, { limits, budget, allAttributes: rules !== undefined, observer: facts });
  const root = tree.root;
  const metadata = detachedMetadata(reconcileMetadata(facts.result(), tree.jsonLd, url));
  const site = siteOf(url ?? metadata.canonicalUrl);

  let paragraphs: string[] = [];
  // CSS rules may select on anything in the page, so a reading by rules is pinned to no region.
  let region: SourceSpan | null = null;
  if (rules) {
    const $ = selectorsOver(root);
    applyDropRules($, rules);
    const parts = includedParts($, rules);
    if (parts.length > 0) paragraphs = bodyOfParts(root, parts, site, budget);
  }
  if (paragraphs.length === 0) {
    const story = extractBody(root, site, budget);
    paragraphs = story.paragraphs;
    if (!rules && story.region) region = { start: story.region.start, end: story.region.end };
  }
  if (totalLength(paragraphs) < 250 && tree.jsonLd.length > 0) {
    const declared = declaredBody(tree.jsonLd);
    if (totalLength(declared) > totalLength(paragraphs) * 2) {
      paragraphs = declared;
      region = null;
    }
  }
  // The headline is its own field; repeated at the top of the body it would count twice in every diff.
  if (paragraphs[0] !== undefined && paragraphs[0] === metadata.title) paragraphs = paragraphs.slice(1);
  return { article: { ...metadata, paragraphs, text: paragraphs.join('\n\n') }, sources: sourcesOf(tree, facts.result(), region) };
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
  if (typeof html !== 'string' || html.trim() === '') return { kind: 'extracted', article: emptyArticle(), sources: null };
  try {
    return { kind: 'extracted', ...extractFrom(html, url, rules, { ...DEFAULT_LIMITS, ...limits }) };
  } catch (error) {
    if (error instanceof ExtractionLimitError) return { kind: 'rejected', limit: error.limit, reason: error.message };
    // A page this extractor cannot read (a bug it trips on) is an empty extraction, which is never stored as a version.
    return { kind: 'extracted', article: emptyArticle(), sources: null };
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
