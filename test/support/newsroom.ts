// A local test newsroom: real HTTP on 127.0.0.1, article pages wrapped in
// chrome that changes on every request (ad ids, rotating widgets, counters,
// "Updated N minutes ago", nonces), and articles that tests edit, remove,
// wall off, redirect or A/B-test step by step.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';

export interface NewsroomArticle {
  title: string;
  byline: string;
  paragraphs: string[];
  publishedAt: string;
  /** Headline variants served per request in turn (an A/B test); `title` when empty. */
  titleVariants?: string[];
  /** Pick the variant at random per request instead of in turn, from this seed (reproducible). */
  variantSeed?: number;
  /** Serve this status with an error body instead of the article. */
  status?: number;
  /** Serve a 200 page that is not the article. */
  wall?: 'consent' | 'bot' | 'paywall' | 'error-page' | 'empty';
  /** Misbehave at the connection level: never answer, or drop the connection. */
  network?: 'hang' | 'reset';
  /** Pages served to the next requests, one each, before the article itself again (a stale cache). */
  servedNext?: NewsroomArticle[];
  /** Send this ETag with the article, and answer 304 to a matching If-None-Match. */
  etag?: string;
  /** Redirect (301) to this path. */
  redirectTo?: string;
  /** rel=canonical path, when it differs from the article's own. */
  canonicalPath?: string;
  /** Serve everything typographically "curled" (quotes, dashes, NBSP). */
  curly?: boolean;
}

export interface Newsroom {
  url(path: string): string;
  origin: string;
  publish(path: string, article: NewsroomArticle): void;
  /** Serve a fixed document (a feed, a sitemap, a front page) at this path. */
  serveRaw(path: string, contentType: string, body: string): void;
  edit(path: string, change: Partial<NewsroomArticle> | ((article: NewsroomArticle) => NewsroomArticle)): void;
  requests(path: string): number;
  close(): Promise<void>;
}

const RELATED = [
  'Markets rally as inflation cools',
  'Storm season starts early on the coast',
  'City council approves new budget',
  'Five takeaways from the summit',
  'Scientists map a distant galaxy',
  'Local team wins the championship',
];

