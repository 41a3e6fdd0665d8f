// GET /diff?url=U&from=N&to=M — two versions side by side: deleted words
// struck through on the left, inserted words highlighted on the right, moved
// paragraphs labelled.
import { diffArticles } from '../../domain/diff/index';
import type { ArticleDiff, DiffBlock, FieldChange, WordOp } from '../../domain/diff/types';
import type { ArticleHead, ChangeRecord, VersionRecord } from '../../domain/types';
import { ArticleNotFoundError, InvalidInputError, VersionNotFoundError } from '../../errors';
import type { ArticleStore } from '../../ports';
import { externalLink, html, type SafeHtml } from '../html';
import { changeLabels } from '../labels';
import { renderPage } from '../layout';
import { articleUrlParam, versionParam } from '../request-params';
import { formatUtc, timeLater } from '../relative-time';
import { articlePath, diffPath, feedPath } from '../../domain/site-links';

export interface DiffPageModel {
  siteName: string;
  head: ArticleHead;
  from: VersionRecord;
  to: VersionRecord;
  diff: ArticleDiff;
  /** The recorded change between exactly these two versions, if there is one. */
  change: ChangeRecord | null;
}

/** A version's body as the diff sees it: paragraphs are separated by blank lines. */
export function paragraphsOf(text: string): string[] {
  return text.split('\n\n').filter((paragraph) => paragraph.trim() !== '');
}

function beforeWords(words: readonly WordOp[]): SafeHtml {
  return html`${words.filter((word) => word.op !== 'added').map((word) => (word.op === 'removed' ? html`<del>${word.text}</del>` : html`${word.text}`))}`;
}

function afterWords(words: readonly WordOp[]): SafeHtml {
  return html`${words.filter((word) => word.op !== 'removed').map((word) => (word.op === 'added' ? html`<ins>${word.text}</ins>` : html`${word.text}`))}`;
}

function paragraphNumber(index: number | null | undefined): string {
  return index === null || index === undefined ? '?' : String(index + 1);
}

function movedLabel(text: string): SafeHtml {
  return html`<span class="label kind" data-kind="paragraph-moved">${text}</span> `;
}

/**
 * A move shows in both columns: at its old place on the left ("moved to") and at its new
 * place on the right ("moved from"), with any edit made on the way marked on the right.
 */
function renderMovedBlock(block: DiffBlock): SafeHtml {
  const hasBefore = block.before !== null;
  const hasAfter = block.after !== null;
  const left = hasBefore
    ? html`<td class="removed">${movedLabel(`moved to paragraph ${paragraphNumber(block.movedTo ?? block.afterIndex)}`)}${
        hasAfter && block.words ? beforeWords(block.words) : block.before
      }</td>`
    : html`<td></td>`;
  const right = hasAfter
    ? html`<td class="added">${movedLabel(`moved from paragraph ${paragraphNumber(block.movedFrom ?? block.beforeIndex)}`)}${
        block.words ? afterWords(block.words) : block.after
      }</td>`
    : html`<td></td>`;
  return html`<tr class="moved">${left}${right}</tr>`;
}

function renderBlock(block: DiffBlock): SafeHtml {
  switch (block.type) {
    case 'equal':
      return html`<tr class="equal"><td>${block.before}</td><td>${block.after}</td></tr>`;
    case 'added':
      return html`<tr class="added"><td></td><td class="added"><ins>${block.after}</ins></td></tr>`;
    case 'removed':
      return html`<tr class="removed"><td class="removed"><del>${block.before}</del></td><td></td></tr>`;
    case 'edited':
      return html`<tr class="edited"><td class="removed">${block.words ? beforeWords(block.words) : html`<del>${block.before}</del>`}</td><td class="added">${
        block.words ? afterWords(block.words) : html`<ins>${block.after}</ins>`
      }</td></tr>`;
    case 'moved':
      return renderMovedBlock(block);
  }
}

