// GET /diff?url=U&from=N&to=M — two versions side by side: deleted words
// struck through on the left, inserted words highlighted on the right, moved
// paragraphs labelled.
import { type DiffRow, type Segment, sideOf } from '../../domain/diff/view';
import type { ArticleStore } from '../../ports';
import { type DiffModel, loadDiff } from '../../service/article-history';
import { externalLink, html, type SafeHtml } from '../html';
import { changeLabels } from '../labels';
import { renderPage } from '../layout';
import { articleUrlParam, versionParam } from '../request-params';
import { formatUtc, timeLater } from '../relative-time';
import { articlePath, diffPath, feedPath } from '../../domain/site-links';

export interface DiffPageModel extends DiffModel {
  siteName: string;
}

function beforeWords(words: readonly Segment[]): SafeHtml {
  return html`${sideOf(words, 'before').map((word) => (word.op === 'removed' ? html`<del>${word.text}</del>` : html`${word.text}`))}`;
}

function afterWords(words: readonly Segment[]): SafeHtml {
  return html`${sideOf(words, 'after').map((word) => (word.op === 'added' ? html`<ins>${word.text}</ins>` : html`${word.text}`))}`;
}

function movedLabel(text: string): SafeHtml {
  return html`<span class="label kind" data-kind="paragraph-moved">${text}</span> `;
}

/**
 * A move shows in both columns: at its old place on the left ("moved to") and at its new
 * place on the right ("moved from"), with any edit made on the way marked on the right.
 */
function renderRow(row: DiffRow): SafeHtml {
  switch (row.kind) {
    case 'field':
      if (!row.changed) return html`<tr class="equal field"><th colspan="2">${row.name}: ${row.text}</th></tr>`;
      return html`<tr class="edited field"><td class="removed"><strong>${row.name}:</strong> ${beforeWords(row.words)}</td><td class="added"><strong>${row.name}:</strong> ${afterWords(row.words)}</td></tr>`;
    case 'equal':
      return html`<tr class="equal"><td>${row.before}</td><td>${row.after}</td></tr>`;
    case 'added':
      return html`<tr class="added"><td></td><td class="added"><ins>${row.text}</ins></td></tr>`;
    case 'removed':
      return html`<tr class="removed"><td class="removed"><del>${row.text}</del></td><td></td></tr>`;
    case 'edited':
      return html`<tr class="edited"><td class="removed">${beforeWords(row.words)}</td><td class="added">${afterWords(row.words)}</td></tr>`;
    case 'moved-away':
      return html`<tr class="moved"><td class="removed">${movedLabel(`moved to paragraph ${row.movedTo}`)}${row.text}</td><td></td></tr>`;
    case 'moved-here':
      return html`<tr class="moved"><td></td><td class="added">${movedLabel(`moved from paragraph ${row.movedFrom}`)}${afterWords(row.words)}</td></tr>`;
  }
}

function inlineWords(words: readonly Segment[]): SafeHtml {
  return html`${words.map((word) => (word.op === 'removed' ? html`<del>${word.text}</del>` : word.op === 'added' ? html`<ins>${word.text}</ins>` : html`${word.text}`))}`;
}

function plural(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}

/**
 * The same diff as one column, for narrow screens: edits inline, runs of unchanged paragraphs
 * folded behind a "N unchanged paragraphs" toggle (a <details>, so it needs no script).
 */
function renderUnified(rows: readonly DiffRow[]): SafeHtml {
  const parts: SafeHtml[] = [];
  let unchanged: string[] = [];
  const flush = (): void => {
    if (unchanged.length === 0) return;
    parts.push(
      html`<details class="unchanged"><summary>${plural(unchanged.length, 'unchanged paragraph')}</summary>${unchanged.map((text) => html`<p>${text}</p>`)}</details>`,
    );
    unchanged = [];
  };
  for (const row of rows) {
    if (row.kind === 'equal') {
      unchanged.push(row.after);
      continue;
    }
    flush();
    switch (row.kind) {
      case 'field':
        parts.push(
          row.changed
            ? html`<p class="edited field"><strong>${row.name}:</strong> ${inlineWords(row.words)}</p>`
            : html`<p class="field"><strong>${row.name}:</strong> ${row.text}</p>`,
        );
        break;
      case 'added':
        parts.push(html`<p class="added"><ins>${row.text}</ins></p>`);
        break;
      case 'removed':
        parts.push(html`<p class="removed"><del>${row.text}</del></p>`);
        break;
      case 'edited':
        parts.push(html`<p class="edited">${inlineWords(row.words)}</p>`);
        break;
      case 'moved-away':
        parts.push(html`<p class="moved small">${movedLabel(`paragraph ${row.paragraph} moved to paragraph ${row.movedTo}`)}</p>`);
        break;
      case 'moved-here':
        parts.push(html`<p class="moved">${movedLabel(`moved from paragraph ${row.movedFrom}`)}${inlineWords(row.words)}</p>`);
        break;
    }
  }
  flush();
  return html`<div class="unified">${parts}</div>`;
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
  const { head, from, to, view: diff, change } = model;
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
${diff.rows.map(renderRow)}
</tbody>
</table>
${renderUnified(diff.rows)}
${navigation(model)}`;
  return renderPage({
    siteName: model.siteName,
    title: `Changes to ${to.title || head.url}`,
    body,
    feedPath: feedPath('atom', { url: head.url }),
  });
}

export async function diffPage(store: ArticleStore, query: URLSearchParams, context: { siteName: string }): Promise<string> {
  const url = articleUrlParam(query);
  const from = versionParam(query, 'from') ?? undefined;
  const to = versionParam(query, 'to') ?? undefined;
  const model = await loadDiff(store, url, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  return renderDiffPage({ siteName: context.siteName, ...model });
}
