// GET /feeds/changes.{atom,rss,json} — one entry per change, and one per headline
// test the first time it is seen on an article (never per sighting), built with the
// `feed` package. Atom and RSS carry titles and content as HTML inside CDATA,
// so everything from a fetched page is HTML-escaped first; that also keeps a
// "]]>" in a stranger's text from ever closing the CDATA section.
import { Feed, type Item } from 'feed';
import { cursorTime } from '../domain/change-cursor';
import type { ChangeRecord, VariantRecord } from '../domain/types';
import { isHeadlineTest } from '../domain/variants';
import { articleKey } from '../domain/url';
import { ArticleNotFoundError } from '../errors';
import type { ArticleStore, ChangeQuery } from '../ports';
import { formatUtc } from './relative-time';
import { excerptsAsText, renderExcerpts } from './change-excerpts';
import { escapeHtml, externalLink, html } from './html';
import { kindName } from './labels';
import { changeQueryParams, changeQueryToParams } from './request-params';
import { feedResponse } from './responses';
import type { WebResponse } from './types';
import { absoluteLink, articlePath, changePath, feedPath, homePath } from '../domain/site-links';

export type FeedFormat = 'atom' | 'rss' | 'json';

const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FEED_LIMIT = 50;

export function feedFormatOf(path: string): FeedFormat | null {
  const match = /^\/feeds\/changes\.(atom|rss|json)$/.exec(path);
  const format = match?.[1];
  return format === 'atom' || format === 'rss' || format === 'json' ? format : null;
}

// Characters XML 1.0 forbids outright; a fetched page can contain them, and one would make the whole feed unparseable.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Stable across hosts and deployments, so a reader never sees the same change twice. */
function changeEntryId(change: ChangeRecord): string {
  return `urn:article-change-monitor:change:${articleKey(change.url)}:${change.from}-${change.to}:${Date.parse(change.detectedAt)}`;
}

function entryLink(baseUrl: string, change: ChangeRecord): string {
  return absoluteLink(baseUrl, changePath(change));
}

function entryContent(baseUrl: string, change: ChangeRecord): string {
  const labels = [...(change.stealth ? ['stealth edit'] : []), ...change.kinds.map(kindName), ...(change.boring ? ['boring'] : [])];
  return html`<p><strong>${labels.join(' · ')}</strong></p>
<p>${change.summary}</p>
${renderExcerpts(change.excerpts, 10, { textMarkers: true })}
${change.newUrl !== undefined ? html`<p>Now at: ${externalLink(change.newUrl)}</p>` : null}
<p><a href="${entryLink(baseUrl, change)}">See the change</a> · <a href="${absoluteLink(baseUrl, articlePath(change.url))}">All versions of this article</a></p>`
    .value;
}

/** One feed item, with what JSON Feed 1.1 adds to it: when it was published and its words as plain text. */
interface FeedEntry {
  item: Item;
  publishedAt: string;
  text: string;
}

function changeEntry(format: FeedFormat, baseUrl: string, change: ChangeRecord): FeedEntry {
  const plainTitle = `${change.title || change.url} — ${change.summary}`;
  const item: Item = {
    // JSON Feed titles are plain text; Atom (type="html") and RSS titles are read as HTML.
    title: xmlSafe(format === 'json' ? plainTitle : escapeHtml(plainTitle)),
    id: changeEntryId(change),
    link: entryLink(baseUrl, change),
    date: new Date(change.detectedAt),
    description: xmlSafe(format === 'json' ? change.summary : escapeHtml(change.summary)),
    content: xmlSafe(entryContent(baseUrl, change)),
    category: change.kinds.map((kind) => ({ name: kind, term: kind })),
  };
  return { item, publishedAt: change.detectedAt, text: xmlSafe([change.summary, excerptsAsText(change.excerpts, 10)].filter(Boolean).join('\n\n')) };
}

/** What a headline test is, in one line: both headlines, or the rotation under one. */
function variantSummary(variant: VariantRecord): string {
  return isHeadlineTest(variant) ? `Headline test: “${variant.currentTitle}” / “${variant.title}”` : `Rotating text under the headline “${variant.title}”`;
}

/** Stable per article and variant: a reader sees one item for a headline test, however often it is seen again. */
function variantEntryId(variant: VariantRecord): string {
  return `urn:article-change-monitor:variant:${articleKey(variant.url)}:${variant.hash}`;
}

function variantEntry(format: FeedFormat, baseUrl: string, variant: VariantRecord): FeedEntry {
  const summary = variantSummary(variant);
  const seen = `First seen ${formatUtc(variant.firstSeenAt)}; the page alternates between the two, so neither is recorded as an edit.`;
  const link = absoluteLink(baseUrl, articlePath(variant.url));
  const content = html`<p><strong>headline test</strong></p>
<p>${summary}</p>
<p>${seen}</p>
${variant.excerpt !== '' ? html`<p>Its text differs: “${variant.excerpt}”</p>` : null}
<p><a href="${link}">All versions of this article</a></p>`.value;
  const item: Item = {
    title: xmlSafe(format === 'json' ? summary : escapeHtml(summary)),
    id: variantEntryId(variant),
    link,
    date: new Date(variant.firstSeenAt),
    description: xmlSafe(format === 'json' ? summary : escapeHtml(summary)),
    content: xmlSafe(content),
    category: [{ name: 'headline-test', term: 'headline-test' }],
  };
  const text = [summary, seen, variant.excerpt !== '' ? `Its text differs: “${variant.excerpt}”` : ''].filter(Boolean).join('\n\n');
  return { item, publishedAt: variant.firstSeenAt, text: xmlSafe(text) };
}

