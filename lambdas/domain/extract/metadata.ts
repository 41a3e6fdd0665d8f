// Title, byline, dates, canonical address and language, reconciled from the
// three places a page states them: JSON-LD, meta tags and the page itself.
import { chooseByline } from './byline';
import { toIsoDate } from './dates';
import type { ExtractedArticle } from '../types';
import { authorNames, findArticleObject, selfUrl, stringField, type JsonObject } from './json-ld';
import { toLanguageTag } from './language';
import type { PageFacts } from './page-facts';
import { chooseTitle } from './title';

/** Everything the extractor reports except the body. */
export type Metadata = Omit<ExtractedArticle, 'paragraphs' | 'text'>;

const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'article.published',
  'published_time',
  'pubdate',
  'publishdate',
  'publish-date',
  'publication_date',
  'sailthru.date',
  'parsely-pub-date',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date',
  'date',
  'citation_publication_date',
  'og:published_time',
];
const MODIFIED_KEYS = [
  'article:modified_time',
  'og:article:modified_time',
  'datemodified',
  'og:updated_time',
  'article.updated',
  'last-modified',
  'dcterms.modified',
  'dc.date.modified',
  'lastmod',
  'modified_time',
];
const AUTHOR_KEYS = [
  'author',
  'article:author',
  'byl',
  'parsely-author',
  'sailthru.author',
  'dc.creator',
  'dcterms.creator',
  'citation_author',
  'twitter:creator:name',
];
const TITLE_KEYS = ['og:title', 'twitter:title', 'headline', 'title', 'dc.title', 'parsely-title', 'sailthru.title'];
const SITE_NAME_KEYS = ['og:site_name', 'application-name'];
const ADDRESS_KEYS = ['og:url', 'twitter:url'];

/** The meta tags the title, byline and address are read from: what a check compares besides the body (page-signature.ts). */
export const COMPARED_META_KEYS: readonly string[] = [...TITLE_KEYS, ...AUTHOR_KEYS, ...SITE_NAME_KEYS, ...ADDRESS_KEYS];

function metaValues(facts: PageFacts, keys: string[]): string[] {
  const values: string[] = [];
  for (const key of keys) for (const value of facts.meta.get(key) ?? []) if (value !== '') values.push(value);
  return values;
}

function firstDate(values: string[]): string | null {
  for (const value of values) {
    const iso = toIsoDate(value);
    if (iso) return iso;
  }
  return null;
}

function absoluteHttpUrl(href: string, base: string | undefined): string | null {
  if (href === '') return null;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * The canonical address: <link rel=canonical>, else og:url, else the JSON-LD
 * url. A canonical pointing at the site's front page from an article page is
 * a known template mistake, so it is ignored.
 */
function chooseCanonical(facts: PageFacts, article: JsonObject | null, pageUrl: string | undefined): string | null {
  const page = pageUrl ? absoluteHttpUrl(pageUrl, undefined) : null;
  const candidates = [facts.canonicalHref, ...metaValues(facts, ADDRESS_KEYS), selfUrl(article)];
  for (const candidate of candidates) {
    const url = absoluteHttpUrl(candidate.trim(), page ?? undefined);
    if (!url) continue;
    if (page && new URL(url).pathname === '/' && new URL(page).pathname !== '/') continue;
    return url;
  }
  return null;
}

function chooseLanguage(facts: PageFacts, article: JsonObject | null): string | null {
  const candidates = [facts.htmlLang, ...metaValues(facts, ['content-language', 'language', 'dc.language', 'og:locale']), stringField(article, 'inLanguage')];
  for (const candidate of candidates) {
    const tag = toLanguageTag(candidate.split(',')[0] ?? '');
    if (tag) return tag;
  }
  return null;
}

export function reconcileMetadata(facts: PageFacts, jsonLd: string[], pageUrl: string | undefined): Metadata {
  const article = findArticleObject(jsonLd);
  const authors = authorNames(article);
  const siteName = metaValues(facts, SITE_NAME_KEYS)[0] ?? '';
  const title = chooseTitle(
    [stringField(article, 'headline'), ...metaValues(facts, TITLE_KEYS), stringField(article, 'name')],
    facts.titleText,
    facts.h1Texts,
    siteName,
  );

  // The publisher's structured data first, then meta tags, then what the page shows.
  const publishedAt = firstDate([
    stringField(article, 'datePublished'),
    ...metaValues(facts, PUBLISHED_KEYS),
    ...facts.times.filter((t) => t.published).map((t) => t.datetime),
    ...facts.times.map((t) => t.datetime).slice(0, 1),
    stringField(article, 'dateCreated'),
  ]);
  let modifiedAt = firstDate([stringField(article, 'dateModified'), ...metaValues(facts, MODIFIED_KEYS)]);
  // A page cannot have been modified before it was published; one of the two stamps is wrong, and the publication date is the one readers are shown.
  if (modifiedAt && publishedAt && modifiedAt < publishedAt) modifiedAt = null;

  return {
    title,
    byline: chooseByline({
      jsonLdPeople: authors.people,
      metaAuthors: metaValues(facts, AUTHOR_KEYS),
      pageBylines: facts.bylineTexts,
      organisations: authors.organisations,
    }),
    publishedAt,
    modifiedAt,
    canonicalUrl: chooseCanonical(facts, article, pageUrl),
    language: chooseLanguage(facts, article),
  };
}
