// GET /feeds/changes.{atom,rss,json} — one entry per change, built with the
// `feed` package. Atom and RSS carry titles and content as HTML inside CDATA,
// so everything from a fetched page is HTML-escaped first; that also keeps a
// "]]>" in a stranger's text from ever closing the CDATA section.
import { Feed, type Item } from 'feed';
import type { ChangeRecord } from '../domain/types';
import { articleKey } from '../domain/url';
import { ArticleNotFoundError } from '../errors';
import type { ArticleStore, ChangeQuery } from '../ports';
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

function entryFor(format: FeedFormat, baseUrl: string, change: ChangeRecord): Item {
  const plainTitle = `${change.title || change.url} — ${change.summary}`;
  return {
    // JSON Feed titles are plain text; Atom (type="html") and RSS titles are read as HTML.
    title: xmlSafe(format === 'json' ? plainTitle : escapeHtml(plainTitle)),
    id: changeEntryId(change),
    link: entryLink(baseUrl, change),
    date: new Date(change.detectedAt),
    description: xmlSafe(format === 'json' ? change.summary : escapeHtml(change.summary)),
    content: xmlSafe(entryContent(baseUrl, change)),
    category: change.kinds.map((kind) => ({ name: kind, term: kind })),
  };
}

/**
 * The `feed` package writes JSON Feed 1.0; readers expect 1.1 now, and a change's time is when it
 * was published as an item. Each item also gets the edit as plain text with [-…-]{+…+} markers.
 */
function jsonFeed11(json: string, changes: readonly ChangeRecord[]): string {
  const parsed = JSON.parse(json) as { version: string; items?: Array<Record<string, unknown>> };
  parsed.version = 'https://jsonfeed.org/version/1.1';
  parsed.items?.forEach((item, index) => {
    const change = changes[index];
    if (change === undefined) return;
    item.date_published = new Date(change.detectedAt).toISOString();
    item.content_text = xmlSafe([change.summary, excerptsAsText(change.excerpts, 10)].filter(Boolean).join('\n\n'));
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
  const newest = options.changes[0];
  const channelTitle = `${options.siteName}: ${what}${kinds}${about}${boring}`;
  const feed = new Feed({
    // RSS readers read a channel title as HTML, as they do item titles; Atom's and JSON Feed's are plain text.
    title: xmlSafe(options.format === 'rss' ? escapeHtml(channelTitle) : channelTitle),
    description: 'Edits to watched articles, newest first.',
    id: absoluteLink(baseUrl, feedPath(options.format, params)),
    link: absoluteLink(baseUrl, pagePath),
    updated: newest ? new Date(newest.detectedAt) : options.now,
    generator: options.siteName,
    feedLinks: {
      atom: absoluteLink(baseUrl, feedPath('atom', params)),
      rss: absoluteLink(baseUrl, feedPath('rss', params)),
      json: absoluteLink(baseUrl, feedPath('json', params)),
    },
  });
  for (const change of options.changes) feed.addItem(entryFor(options.format, baseUrl, change));
  if (options.format === 'atom') return feed.atom1();
  if (options.format === 'rss') return feed.rss2();
  return jsonFeed11(feed.json1(), options.changes);
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
  const changes = await store.recentChanges(filters);
  const body = buildChangeFeed({ format, ...context, filters, changes, ...(articleTitle !== undefined ? { articleTitle } : {}) });
  return feedResponse(FEED_CONTENT_TYPES[format], body);
}