/**
 * The `feed` package writes JSON Feed 1.0; readers expect 1.1 now, and an item's time is when it
 * was published. Each item also gets its words as plain text (an edit with [-…-]{+…+} markers).
 */
function jsonFeed11(json: string, entries: readonly FeedEntry[]): string {
  const parsed = JSON.parse(json) as { version: string; items?: Array<Record<string, unknown>> };
  parsed.version = 'https://jsonfeed.org/version/1.1';
  parsed.items?.forEach((item, index) => {
    const entry = entries[index];
    if (entry === undefined) return;
    item.date_published = new Date(entry.publishedAt).toISOString();
    item.content_text = entry.text;
  });
  return JSON.stringify(parsed, null, 4);
}

interface ChangeFeedOptions {
  format: FeedFormat;
  baseUrl: string;
  siteName: string;
  filters: ChangeQuery;
  /** The article's title, when the feed is about one article. */
  articleTitle?: string;
  changes: ChangeRecord[];
  /** Headline tests to list by their first sighting, among the changes. */
  variants?: VariantRecord[];
  now: Date;
}

function buildChangeFeed(options: ChangeFeedOptions): string {
  const { baseUrl, filters } = options;
  const params = changeQueryToParams(filters);
  const about = filters.url !== undefined ? ` to ${options.articleTitle ?? filters.url}` : filters.source !== undefined ? ` in ${filters.source}` : '';
  const what = filters.stealthOnly ? 'stealth edits' : 'changes';
  const kinds = filters.kinds?.length ? ` (${filters.kinds.map(kindName).join(', ')})` : '';
  const boring = filters.includeBoring ? ', boring ones included' : '';
  const pagePath = filters.url !== undefined ? articlePath(filters.url) : homePath(params);
  const limit = filters.limit ?? FEED_LIMIT;
  const entries = [
    ...options.changes.map((change) => changeEntry(options.format, baseUrl, change)),
    ...(options.variants ?? []).map((variant) => variantEntry(options.format, baseUrl, variant)),
  ]
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .slice(0, limit);
  const newest = entries[0];
  const channelTitle = `${options.siteName}: ${what}${kinds}${about}${boring}`;
  const feed = new Feed({
    // RSS readers read a channel title as HTML, as they do item titles; Atom's and JSON Feed's are plain text.
    title: xmlSafe(options.format === 'rss' ? escapeHtml(channelTitle) : channelTitle),
    description: 'Edits to watched articles, newest first.',
    id: absoluteLink(baseUrl, feedPath(options.format, params)),
    link: absoluteLink(baseUrl, pagePath),
    updated: newest ? new Date(newest.publishedAt) : options.now,
    generator: options.siteName,
    feedLinks: {
      atom: absoluteLink(baseUrl, feedPath('atom', params)),
      rss: absoluteLink(baseUrl, feedPath('rss', params)),
      json: absoluteLink(baseUrl, feedPath('json', params)),
    },
  });
  for (const entry of entries) feed.addItem(entry.item);
  if (options.format === 'atom') return feed.atom1();
  if (options.format === 'rss') return feed.rss2();
  return jsonFeed11(feed.json1(), entries);
}

export async function changeFeed(
  store: ArticleStore,
  format: FeedFormat,
  query: URLSearchParams,
  context: { siteName: string; baseUrl: string; now: Date },
): Promise<WebResponse> {
  const filters = changeQueryParams(query, { defaultLimit: FEED_LIMIT, maxLimit: 200 });
  let articleTitle: string | undefined;
  if (filters.url !== undefined) {
    const head = await store.getArticle(filters.url);
    if (head === null) throw new ArticleNotFoundError(filters.url);
    articleTitle = head.latestTitle ?? undefined;
    // An address the article moved to: its one history is filed under the address it was first watched at.
    filters.url = head.url;
  }
  const [changes, variants] = await Promise.all([store.recentChanges(filters), feedVariants(store, filters)]);
  const body = buildChangeFeed({ format, ...context, filters, changes, variants, ...(articleTitle !== undefined ? { articleTitle } : {}) });
  return feedResponse(FEED_CONTENT_TYPES[format], body);
}

/**
 * The headline tests a feed lists beside its changes. A feed filtered to kinds of edit or to
 * stealth edits is about edits, and a headline test is none; ?boring changes nothing here.
 */
async function feedVariants(store: ArticleStore, filters: ChangeQuery): Promise<VariantRecord[]> {
  if (filters.stealthOnly === true || (filters.kinds?.length ?? 0) > 0) return [];
  const { url, source, before } = filters;
  if (url === undefined) {
    return store.recentVariants({
      limit: filters.limit ?? FEED_LIMIT,
      ...(source !== undefined ? { source } : {}),
      ...(before !== undefined ? { before } : {}),
    });
  }
  const variants = await store.listVariants(url);
  return variants.filter(
    (variant) => (source === undefined || variant.source === source) && (before === undefined || variant.firstSeenAt < cursorTime(before)),
  );
}
