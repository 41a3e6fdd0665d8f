// GET / — the latest changes across every watched article, newest first, with
// the reader's kind/stealth/boring/source filters.
import { CHANGE_KINDS, type ChangeRecord } from '../../domain/types';
import type { ArticleStore, ChangeQuery } from '../../ports';
import { renderExcerpts } from '../change-excerpts';
import { externalLink, html, type SafeHtml } from '../html';
import { changeLabels, kindName } from '../labels';
import { renderPage } from '../layout';
import { changeQueryParams, changeQueryToParams, olderPage } from '../request-params';
import { changePage } from '../../service/change-page';
import { formatUtc, timeAgo } from '../relative-time';
import { articlePath, diffPath, feedPath } from '../../domain/site-links';
import { recordsUrl } from '../../service/article-history';

const RECENT_CHANGES_LIMIT = 50;

interface RecentChangesModel {
  siteName: string;
  now: Date;
  filters: ChangeQuery;
  changes: ChangeRecord[];
  /** True when older changes match the same filters (the page links to them). */
  more: boolean;
}

function diffLink(change: ChangeRecord): SafeHtml | null {
  // Status changes (removed, restored, url-changed) have no second version to compare.
  if (change.from === change.to) return null;
  return html`<a href="${diffPath(change.url, change.from, change.to)}">compare version ${change.from} with ${change.to}</a>`;
}

/** One change as a list item; shared by every page that lists changes. */
export function renderChangeItem(change: ChangeRecord, now: Date, options: { showArticle: boolean }): SafeHtml {
  return html`<li class="change">
${options.showArticle ? html`<a class="article" href="${articlePath(change.url)}">${change.title || change.url}</a> ` : null}${changeLabels(change)}
<div class="summary">${change.summary}</div>
${change.newUrl !== undefined ? html`<div class="small">Now at ${externalLink(change.newUrl)}</div>` : null}
${renderExcerpts(change.excerpts)}
<div class="meta">${options.showArticle ? html`${change.source} · ` : null}<time datetime="${change.detectedAt}" title="${formatUtc(change.detectedAt)}">${timeAgo(change.detectedAt, now)}</time>${
    diffLink(change) ? html` · ${diffLink(change)}` : null
  }</div>
</li>`;
}

function renderFilterForm(filters: ChangeQuery): SafeHtml {
  const selectedKind = filters.kinds?.length === 1 ? filters.kinds[0] : undefined;
  return html`<form class="filters" method="get" action="/">
${filters.source !== undefined ? html`<input type="hidden" name="source" value="${filters.source}">` : null}
${filters.url !== undefined ? html`<input type="hidden" name="url" value="${filters.url}">` : null}
<label>Kind <select name="kind"><option value="">any</option>${CHANGE_KINDS.map(
    (kind) => html`<option value="${kind}"${kind === selectedKind ? html` selected` : null}>${kindName(kind)}</option>`,
  )}</select></label>
<label><input type="checkbox" name="stealth" value="1"${filters.stealthOnly ? html` checked` : null}> stealth edits only</label>
<label><input type="checkbox" name="boring" value="1"${filters.includeBoring ? html` checked` : null}> include boring changes</label>
<button type="submit">Filter</button>
</form>`;
}

function renderRecentChanges(model: RecentChangesModel): string {
  const feedParams = changeQueryToParams(model.filters);
  const olderLink = olderPage('/', model.filters, model);
  const heading = model.filters.source !== undefined ? html`Recent changes in ${model.filters.source}` : html`Recent changes`;
  const body = html`<h1>${heading}</h1>
${renderFilterForm(model.filters)}
<p class="small">Feeds of these changes: <a href="${feedPath('atom', feedParams)}">Atom</a> · <a href="${feedPath('rss', feedParams)}">RSS</a> · <a href="${feedPath('json', feedParams)}">JSON Feed</a></p>
${
  model.changes.length === 0
    ? html`<p>No changes match yet.</p>
<p class="small">Watched articles are re-checked on a schedule (every 15 minutes while fresh, less often as they age). To watch one, run <code>npx monitor watch &lt;url&gt;</code>, use the <a href="/manage">manage page</a>, or <code>POST /api/watch</code> with the API token.</p>`
    : html`<ol class="changes">${model.changes.map((change) => renderChangeItem(change, model.now, { showArticle: true }))}</ol>`
}
${olderLink !== null ? html`<p><a href="${olderLink}">Older changes</a></p>` : null}`;
  return renderPage({
    siteName: model.siteName,
    title: model.filters.source !== undefined ? `Recent changes in ${model.filters.source}` : 'Recent changes',
    body,
    feedPath: feedPath('atom', feedParams),
  });
}

export async function recentChangesPage(store: ArticleStore, query: URLSearchParams, context: { siteName: string; now: Date }): Promise<string> {
  const filters = changeQueryParams(query, { defaultLimit: RECENT_CHANGES_LIMIT, maxLimit: 500 });
  if (filters.url !== undefined) filters.url = await recordsUrl(store, filters.url);
  return renderRecentChanges({ ...context, filters, ...(await changePage(store, filters)) });
}
