import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from '../../lambdas/web/app';
import { HOSTILE_TITLE, OTHER_URL, STORY_URL, request, seededSite, type TestSite } from './seed';

let site: TestSite;
beforeAll(async () => {
  site = await seededSite();
});

const enc = encodeURIComponent;
// RSS keeps the full HTML in content:encoded; Atom's content lands in `content`.
const parser = new Parser<Record<string, never>, { 'content:encoded'?: string; id?: string }>();

/** What a feed reader shows for an HTML title: the entities decoded once. */
function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  items: { id: string; url: string; title: string; content_html: string; tags: string[] }[];
}

const STORY_TITLE_PREFIX = `${HOSTILE_TITLE} — A quote changed`;

describe.each([
  ['atom', 'application/atom+xml; charset=utf-8'],
  ['rss', 'application/rss+xml; charset=utf-8'],
] as const)('GET /feeds/changes.%s', (format, contentType) => {
  it('parses back into one entry per change, newest first, boring hidden, hostile text escaped', async () => {
    const response = await site.app(request('GET', `/feeds/changes.${format}`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.body).not.toContain('<script');
    expect(response.body).not.toContain('<img');
    const feed = await parser.parseString(response.body);
    expect(feed.items.map((item) => item.title?.slice(0, 30))).toEqual([
      'Budget talks resume — The arti',
      'Budget talks resume — The head',
      '&lt;script&gt;alert(1)&lt;/scr',
    ]);
    const story = feed.items[2];
    expect(decodeHtml(story?.title ?? '')).toMatch(new RegExp(`^${STORY_TITLE_PREFIX.replace(/[()]/g, '\\$&')}`));
    expect(story?.link).toBe(`http://monitor.test/diff?url=${enc(STORY_URL)}&from=0&to=1`);
    if (format === 'rss') expect(story?.categories).toEqual(['paragraph-edited', 'quote']);
    // rss-parser does not read Atom categories, so look for them in the entry itself.
    else
      expect(response.body).toMatch(
        /<category label="paragraph-edited" term="paragraph-edited"\/>\s*<category label="quote" term="quote"\/>\s*<\/entry>\s*<\/feed>/,
      );
    const content = story?.['content:encoded'] ?? story?.content;
    expect(content).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(content).toContain('stealth edit');
  });

  it('keeps entry ids stable whichever host the feed is fetched through', async () => {
    const first = await parser.parseString((await site.app(request('GET', `/feeds/changes.${format}`))).body);
    const other = await parser.parseString(
      (await site.app(request('GET', `/feeds/changes.${format}`, { headers: { host: 'mirror.test:8080', 'x-forwarded-proto': 'https' } }))).body,
    );
    const ids = (feed: typeof first) => feed.items.map((item) => item.guid ?? item.id);
    expect(ids(first).every((id) => typeof id === 'string' && id.startsWith('urn:'))).toBe(true);
    expect(ids(other)).toEqual(ids(first));
    expect(other.items[0]?.link).toMatch(/^https:\/\/mirror\.test:8080\/article\?url=/);
  });
});

describe('GET /feeds/changes.json', () => {
  it('is a JSON Feed with plain-text titles, escaped HTML content and kinds as tags', async () => {
    const response = await site.app(request('GET', '/feeds/changes.json'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(response.body) as JsonFeed;
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/);
    expect(feed.feed_url).toBe('http://monitor.test/feeds/changes.json');
    const story = feed.items[2];
    expect(story?.title.startsWith(STORY_TITLE_PREFIX)).toBe(true);
    expect(story?.tags).toEqual(['paragraph-edited', 'quote']);
    expect(story?.content_html).not.toContain('<img');
    expect(story?.content_html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });
});

describe('feed filters', () => {
  const titles = async (search: string) =>
    (JSON.parse((await site.app(request('GET', `/feeds/changes.json${search}`))).body) as JsonFeed).items.map((item) => item.title);

  it('narrows to one article, one source, a kind or stealth edits, and shows boring changes on request', async () => {
    expect(await titles(`?url=${enc(STORY_URL)}`)).toHaveLength(1);
    expect(await titles(`?url=${enc(STORY_URL)}&boring=1`)).toHaveLength(2);
    expect(await titles('?source=other.example.org')).toEqual([
      'Budget talks resume — The article moved',
      'Budget talks resume — The headline changed and a correction was added',
    ]);
    expect(await titles('?kind=correction')).toEqual(['Budget talks resume — The headline changed and a correction was added']);
    expect(await titles('?kind=url-changed,correction')).toHaveLength(2);
    expect((await titles('?stealth=1'))[0]?.startsWith(STORY_TITLE_PREFIX)).toBe(true);
    expect(await titles('?stealth=1')).toHaveLength(1);
  });

  it('escapes a hostile article title in the RSS channel title, as in its items (readers show both as HTML)', async () => {
    const rssBody = (await site.app(request('GET', `/feeds/changes.rss?url=${enc(STORY_URL)}`))).body;
    const channelTitle = /<channel>\s*<title>([^<]*)<\/title>/.exec(rssBody)?.[1];
    // Escaped for HTML, then for XML: a reader that decodes the XML and renders HTML shows the text, runs nothing.
    expect(channelTitle).toMatch(/^Article Change Monitor: changes to &amp;lt;script&amp;gt;alert\(1\)&amp;lt;\/script&amp;gt;/);
    expect(decodeHtml(channelTitle ?? '')).not.toMatch(/[<>"]/);
    const atom = await parser.parseString((await site.app(request('GET', `/feeds/changes.atom?url=${enc(STORY_URL)}`))).body);
    // Atom titles are plain text by default: escaped once, by the XML, and no more.
    expect(atom.title).toBe(`Article Change Monitor: changes to ${HOSTILE_TITLE}`);
  });

  it('names the article in a per-article feed title', async () => {
    const feed = JSON.parse((await site.app(request('GET', `/feeds/changes.json?url=${enc(OTHER_URL)}`))).body) as JsonFeed;
    expect(feed.title).toBe('Article Change Monitor: changes to Budget talks resume');
  });

  it('answers 404 for a feed of an article that is not watched and 400 for an unknown kind', async () => {
    const missing = await site.app(request('GET', `/feeds/changes.atom?url=${enc('https://nowhere.example/')}`));
    expect(missing.status).toBe(404);
    const badKind = await site.app(request('GET', '/feeds/changes.rss?kind=gossip'));
    expect(badKind.status).toBe(400);
    expect(badKind.body).toContain('unknown change kind');
  });
});

describe('feed links', () => {
  it('refuses to build links on a Host header that is not a plain host name', async () => {
    const response = await site.app(request('GET', '/feeds/changes.atom', { headers: { host: 'evil.example/"><script>' } }));
    expect(response.status).toBe(400);
    expect(response.body).toContain('Host header');
    expect(response.body).not.toContain('<script>');
  });

  it('uses the configured base URL over the Host header', async () => {
    const app = createWebApp({ ...site.deps, baseUrl: 'https://monitor.example.org/ignored/path' });
    const feed = JSON.parse((await app(request('GET', '/feeds/changes.json', { headers: { host: 'evil.example' } }))).body) as JsonFeed;
    expect(feed.feed_url).toBe('https://monitor.example.org/feeds/changes.json');
    expect(feed.items.every((item) => item.url.startsWith('https://monitor.example.org/'))).toBe(true);
  });

  it('refuses a configured base URL that is not http(s) when the app is created', () => {
    expect(() => createWebApp({ ...site.deps, baseUrl: 'javascript:alert(1)' })).toThrow(/baseUrl must be http or https/);
  });
});
