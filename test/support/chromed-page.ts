// An article page as sites serve it: the story in its box, and chrome around it that changes on
// every request (a promo, a clock, a CSRF token, an ad slot, a ticker). For the page signature tests.

export const PARAGRAPHS = [
  'The city council approved the budget on Tuesday by a vote of seven to two, after a debate that ran past midnight.',
  'The mayor said the plan would add 40 officers and repave 120 miles of road over the next three years.',
  '"We listened to every neighbourhood," the council president said. "This is the budget they asked for."',
  'Opponents said the plan leans on a property tax increase that would cost the typical household $180 a year.',
];

export interface PageParts {
  title?: string;
  byline?: string;
  paragraphs?: string[];
  canonical?: string;
  /** Which request this is: the chrome outside the story's box differs for each. */
  tick?: number;
  /** A second <h1>, outside the story. */
  extraHeadline?: string;
}

export function chromedPage(url: string, parts: PageParts = {}): string {
  const title = parts.title ?? 'Council approves the budget after a long night';
  const tick = parts.tick ?? 1;
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: title });
  return `<!doctype html><html lang="en"><head><title>${title} | City News</title>
<meta name="csrf-token" content="token-${tick}"><meta property="og:title" content="${title}">
<link rel="canonical" href="${parts.canonical ?? url}">
<script type="application/ld+json">${jsonLd}</script><script>window.t=${tick}</script></head>
<body><div class="promo">Trending now: story ${tick % 13}</div>
<header class="site"><a href="/">City News</a> <span class="clock">Updated ${tick} seconds ago</span></header>
${parts.extraHeadline ? `<div class="teaser"><h1>${parts.extraHeadline}</h1></div>` : ''}
<div class="page"><div class="story-wrap"><h1 class="headline">${title}</h1><p class="byline">By ${parts.byline ?? 'Dana Reyes'}</p>
<div class="story-body">${(parts.paragraphs ?? PARAGRAPHS).map((p) => `<p>${p}</p>`).join('\n')}</div></div></div>
<aside class="ad-slot" data-ad="${tick}">Sponsored offer ${tick}</aside><div class="ticker">${new Date(tick * 1000).toISOString()}</div></body></html>`;
}
