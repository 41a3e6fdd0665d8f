// Finding article URLs in what a source publishes: feeds, sitemaps and front
// pages. All of it is a stranger's markup, so nothing here throws on bad
// input: a link that is not a usable http(s) URL is skipped, and every URL
// comes out in the canonical form articles are watched under.
import { load, type CheerioAPI } from 'cheerio';
import { normaliseUrl } from './url';

/** Absolute, normalised, or null when the link cannot be watched. */
function watchable(href: string | undefined, base: string): string | null {
  if (!href?.trim()) return null;
  try {
    return normaliseUrl(href, base);
  } catch {
    return null;
  }
}

function unique(urls: Array<string | null>): string[] {
  return [...new Set(urls.filter((url): url is string => url !== null))];
}

function loadXml(xml: string): CheerioAPI {
  return load(xml, { xml: true });
}

function loadHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false } });
}

/** Where relative links in an HTML page point from: its <base href>, when that is itself a valid http(s) URL. */
function documentBase($: CheerioAPI, baseUrl: string): string {
  return watchable($('base[href]').first().attr('href'), baseUrl) ?? baseUrl;
}

/** Article links in an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order. */
export function parseFeedLinks(xml: string, baseUrl: string): string[] {
  const $ = loadXml(xml);
  const links: Array<string | null> = [];
  // Plain arrays, not Cheerio's .map(): that one concatenates per element and grows quadratically.
  $('item').each((_, item) => {
    const $item = $(item);
    // FeedBurner rewrites <link> to its own tracker and keeps the real address here.
    const original = $item.children('feedburner\\:origLink').first();
    const link = $item.children('link').first();
    const permalink = $item
      .children('guid')
      .filter((_, guid) => $(guid).attr('isPermaLink') !== 'false')
      .first();
    const candidates = [original, link, permalink].filter((el) => el.length > 0).map((el) => el.text().trim());
    links.push(candidates.map((href) => watchable(href, baseUrl)).find((url) => url !== null) ?? null);
  });
  $('entry').each((_, entry) => {
    const alternates = $(entry)
      .children('link')
      .filter((_, link) => ($(link).attr('rel') ?? 'alternate').trim().toLowerCase() === 'alternate');
    const html = alternates.filter((_, link) => /html/i.test($(link).attr('type') ?? 'text/html')).first();
    const chosen = html.length ? html : alternates.first();
    links.push(watchable(chosen.attr('href'), baseUrl));
  });
  return unique(links);
}

/** Page URLs of a sitemap (Google News sitemaps included) and the child sitemaps of a sitemap index. */
export function parseSitemap(xml: string, baseUrl: string): { urls: string[]; sitemaps: string[] } {
  const $ = loadXml(xml);
  const locs = (selector: string) =>
    $(selector)
      .toArray()
      .map((loc) => watchable($.text([loc]).trim(), baseUrl));
  return { urls: unique(locs('urlset > url > loc')), sitemaps: unique(locs('sitemapindex > sitemap > loc')) };
}

/** Links on a front page whose normalised absolute URL matches the source's article pattern. */
export function parseFrontPageLinks(html: string, baseUrl: string, articlePattern: RegExp): string[] {
  const $ = loadHtml(html);
  const base = documentBase($, baseUrl);
  // A global or sticky pattern remembers lastIndex between test() calls and would skip every other match.
  const pattern = new RegExp(articlePattern.source, articlePattern.flags.replace(/[gy]/g, ''));
  const links = $('a[href], area[href]')
    .toArray()
    .map((anchor) => watchable(anchor.attribs.href, base));
  return unique(links.filter((url) => url !== null && pattern.test(url)));
}

/** The page's own statement of its address: <link rel=canonical>, else og:url. */
export function findCanonicalUrl(html: string, baseUrl: string): string | null {
  const $ = loadHtml(html);
  const base = documentBase($, baseUrl);
  const canonical = $('link[href]')
    .toArray()
    .filter((link) => (link.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const candidates = [
    ...canonical.map((link) => link.attribs.href),
    ...$('meta[property="og:url"][content]')
      .toArray()
      .map((meta) => meta.attribs.content),
  ];
  for (const candidate of candidates) {
    const url = watchable(candidate, base);
    if (url) return url;
  }
  return null;
}
