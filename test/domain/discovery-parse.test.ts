import { describe, expect, it } from 'vitest';
import { findCanonicalUrl, parseFeedLinks, parseFrontPageLinks, parseSitemap } from '../../lambdas/domain/discovery-parse';

const BASE = 'https://news.example/';

describe('parseFeedLinks', () => {
  it('reads RSS 2.0 item links, permalink GUIDs and FeedBurner original links', () => {
    const rss = `<?xml version="1.0"?>
      <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
        <channel>
          <link>https://news.example/</link>
          <item><title>One</title><link>https://news.example/2024/one?utm_source=rss#comments</link></item>
          <item><title>Two</title><link><![CDATA[ https://news.example/2024/two ]]></link></item>
          <item><title>Three</title><guid>https://news.example/2024/three</guid></item>
          <item><title>Opaque guid</title><guid isPermaLink="false">https://news.example/id/123</guid></item>
          <item><title>Four</title><link>http://feeds.feedburner.com/~r/x/4</link><feedburner:origLink>https://news.example/2024/four</feedburner:origLink></item>
          <item><title>Relative</title><link>/2024/five</link></item>
        </channel>
      </rss>`;
    expect(parseFeedLinks(rss, BASE)).toEqual([
      'https://news.example/2024/one',
      'https://news.example/2024/two',
      'https://news.example/2024/three',
      'https://news.example/2024/four',
      'https://news.example/2024/five',
    ]);
  });

  it('reads Atom alternate links and ignores self, enclosure and reply links', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <link rel="self" href="https://news.example/feed.atom"/>
        <entry>
          <link rel="replies" href="https://news.example/2024/a/comments"/>
          <link rel="alternate" type="application/pdf" href="https://news.example/2024/a.pdf"/>
          <link rel="alternate" type="text/html" href="https://news.example/2024/a"/>
        </entry>
        <entry><link href="https://news.example/2024/b"/></entry>
        <entry><link rel="enclosure" href="https://news.example/audio.mp3"/></entry>
      </feed>`;
    expect(parseFeedLinks(atom, BASE)).toEqual(['https://news.example/2024/a', 'https://news.example/2024/b']);
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const rdf = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="https://news.example/"><link>https://news.example/</link></channel>
        <item rdf:about="https://news.example/2024/rdf-1"><link>https://news.example/2024/rdf-1</link></item>
        <item rdf:about="https://news.example/2024/rdf-2"><link>https://news.example/2024/rdf-2</link></item>
      </rdf:RDF>`;
    expect(parseFeedLinks(rdf, BASE)).toEqual(['https://news.example/2024/rdf-1', 'https://news.example/2024/rdf-2']);
  });

  it('skips links that cannot be watched and removes duplicates', () => {
    const rss = `<rss><channel>
      <item><link>javascript:alert(document.cookie)</link></item>
      <item><link>data:text/html,&lt;script&gt;</link></item>
      <item><link>file:///etc/passwd</link></item>
      <item><link>https://user:pw@news.example/x</link></item>
      <item><link>http://[::1</link></item>
      <item><link>   </link></item>
      <item><link>https://news.example/dup?fbclid=1</link></item>
      <item><link>https://NEWS.example/dup#top</link></item>
    </channel></rss>`;
    expect(parseFeedLinks(rss, BASE)).toEqual(['https://news.example/dup']);
  });

  it('returns what it can from broken or foreign input, never throwing', () => {
    expect(parseFeedLinks('', BASE)).toEqual([]);
    expect(parseFeedLinks('<html><body><p>Not a feed</p></body></html>', BASE)).toEqual([]);
    expect(parseFeedLinks('<rss><channel><item><link>https://news.example/cut</link></item><item><li', BASE)).toEqual(['https://news.example/cut']);
    expect(parseFeedLinks('\u0000\uFFFF<<<>>>&&&;', BASE)).toEqual([]);
  });

  it('does not expand entities declared by the document', () => {
    const hostile = `<?xml version="1.0"?>
      <!DOCTYPE rss [<!ENTITY a "https://evil.example/"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <rss><channel><item><link>&b;</link></item><item><link>https://news.example/ok</link></item></channel></rss>`;
    const links = parseFeedLinks(hostile, BASE);
    expect(links).toContain('https://news.example/ok');
    expect(links.some((link) => link.includes('evil.example'))).toBe(false);
  });
});

