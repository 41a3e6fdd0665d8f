// The page shell every HTML page shares: one small inline stylesheet, pinned by
// hash in the Content-Security-Policy so no other style or any script can run.
import { createHash } from 'node:crypto';
import { html, raw, type HtmlValue, type SafeHtml } from './html';
import { feedPath } from '../domain/site-links';

const STYLESHEET = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}
header.site{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:baseline;border-bottom:1px solid #ddd;padding:.5rem 0;margin-bottom:1rem}
header.site a{color:inherit;text-decoration:none}
header.site .name{font-weight:700}
h1{font-size:1.5rem;line-height:1.25}
a{color:#0645ad}
.meta,.small{color:#555;font-size:.875rem}
.label{display:inline-block;border-radius:.25rem;padding:0 .35rem;margin-right:.25rem;font-size:.75rem;background:#eee;color:#333}
.label.stealth{background:#b00020;color:#fff}
.label.boring{background:#f4f4f4;color:#595959}
.label.status-removed,.label.status-retired{background:#555;color:#fff}
.label.flapping{background:#f5a623;color:#000}
.label.status-paused,.label.status-unwatched{background:#1f4e8c;color:#fff}
.label.rebaselined{background:#e8eefc;color:#1f4e8c}
form.inline{display:inline;margin-right:.25rem}
.notice{background:#eef7ee;padding:.5rem}
.error{color:#b00020}
ol.changes{list-style:none;padding:0}
ol.changes li{border-bottom:1px solid #eee;padding:.5rem 0}
.excerpt{font-size:.875rem;margin:.25rem 0}
table{border-collapse:collapse;width:100%}
th,td{vertical-align:top;text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
table.diff td{width:50%}
table.diff tr.equal td{color:#444}
del{background:#fdd;text-decoration:line-through}
ins{background:#dfd;text-decoration:underline}
td.removed{background:#fff5f5}
td.added{background:#f5fff5}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0}
form.filters label{max-width:100%}
form.filters input[type=url],form.filters input[type=password]{width:32rem;max-width:100%;box-sizing:border-box}
footer{border-top:1px solid #ddd;margin-top:2rem;padding:.5rem 0}
.url{word-break:break-all}
.unified{display:none}
.unified p{margin:.5rem 0}
.unified .edited,.unified .added,.unified .removed,.unified .moved{border-left:3px solid #999;padding-left:.5rem}
details.unchanged{color:#444;margin:.5rem 0}
details.unchanged summary{cursor:pointer;color:#0645ad}
@media (max-width:48rem){
table.diff{display:none}
.unified{display:block}
table.versions thead{display:none}
table.versions,table.versions tbody,table.versions tr,table.versions td{display:block;width:auto}
table.versions tr{border-bottom:1px solid #ddd;padding:.5rem 0}
table.versions td{border:0;padding:0}
table.articles thead{display:none}
table.articles,table.articles tbody,table.articles tr,table.articles td{display:block;width:auto}
table.articles tr{border-bottom:1px solid #ddd;padding:.5rem 0}
table.articles td{border:0;padding:0}
}
`;

const STYLE_HASH = createHash('sha256').update(STYLESHEET).digest('base64');

/** No scripts, no frames, no plugins; only this site's stylesheet and form targets. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  siteName: string;
  title: string;
  body: HtmlValue;
  /** Alternate (feed) links for the head, e.g. the article's change feed. */
  feedPath?: string;
}

export function renderPage(options: PageOptions): string {
  const feedLink = options.feedPath ? html`<link rel="alternate" type="application/atom+xml" title="Changes" href="${options.feedPath}">` : null;
  const page: SafeHtml = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · ${options.siteName}</title>
${feedLink}
<style>${raw(STYLESHEET)}</style>
</head>
<body>
<header class="site"><a class="name" href="/">${options.siteName}</a><a href="/">Recent changes</a><a href="${feedPath('atom')}">Feed</a><a href="/manage">Manage</a></header>
<main>
${options.body}
</main>
<footer class="small">Every page shown here was fetched from someone else's site; its text is quoted, not endorsed.</footer>
</body>
</html>
`;
  return page.value;
}
