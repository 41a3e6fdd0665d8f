// Title, byline, dates, canonical URL and language, from JSON-LD, meta tags
// and the page, reconciled when they disagree.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE } from '../../fixtures/extract/prose';

function page(head: string, beforeBody = '', htmlAttributes = ''): string {
  return `<!doctype html><html${htmlAttributes}><head>${head}</head><body><main><article>${beforeBody}<div class="story-body">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div></article></main></body></html>`;
}

describe('title', () => {
  it('takes the visible headline when the declared titles agree with it', () => {
    const result = extract(
      page(
        '<title>Council expands bus network | The Gazette</title><meta property="og:title" content="Council expands bus network">',
        '<h1>Council expands bus network</h1>',
      ),
    );
    expect(result.title).toBe('Council expands bus network');
  });

  it('prefers the declared headline over an <h1> that is only the site logo', () => {
    const result = extract(page('<meta property="og:title" content="Council expands bus network to hospital district">', '<h1>The Gazette</h1>'));
    expect(result.title).toBe('Council expands bus network to hospital district');
  });

  it('strips the site name from <title> when nothing else names the story', () => {
    const result = extract(
      page('<title>Council expands bus network to hospital district | The Gazette</title><meta property="og:site_name" content="The Gazette">'),
    );
    expect(result.title).toBe('Council expands bus network to hospital district');
  });

  it('decodes character references in a JSON-LD headline', () => {
    const jsonLd = '{"@type":"NewsArticle","headline":"Buses &amp; trams: the council&#39;s plan"}';
    expect(extract(page(`<script type="application/ld+json">${jsonLd}</script>`)).title).toBe("Buses & trams: the council's plan");
  });

  it('is empty, not missing, when the page names no title', () => {
    expect(extract(page('')).title).toBe('');
  });

  it('is not repeated as the first paragraph of the body', () => {
    const result = extract(page('<meta property="og:title" content="Council expands bus network">', '<h1>Council expands bus network</h1>'));
    expect(result.paragraphs[0]).toBe(PROSE[0]);
  });
});

describe('byline', () => {
  it('joins the people named as authors in JSON-LD, leaving the publisher out', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'x' },
        {
          '@type': 'NewsArticle',
          headline: 'h',
          author: [
            { '@type': 'Person', name: 'Jane Doe' },
            { '@type': 'Person', name: 'John Roe' },
          ],
          publisher: { '@type': 'Organization', name: 'The Gazette' },
        },
      ],
    });
    expect(extract(page(`<script type="application/ld+json">${jsonLd}</script>`)).byline).toBe('Jane Doe, John Roe');
  });

  it('reads a meta author, and ignores one that is a profile URL', () => {
    expect(extract(page('<meta name="author" content="Jane Doe">')).byline).toBe('Jane Doe');
    expect(extract(page('<meta property="article:author" content="https://facebook.com/janedoe">')).byline).toBe('');
  });

  it('falls back to the byline on the page, without its "By" and trailing furniture', () => {
    expect(extract(page('', '<p class="byline">By Jane Doe | Staff Writer</p>')).byline).toBe('Jane Doe');
  });

  it('survives sloppy JSON-LD with raw newlines and trailing commas', () => {
    const jsonLd = '{"@type": "NewsArticle", "headline": "h",\n "author": {"@type": "Person", "name": "Jane\nDoe"},}';
    expect(extract(page(`<script type="application/ld+json">${jsonLd}</script>`)).byline).toBe('Jane Doe');
  });
});

describe('dates', () => {
  it('gives published and modified dates in ISO 8601 (UTC)', () => {
    const result = extract(
      page(
        '<meta property="article:published_time" content="2016-07-14T15:34:00-04:00"><meta property="article:modified_time" content="2016-07-14 21:05:00+0000">',
      ),
    );
    expect(result.publishedAt).toBe('2016-07-14T19:34:00.000Z');
    expect(result.modifiedAt).toBe('2016-07-14T21:05:00.000Z');
  });

  it('prefers the JSON-LD date to the meta tags when they disagree', () => {
    const jsonLd = '{"@type":"NewsArticle","datePublished":"2016-07-14T10:00:00Z"}';
    const result = extract(
      page(`<script type="application/ld+json">${jsonLd}</script><meta property="article:published_time" content="2016-07-15T10:00:00Z">`),
    );
    expect(result.publishedAt).toBe('2016-07-14T10:00:00.000Z');
  });

  it('reads a <time datetime> on the page when no tag declares the date', () => {
    expect(extract(page('', '<time datetime="2016-07-14">July 14</time>')).publishedAt).toBe('2016-07-14T00:00:00.000Z');
  });

  it('drops a modified date earlier than the publication date, and dates that are not dates', () => {
    const result = extract(
      page('<meta property="article:published_time" content="2016-07-14T10:00:00Z"><meta property="article:modified_time" content="2015-01-01T00:00:00Z">'),
    );
    expect(result.modifiedAt).toBeNull();
    expect(extract(page('<meta property="article:published_time" content="yesterday">')).publishedAt).toBeNull();
    expect(extract(page('<meta property="article:published_time" content="0001-01-01T00:00:00Z">')).publishedAt).toBeNull();
  });

  it('reads a zone-less time as UTC, so the result does not depend on the machine', () => {
    expect(extract(page('<meta property="article:published_time" content="2016-07-14T10:00:00">')).publishedAt).toBe('2016-07-14T10:00:00.000Z');
  });
});

describe('canonical URL and language', () => {
  it('resolves a relative canonical link against the page URL', () => {
    const result = extract(page('<link rel="canonical" href="/local/2016/bus-network">'), 'https://gazette.example/local/2016/bus-network?utm_source=x');
    expect(result.canonicalUrl).toBe('https://gazette.example/local/2016/bus-network');
  });

  it('ignores a canonical link to the front page, a template mistake, and uses og:url instead', () => {
    const result = extract(
      page('<link rel="canonical" href="https://gazette.example/"><meta property="og:url" content="https://gazette.example/local/bus">'),
      'https://gazette.example/local/bus',
    );
    expect(result.canonicalUrl).toBe('https://gazette.example/local/bus');
  });

  it('refuses a canonical that is not http(s)', () => {
    expect(extract(page('<link rel="canonical" href="javascript:alert(1)">'), 'https://gazette.example/a').canonicalUrl).toBeNull();
  });

  it('normalises the language tag from <html lang> or og:locale', () => {
    expect(extract(page('', '', ' lang="EN_gb"')).language).toBe('en-GB');
    expect(extract(page('<meta property="og:locale" content="pt_BR">')).language).toBe('pt-BR');
    expect(extract(page('')).language).toBeNull();
  });
});