describe('parseSitemap', () => {
  it('reads page URLs from a Google News sitemap', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url>
          <loc>
            https://news.example/2024/05/01/budget.html
          </loc>
          <news:news><news:publication><news:name>News</news:name><news:language>en</news:language></news:publication>
            <news:publication_date>2024-05-01T10:00:00Z</news:publication_date><news:title>Budget</news:title></news:news>
        </url>
        <url><loc>https://news.example/2024/05/01/election.html?utm_medium=sitemap</loc></url>
        <url><loc>https://news.example/2024/05/01/budget.html</loc></url>
      </urlset>`;
    expect(parseSitemap(xml, BASE)).toEqual({
      urls: ['https://news.example/2024/05/01/budget.html', 'https://news.example/2024/05/01/election.html'],
      sitemaps: [],
    });
  });

  it('reads the child sitemaps of a sitemap index', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>https://news.example/sitemap-news.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
        <sitemap><loc>/sitemap-2024-05.xml</loc></sitemap>
        <sitemap><loc>gopher://news.example/old</loc></sitemap>
      </sitemapindex>`;
    expect(parseSitemap(xml, BASE)).toEqual({
      urls: [],
      sitemaps: ['https://news.example/sitemap-news.xml', 'https://news.example/sitemap-2024-05.xml'],
    });
  });

  it('returns empty lists for broken or foreign input', () => {
    expect(parseSitemap('', BASE)).toEqual({ urls: [], sitemaps: [] });
    expect(parseSitemap('<html><a href="https://news.example/x">x</a></html>', BASE)).toEqual({ urls: [], sitemaps: [] });
    expect(parseSitemap('<urlset><url><loc>javascript:void(0)</loc></url><url><loc>https://news.example/a</loc>', BASE)).toEqual({
      urls: ['https://news.example/a'],
      sitemaps: [],
    });
  });
});

describe('parseFrontPageLinks', () => {
  const ARTICLE = /^https:\/\/news\.example\/\d{4}\/\d{2}\/[\w-]+$/;

  it('returns absolute, normalised, unique article links in page order', () => {
    const html = `<html><body>
      <nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
      <a href="/2024/05/budget-vote#comments">Budget</a>
      <a href="https://news.example/2024/05/election?utm_source=home">Election</a>
      <a href="2024/05/relative-link">Relative</a>
      <a href="/2024/05/budget-vote?fbclid=abc">Budget again</a>
      <map><area href="/2024/05/map-link"></map>
      <a href="https://other.example/2024/05/elsewhere">Elsewhere</a>
      <a href="javascript:void(0)">Menu</a>
      <a href="mailto:desk@news.example">Email</a>
      <a href="http://[bad">Broken</a>
      <a>No href</a>
    </body></html>`;
    expect(parseFrontPageLinks(html, BASE, ARTICLE)).toEqual([
      'https://news.example/2024/05/budget-vote',
      'https://news.example/2024/05/election',
      'https://news.example/2024/05/relative-link',
      'https://news.example/2024/05/map-link',
    ]);
  });

  it('resolves links against the page’s <base href>', () => {
    const html = `<head><base href="https://news.example/2024/"></head><body><a href="05/from-base">x</a></body>`;
    expect(parseFrontPageLinks(html, 'https://news.example/front/index.html', ARTICLE)).toEqual(['https://news.example/2024/05/from-base']);
  });

  it('finds every match even with a global pattern', () => {
    const html = '<a href="/2024/05/a">a</a><a href="/2024/05/b">b</a><a href="/2024/05/c">c</a>';
    expect(parseFrontPageLinks(html, BASE, /\/2024\/05\//g)).toHaveLength(3);
  });

  it('copes with broken markup and empty pages', () => {
    expect(parseFrontPageLinks('', BASE, ARTICLE)).toEqual([]);
    expect(parseFrontPageLinks('<a href="/2024/05/unclosed"><div><a href="/2024/05/next"', BASE, ARTICLE)).toEqual(['https://news.example/2024/05/unclosed']);
  });
});

describe('findCanonicalUrl', () => {
  it('prefers <link rel=canonical>, resolved and normalised', () => {
    const html = `<head><meta property="og:url" content="https://news.example/og"><link rel="canonical" href="/2024/05/story?utm_campaign=x#top"></head>`;
    expect(findCanonicalUrl(html, 'https://news.example/2024/05/story?ref=home')).toBe('https://news.example/2024/05/story');
  });

  it('matches rel case-insensitively and among other tokens', () => {
    expect(findCanonicalUrl('<link rel="Canonical" href="https://news.example/a">', BASE)).toBe('https://news.example/a');
    expect(findCanonicalUrl('<link rel="alternate canonical" href="https://news.example/b">', BASE)).toBe('https://news.example/b');
    expect(findCanonicalUrl('<link rel="canonicalish" href="https://news.example/c">', BASE)).toBeNull();
  });

  it('falls back to og:url, also when the canonical link is unusable', () => {
    expect(findCanonicalUrl('<meta property="og:url" content="https://news.example/og">', BASE)).toBe('https://news.example/og');
    const html = '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://news.example/og">';
    expect(findCanonicalUrl(html, BASE)).toBe('https://news.example/og');
  });

  it('returns null when the page states no usable address', () => {
    expect(findCanonicalUrl('<html><head><title>x</title></head></html>', BASE)).toBeNull();
    expect(findCanonicalUrl('<link rel="canonical" href="">', BASE)).toBeNull();
    expect(findCanonicalUrl('<link rel="canonical" href="ftp://news.example/x">', BASE)).toBeNull();
    expect(findCanonicalUrl('', BASE)).toBeNull();
  });
});
