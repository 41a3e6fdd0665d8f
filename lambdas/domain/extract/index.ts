// The article extractor: one HTML page in, the article's title, byline,
// dates, address, language and body paragraphs out. Pure: no network, no
// files, and the same page always gives the same result.
import type { ExtractedArticle, ExtractionRules } from '../types';
import { bodyOfParts, extractBody } from './body';
import { findArticleObject, stringField } from './json-ld';
import { reconcileMetadata, type Metadata } from './metadata';
import { gatherPageFacts } from './page-facts';
import { parseHtml } from './parse';
import { prepareHtml } from './prepare-html';
import { applyDropRules, includedParts, validateExtractionRules } from './rules';
import { detached, normaliseSpace } from './text';

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
  return body.split(/\n\s*\n|\r\n\s*\r\n/).map(normaliseSpace).filter((paragraph) => paragraph !== '');
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

function extractFrom(html: string, url: string | undefined, rules: ExtractionRules | undefined): ExtractedArticle {
  const prepared = prepareHtml(html);
  const $ = parseHtml(prepared.html);
  const root = $.root()[0];
  if (!root) return emptyArticle();
  const metadata = detachedMetadata(reconcileMetadata(gatherPageFacts(root), prepared.jsonLd, url));

  let paragraphs: string[] = [];
  if (rules) {
    applyDropRules($, rules);
    const parts = includedParts($, rules);
    if (parts.length > 0) paragraphs = bodyOfParts(root, parts);
  }
  if (paragraphs.length === 0) paragraphs = extractBody(root);
  if (totalLength(paragraphs) < 250 && prepared.jsonLd.length > 0) {
    const declared = declaredBody(prepared.jsonLd);
    if (totalLength(declared) > totalLength(paragraphs) * 2) paragraphs = declared;
  }
  // The headline is its own field; repeated at the top of the body it would count twice in every diff.
  if (paragraphs[0] !== undefined && paragraphs[0] === metadata.title) paragraphs = paragraphs.slice(1);
  return { ...metadata, paragraphs, text: paragraphs.join('\n\n') };
}

/**
 * Extracts the article from one HTML page. `url` is the address it was
 * fetched from (to resolve the canonical link); `rules` are the source's
 * extraction rules from the config. Never throws on any page, however broken:
 * what cannot be found is empty. Throws InvalidExtractionRuleError only for
 * rules that fail validateExtractionRules (check them at config load instead).
 */
export function extract(html: string, url?: string, rules?: ExtractionRules): ExtractedArticle {
  if (rules !== undefined) validateExtractionRules(rules);
  if (typeof html !== 'string' || html.trim() === '') return emptyArticle();
  try {
    return extractFrom(html, url, rules);
  } catch {
    // A page this extractor cannot read is an empty extraction, which the checker refuses to store as a version.
    return emptyArticle();
  }
}