function renderField(name: string, unchanged: string, after: string, change: FieldChange | null): SafeHtml {
  if (change === null) return html`<tr class="equal field"><th colspan="2">${name}: ${unchanged === after ? unchanged : after}</th></tr>`;
  return html`<tr class="edited field"><td class="removed"><strong>${name}:</strong> ${beforeWords(change.words)}</td><td class="added"><strong>${name}:</strong> ${afterWords(change.words)}</td></tr>`;
}

function navigation(model: DiffPageModel): SafeHtml {
  const { head, from, to } = model;
  const earlier = Math.min(from.version, to.version);
  const later = Math.max(from.version, to.version);
  const previous = earlier > 0 ? html`<a href="${diffPath(head.url, earlier - 1, earlier)}">Previous change</a>` : null;
  const next = later < head.versionCount - 1 ? html`<a href="${diffPath(head.url, later, later + 1)}">Next change</a>` : null;
  return html`<p class="nav">${previous ?? html`<span class="small">Previous change</span>`} · <a href="${articlePath(head.url)}">All versions</a> · ${
    next ?? html`<span class="small">Next change</span>`
  }</p>`;
}

export function renderDiffPage(model: DiffPageModel): string {
  const { head, from, to, diff, change } = model;
  const body = html`<h1>${to.title || head.url}</h1>
<p class="meta">${externalLink(head.url)}</p>
${change !== null ? html`<p>${changeLabels(change)} ${change.summary}</p>` : null}
${navigation(model)}
${diff.coarse ? html`<p class="small">This diff is coarse: the versions differ so much that some passages are shown as whole-sentence or whole-paragraph replacements rather than word by word.</p>` : null}
<p class="small">${diff.charsAdded} characters added, ${diff.charsRemoved} removed.</p>
<table class="diff">
<thead><tr><th>Version ${from.version}<br><span class="small">${formatUtc(from.capturedAt)}</span></th><th>Version ${to.version}<br><span class="small">${formatUtc(to.capturedAt)} (${timeLater(
    from.capturedAt,
    to.capturedAt,
  )})</span></th></tr></thead>
<tbody>
${renderField('Headline', from.title, to.title, diff.title)}
${renderField('Byline', from.byline, to.byline, diff.byline)}
${diff.blocks.map(renderBlock)}
</tbody>
</table>
${navigation(model)}`;
  return renderPage({
    siteName: model.siteName,
    title: `Changes to ${to.title || head.url}`,
    body,
    feedPath: feedPath('atom', { url: head.url }),
  });
}

async function loadVersion(store: ArticleStore, url: string, version: number): Promise<VersionRecord> {
  const record = await store.getVersion(url, version);
  if (record === null) throw new VersionNotFoundError(url, version);
  return record;
}

export async function diffPage(store: ArticleStore, query: URLSearchParams, context: { siteName: string }): Promise<string> {
  const url = articleUrlParam(query);
  const requestedFrom = versionParam(query, 'from');
  const requestedTo = versionParam(query, 'to');
  const head = await store.getArticle(url);
  if (head === null) throw new ArticleNotFoundError(url);
  if (head.versionCount === 0) throw new VersionNotFoundError(url, 0);
  const toVersion = requestedTo ?? head.versionCount - 1;
  const fromVersion = requestedFrom ?? toVersion - 1;
  if (fromVersion < 0) throw new InvalidInputError(`version ${toVersion} is the first version; there is nothing before it to compare with`);
  const [from, to] = await Promise.all([loadVersion(store, url, fromVersion), loadVersion(store, url, toVersion)]);
  const diff = diffArticles(
    { title: from.title, byline: from.byline, paragraphs: paragraphsOf(from.text) },
    { title: to.title, byline: to.byline, paragraphs: paragraphsOf(to.text) },
  );
  const changes = await store.recentChanges({ url, includeBoring: true, limit: 1000 });
  const change = changes.find((candidate) => candidate.from === fromVersion && candidate.to === toVersion) ?? null;
  return renderDiffPage({ siteName: context.siteName, head, from, to, diff, change });
}
