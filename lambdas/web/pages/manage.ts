// GET /manage — watching, pausing and unwatching from the browser. The page
// runs no script (the CSP forbids it): every action is a small form that posts
// to /manage/<action> and comes back here. Until the browser has signed in
// with the API token, the page shows only the sign-in form.
import { listStatus } from '../../domain/article-filter';
import { LIST_STATUSES } from '../../domain/article-filter';
import { articlePath, sitePath } from '../../domain/site-links';
import type { ArticleHead } from '../../domain/types';
import { html, type SafeHtml } from '../html';
import { articleStatusLabels } from '../labels';
import { renderPage } from '../layout';
import { timeAgo } from '../relative-time';
import { articleListToParams, type ArticleListParams } from '../request-params';

export const MANAGE_PATH = '/manage';

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What an action that came back here did; fixed words, never text from the request. */
export const NOTICES = {
  paused: 'Paused: it keeps its history and is not checked until resumed.',
  resumed: 'Resumed: it is checked again on its schedule.',
  unwatched: 'Unwatched: it is no longer checked or listed; its history is kept, and watching it again goes on with it.',
  'discovery-started': 'Discovery started: new articles from the configured sources appear here as they are found.',
  'discovery-running': 'Discovery is already running.',
} as const;
export type Notice = keyof typeof NOTICES;

export function isNotice(value: string): value is Notice {
  return Object.hasOwn(NOTICES, value);
}

export interface ManagePageModel {
  siteName: string;
  now: Date;
  /** A token is configured, so the pages may make changes at all. */
  enabled: boolean;
  signedIn: boolean;
  /** Discovery can be started from here. */
  discovery: boolean;
  list: { articles: ArticleHead[]; next: string | null; params: ArticleListParams } | null;
  notice?: { text: string; url?: string };
  /** Why the last attempt failed (a wrong token). */
  error?: string;
}

/** One action on one article, as a form of its own: a button, and the URL in a hidden field. */
function actionForm(action: 'pause' | 'resume' | 'unwatch' | 'watch', url: string, label: string, back?: 'article'): SafeHtml {
  return html`<form class="inline" method="post" action="${MANAGE_PATH}/${action}"><input type="hidden" name="url" value="${url}">${
    back ? html`<input type="hidden" name="back" value="${back}">` : null
  }<button type="submit">${label}</button></form>`;
}

/** The buttons that apply to an article in its state. */
export function articleActions(head: ArticleHead, back?: 'article'): SafeHtml {
  const state = listStatus(head);
  if (state === 'unwatched') return actionForm('watch', head.url, 'Watch again', back);
  return html`${state === 'paused' ? actionForm('resume', head.url, 'Resume', back) : actionForm('pause', head.url, 'Pause', back)} ${actionForm(
    'unwatch',
    head.url,
    'Unwatch',
    back,
  )}`;
}

function signInForm(model: ManagePageModel): SafeHtml {
  return html`${model.error ? html`<p class="error">${model.error}</p>` : null}
<form class="filters" method="post" action="${MANAGE_PATH}/sign-in">
<label>API token <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
<p class="small">The token is the one <code>POST /api/watch</code> takes: locally <code>MONITOR_API_TOKEN</code> or the one <code>monitor serve</code> keeps in <code>.data/api-token</code>. This browser keeps it in a cookie for 12 hours; sign out to forget it.</p>`;
}

function filterForm(params: ArticleListParams): SafeHtml {
  const selected = params.filter.status;
  return html`<form class="filters" method="get" action="${MANAGE_PATH}">
<label>State <select name="status"><option value="">watched (not unwatched)</option>${[...LIST_STATUSES, 'all' as const].map(
    (status) => html`<option value="${status}"${status === selected ? html` selected` : null}>${status}</option>`,
  )}</select></label>
<label>Source <input type="text" name="source" value="${params.filter.source ?? ''}" size="16"></label>
<label><input type="checkbox" name="flapping" value="1"${params.filter.flapping ? html` checked` : null}> flapping only</label>
<button type="submit">Show</button>
</form>`;
}

function articleRows(articles: ArticleHead[], now: Date): SafeHtml {
  return html`${articles.map(
    (head) => html`<tr>
<td>${articleStatusLabels(head)}</td>
<td><a href="${articlePath(head.url)}">${head.latestTitle || head.url}</a><br><span class="small url">${head.url}</span></td>
<td class="small">${counted(head.versionCount, 'version')}, ${counted(head.changeCount, 'change')}<br>${
      head.changeCount === 0 || head.lastChangedAt === null
        ? 'never changed'
        : html`changed <time datetime="${head.lastChangedAt}">${timeAgo(head.lastChangedAt, now)}</time>`
    }</td>
<td>${articleActions(head)}</td>
</tr>`,
  )}`;
}

function notice(model: ManagePageModel): SafeHtml | null {
  if (!model.notice) return null;
  return html`<p class="notice">${model.notice.text}${model.notice.url ? html` <span class="url">${model.notice.url}</span>` : null}</p>`;
}

export function renderManagePage(model: ManagePageModel): string {
  let body: SafeHtml;
  if (!model.enabled) {
    body = html`<h1>Manage watched articles</h1><p>Changes from the pages are off: this server has no API token configured.</p>`;
  } else if (!model.signedIn) {
    body = html`<h1>Manage watched articles</h1>${notice(model)}${signInForm(model)}`;
  } else {
    const list = model.list;
    body = html`<h1>Manage watched articles</h1>
${notice(model)}
<form class="filters" method="post" action="${MANAGE_PATH}/watch">
<label>Watch a URL <input type="url" name="url" required placeholder="https://"></label>
<button type="submit">Watch</button>
</form>
${model.discovery ? html`<form class="filters" method="post" action="${MANAGE_PATH}/discover"><button type="submit">Look for new articles in the sources now</button></form>` : null}
${list ? filterForm(list.params) : null}
${
  list === null || list.articles.length === 0
    ? html`<p>No watched article matches.</p>`
    : html`<table class="articles"><thead><tr><th>State</th><th>Article</th><th>History</th><th></th></tr></thead><tbody>${articleRows(list.articles, model.now)}</tbody></table>`
}
${list?.next ? html`<p><a href="${sitePath(MANAGE_PATH, { ...articleListToParams(list.params), after: list.next })}">More articles</a></p>` : null}
<form method="post" action="${MANAGE_PATH}/sign-out"><button type="submit">Sign out</button></form>`;
  }
  return renderPage({ siteName: model.siteName, title: 'Manage', body });
}
