// GET /article?url=U — one article's story, as NewsDiffs told it: where it is
// from, when it was first seen, how often and how lately it changed, whether it
// is still checked, and every version with links to compare them.
import type { ArticleHead, ChangeRecord, VariantRecord } from '../../domain/types';
import { isHeadlineTest } from '../../domain/variants';
import type { ArticleStore, VersionSummary } from '../../ports';
import { loadArticleHistory } from '../../service/article-history';
import { externalLink, html, type SafeHtml } from '../html';
import { articleStatusLabels } from '../labels';
import { renderPage } from '../layout';
import { articleUrlParam, includeBoringParam } from '../request-params';
import { formatUtc, timeAgo, timeLater } from '../relative-time';
import { renderChangeItem } from './recent-changes';
import { articlePath, diffPath, feedPath, versionJsonPath } from '../../domain/site-links';
import { articleActions } from './manage';

export interface ArticleHistoryModel {
  siteName: string;
  now: Date;
  head: ArticleHead;
  /** Oldest first. */
  versions: VersionSummary[];
  /** Newest first. */
  changes: ChangeRecord[];
  /** Suppressed alternating texts, first seen first (absent: none). */
  variants?: VariantRecord[];
  includeBoring: boolean;
  /** The reader is signed in to manage articles: show the pause/unwatch buttons. */
  manage?: boolean;
}

function checkingSentence(head: ArticleHead, now: Date): SafeHtml {
  if (head.unwatchedAt !== null) {
    return html`It is no longer watched (unwatched <time datetime="${head.unwatchedAt}" title="${formatUtc(head.unwatchedAt)}">${timeAgo(head.unwatchedAt, now)}</time>); its history is kept here.`;
  }
  if (head.pausedAt !== null) {
    return html`It is paused (since <time datetime="${head.pausedAt}" title="${formatUtc(head.pausedAt)}">${timeAgo(head.pausedAt, now)}</time>): not checked until it is resumed.`;
  }
  if (head.status === 'retired' || head.nextCheckAt === null) return html`It won't be checked again for changes.`;
  const when = Date.parse(head.nextCheckAt) <= now.getTime() ? 'soon' : timeAgo(head.nextCheckAt, now);
  if (head.status === 'removed') return html`It has gone from its source; it is re-checked now and then (next ${when}) in case it returns.`;
  return html`It is still checked for changes (next ${when}).`;
}

/** A check that keeps failing must show: otherwise "still checked" reads as all is well. */
function lastErrorNote(head: ArticleHead, now: Date): SafeHtml | null {
  if (head.lastError === null) return null;
  const inARow = head.failureCount > 1 ? html` (${head.failureCount} failed checks in a row)` : null;
  const when =
    head.lastCheckedAt !== null
      ? html` <time datetime="${head.lastCheckedAt}" title="${formatUtc(head.lastCheckedAt)}">${timeAgo(head.lastCheckedAt, now)}</time>`
      : null;
  return html`<p class="last-error">The last check${when} failed${inARow}: ${head.lastError}</p>`;
}

/** When the newest listed change happened: a hidden boring change does not count as the article changing. */
function lastChangedSentence(lastChangedAt: string | null, now: Date): SafeHtml {
  if (lastChangedAt === null) return html`It has not changed since it was first seen.`;
  return html`It last changed <time datetime="${lastChangedAt}" title="${formatUtc(lastChangedAt)}">${timeAgo(lastChangedAt, now)}</time>.`;
}