/** A reproducible pseudo-random choice (mulberry32 of the seed). */
function seededRandomInt(seed: number, below: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function curl(text: string): string {
  return text
    .replace(/"([^"]*)"/g, '\u201c$1\u201d')
    .replace(/'/g, '\u2019')
    .replace(/ - /g, ' \u2014 ')
    .replace(/ (\w+)$/g, '\u00a0$1');
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function chromeTop(): string {
  const nonce = randomBytes(8).toString('hex');
  return `<header class="site-header"><nav class="main-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/sports">Sports</a></nav>
<div class="ad" id="ad-${randomBytes(4).toString('hex')}">Advertisement</div>
<script nonce="${nonce}">window.__state = {"t": ${Date.now()}, "r": "${randomBytes(6).toString('hex')}"};</script>
<div class="ticker">Breaking: ${escapeHtml(RELATED[randomInt(RELATED.length)] ?? '')}</div></header>`;
}

function chromeBottom(): string {
  const related = shuffled(RELATED).slice(0, 4);
  return `<aside class="related-stories"><h2>Related Stories</h2><ul>${related
    .map((t, i) => `<li><a href="/story/${i}-${randomInt(1000)}">${escapeHtml(t)}</a></li>`)
    .join('')}</ul></aside>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <span>${randomInt(10_000)} shares</span></div>
<section class="comments"><h3>Comments (${randomInt(500)})</h3><p>Join the conversation</p></section>
<div class="newsletter-promo"><p>Sign up for our daily newsletter to get the top stories in your inbox.</p></div>
<footer class="site-footer"><p>© ${new Date().getFullYear()} Test Newsroom Ltd. All rights reserved.</p><p>We accept Visa, Mastercard, PayPal</p></footer>`;
}

function wallPage(kind: NonNullable<NewsroomArticle['wall']>): string {
  const bodies: Record<typeof kind, [string, string]> = {
    consent: ['Before you continue', 'We value your privacy. We and our partners use cookies. Accept all cookies or manage your consent settings to continue.'],
    bot: ['Just a moment...', 'Checking your browser before accessing the site. Please verify you are human by completing the captcha.'],
    paywall: ['Subscribe', 'This article is only available to subscribers. Subscribe now to continue reading. Already a subscriber? Log in.'],
    'error-page': ['Page not found', 'Sorry, the page you are looking for could not be found. It may have been moved or removed.'],
    empty: ['', ''],
  };
  const [title, body] = bodies[kind];
  return `<!doctype html><html><head><title>${title}</title></head><body>${chromeTop()}<main><h1>${title}</h1><p>${body}</p></main></body></html>`;
}

export async function startNewsroom(): Promise<Newsroom> {
  const articles = new Map<string, NewsroomArticle>();
  const raw = new Map<string, { contentType: string; body: string }>();
  const hits = new Map<string, number>();
  let origin = '';

  const render = (path: string, article: NewsroomArticle, hit: number): string => {
    const variants = article.titleVariants?.length ? article.titleVariants : [article.title];
    const pick = article.variantSeed === undefined ? hit : seededRandomInt(article.variantSeed + hit, variants.length);
    const title = variants[pick % variants.length] ?? article.title;
    const t = (text: string): string => escapeHtml(article.curly ? curl(text) : text);
    const canonical = `${origin}${article.canonicalPath ?? path}`;
    const minutes = randomInt(1, 59);
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: title,
      author: { '@type': 'Person', name: article.byline.replace(/^By /, '') },
      datePublished: article.publishedAt,
    });
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${t(title)} | Test Newsroom</title>
<link rel="canonical" href="${escapeHtml(canonical)}"><meta property="og:title" content="${t(title)}">
<script type="application/ld+json">${jsonLd.replace(/</g, '\\u003c')}</script></head>
<body>${chromeTop()}
<main><article class="story">
<h1 class="headline">${t(title)}</h1>
<p class="byline">${t(article.byline)}</p>
<p class="timestamp">Updated ${minutes} minutes ago</p>
<figure><img src="/photo-${randomInt(1000)}.jpg" alt=""><figcaption>Enlarge this image toggle caption SANA via AP</figcaption></figure>
<div class="story-body">
${article.paragraphs.map((p, i) => `<p>${t(p)}</p>${i === 1 ? `<div class="ad inline-ad" data-slot="${randomBytes(3).toString('hex')}">Advertisement</div>` : ''}`).join('\n')}
</div></article></main>
${chromeBottom()}</body></html>`;
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const hit = hits.get(path) ?? 0;
    hits.set(path, hit + 1);
    const article = articles.get(path);
    const document = raw.get(path);
    if (document) {
      response.writeHead(200, { 'content-type': document.contentType }).end(document.body);
      return;
    }
    if (path === '/robots.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
      return;
    }
    if (!article) {
      response.writeHead(404, { 'content-type': 'text/html' }).end(wallPage('error-page'));
      return;
    }
    if (article.network === 'hang') return;
    if (article.network === 'reset') {
      request.socket.destroy();
      return;
    }
    if (article.redirectTo) {
      response.writeHead(301, { location: article.redirectTo }).end();
      return;
    }
    if (article.status !== undefined) {
      response.writeHead(article.status, { 'content-type': 'text/html' }).end(`<html><body><h1>Error ${article.status}</h1></body></html>`);
      return;
    }
    const queued = article.servedNext?.shift();
    if (queued) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(render(path, queued, hit));
      return;
    }
    if (article.etag !== undefined && request.headers['if-none-match'] === article.etag) {
      response.writeHead(304, { etag: article.etag }).end();
      return;
    }
    if (article.wall) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(wallPage(article.wall));
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(article.etag !== undefined ? { etag: article.etag } : {}) })
      .end(render(path, article, hit));
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    publish: (path, article) => articles.set(path, structuredClone(article)),
    serveRaw: (path, contentType, body) => raw.set(path, { contentType, body }),
    edit: (path, change) => {
      const current = articles.get(path);
      if (!current) throw new Error(`newsroom has no article at ${path}`);
      articles.set(path, typeof change === 'function' ? change(structuredClone(current)) : { ...current, ...change });
    },
    requests: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A realistic article to start from: the NPR story of the seeds, in six paragraphs. */
export function sampleArticle(): NewsroomArticle {
  return {
    title: 'U.S. And Russia Agree On Plan To Coordinate Airstrikes In Syria',
    byline: 'By Michele Kelemen',
    publishedAt: '2016-07-15T21:00:00Z',
    paragraphs: [
      'Secretary of State John Kerry says the U.S. and Russia have agreed on concrete steps to restore a cessation of hostilities in Syria and to coordinate in the fight against extremist groups.',
      'Kerry spoke to reporters in Moscow after hours of talks with Russian President Vladimir Putin and Foreign Minister Sergei Lavrov, which ran past midnight.',
      '"These are not steps based on trust," Kerry said. "They are steps that lay out a specific sequence of responsibilities that must be met."',
      'The plan would see the two countries share intelligence on targets belonging to the Nusra Front, an al-Qaida affiliate, and the Islamic State group.',
      'Critics say the deal rewards Russia for its military support of Syrian President Bashar Assad, whose forces have killed tens of thousands of civilians since 2011.',
      'Lavrov said both sides would work to ensure that humanitarian aid reaches 18 besieged areas, where an estimated 590,000 people live.',
    ],
  };
}
