// The before/after snippets of a change, as pages and feeds show them: one
// line per edit, unchanged words plain, only the edit marked, so a changed
// number or quote stands out instead of two near-identical paragraphs.
import { diffWordsBounded } from '../domain/diff/words';
import type { ChangeExcerpt } from '../domain/types';
import { html, type SafeHtml } from './html';

/** Snippets are short; this only guards against a pathological one. */
const EXCERPT_DIFF_BUDGET_MS = 5;

function renderExcerpt(excerpt: ChangeExcerpt): SafeHtml {
  if (!excerpt.before || !excerpt.after) {
    return html`<p class="excerpt">${excerpt.before ? html`<del>${excerpt.before}</del>` : null}${excerpt.after ? html`<ins>${excerpt.after}</ins>` : null}</p>`;
  }
  const ops = diffWordsBounded(excerpt.before, excerpt.after, EXCERPT_DIFF_BUDGET_MS);
  return html`<p class="excerpt">${ops.map((op) =>
    op.op === 'equal' ? html`${op.text}` : op.op === 'removed' ? html`<del>${op.text}</del>` : html`<ins>${op.text}</ins>`,
  )}</p>`;
}

export function renderExcerpts(excerpts: readonly ChangeExcerpt[], max = 3): SafeHtml {
  const shown = excerpts.slice(0, max);
  return html`${shown.map(renderExcerpt)}${excerpts.length > max ? html`<p class="small">and ${excerpts.length - max} more</p>` : null}`;
}