function counted(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function renderVersionRows(head: ArticleHead, versions: VersionSummary[], now: Date): SafeHtml {
  let previous: VersionSummary | null = null;
  const rows: SafeHtml[] = [];
  for (const version of versions) {
    const gap = previous === null ? html`first seen` : html`${timeLater(previous.capturedAt, version.capturedAt)}`;
    const compare =
      previous === null ? null : html`<a href="${diffPath(head.url, previous.version, version.version)}">compare with version ${previous.version}</a>`;
    rows.push(html`<tr>
<td>Version ${version.version} <a class="small" href="${versionJsonPath(head.url, version.version)}">(text as JSON)</a>${
      version.boring ? html` <span class="label boring">boring</span>` : null
    }${
      version.rebaselined
        ? html` <span class="label rebaselined" title="Captured afresh because the extraction settings changed; not an edit">re-baselined</span>`
        : null
    }${head.currentVersion === version.version ? html` <span class="label">current</span>` : null}</td>
<td><time datetime="${version.capturedAt}" title="${formatUtc(version.capturedAt)}">${timeAgo(version.capturedAt, now)}</time><br><span class="small">(${gap})</span></td>
<td>${version.title}</td>
<td class="small">${version.chars} characters</td>
<td>${compare}</td>
</tr>`);
    previous = version;
  }
  return html`${rows}`;
}

/** One suppressed variant, as a reader auditing the newsroom wants it: both headlines, how often, since when. */
export function renderVariant(variant: VariantRecord, now: Date): SafeHtml {
  const since = html`<time datetime="${variant.firstSeenAt}" title="${formatUtc(variant.firstSeenAt)}">${timeAgo(variant.firstSeenAt, now)}</time>`;
  const seen = html`seen ${counted(variant.seenCount, 'time')} since ${since}`;
  const what = isHeadlineTest(variant)
    ? html`Headline test: “${variant.currentTitle}” / “${variant.title}”, ${seen}`
    : html`Rotating text under the same headline, ${seen}`;
  const last =
    variant.lastSeenAt !== variant.firstSeenAt
      ? html` <span class="small">(last <time datetime="${variant.lastSeenAt}" title="${formatUtc(variant.lastSeenAt)}">${timeAgo(variant.lastSeenAt, now)}</time>)</span>`
      : null;
  const excerpt = variant.excerpt !== '' ? html`<br><span class="small">Its text differs: <q>${variant.excerpt}</q></span>` : null;
  return html`<li>${what}${last}${excerpt}</li>`;
}

function renderVariants(variants: readonly VariantRecord[], now: Date): SafeHtml | null {
  if (variants.length === 0) return null;
  return html`<h2>Headline tests</h2>
<p class="small">The page alternated between its current version and these texts from one fetch to the next (an A/B test or a rotation). None of them is recorded as a version or a change.</p>
<ul class="variants">${variants.map((variant) => renderVariant(variant, now))}</ul>`;
}

export function renderArticleHistory(model: ArticleHistoryModel): string {
  const { head, now } = model;
  const versions = model.includeBoring ? model.versions : model.versions.filter((version) => !version.boring);
  const changes = model.includeBoring ? model.changes : model.changes.filter((change) => !change.boring);
  const hiddenVersions = model.versions.length - versions.length;
  const hiddenChanges = model.changes.length - changes.length;
  const latest = model.versions[model.versions.length - 1];
  const title = head.latestTitle ?? latest?.title ?? head.url;
  const firstSeen = latest?.publishedAt ?? head.firstSeenAt;
  const atomPath = feedPath('atom', { url: head.url });
  const toggleBoring = model.includeBoring
    ? html`<a href="${articlePath(head.url)}">hide boring versions and changes</a>`
    : hiddenVersions + hiddenChanges > 0
      ? html`${counted(hiddenVersions, 'boring version')} and ${counted(hiddenChanges, 'boring change')} hidden: <a href="${articlePath(head.url, { boring: true })}">show them</a>`
      : null;

  const body = html`<h1>${title}</h1>
<p>${articleStatusLabels(head)}</p>
${model.manage ? html`<p class="manage">${articleActions(head, 'article')}</p>` : null}
<p>This article is from the source <strong>${head.source}</strong> and was first published or seen on <time datetime="${firstSeen}">${formatUtc(firstSeen)}</time>. ${lastChangedSentence(changes[0]?.detectedAt ?? null, now)} ${checkingSentence(head, now)}</p>
<p>You can find the current article at its original source at ${externalLink(head.url)}.${
    head.currentUrl !== null && head.currentUrl !== head.url ? html` It has moved to ${externalLink(head.currentUrl)}.` : null
  }</p>
<p>The article has changed ${counted(changes.length, 'time')}. There is a <a href="${atomPath}">feed of its changes</a> (also as <a href="${feedPath('rss', { url: head.url })}">RSS</a> and <a href="${feedPath('json', { url: head.url })}">JSON Feed</a>).</p>
${lastErrorNote(head, now)}
${toggleBoring !== null ? html`<p class="small">${toggleBoring}</p>` : null}
${renderVariants(model.variants ?? [], now)}
<h2>Versions</h2>
${
  versions.length === 0
    ? html`<p>No version has been stored yet.</p>`
    : html`<table class="versions"><thead><tr><th>Version</th><th>Captured</th><th>Title</th><th>Size</th><th>Compare</th></tr></thead><tbody>${renderVersionRows(head, versions, now)}</tbody></table>`
}
<h2>Changes</h2>
${
  changes.length === 0
    ? html`<p>No changes recorded.</p>`
    : html`<ol class="changes">${changes.map((change) => renderChangeItem(change, now, { showArticle: false }))}</ol>`
}`;
  return renderPage({ siteName: model.siteName, title, body, feedPath: atomPath });
}

export async function articleHistoryPage(
  store: ArticleStore,
  query: URLSearchParams,
  context: { siteName: string; now: Date; manage?: boolean },
): Promise<string> {
  const url = articleUrlParam(query);
  const includeBoring = includeBoringParam(query);
  return renderArticleHistory({ ...context, ...(await loadArticleHistory(store, url)), includeBoring });
}
