// The before/after snippets of a change, as pages and feeds show them: one
// line per edit, unchanged words plain, only the edit marked, so a changed
// number or quote stands out instead of two near-identical paragraphs.
import { diffWordsBounded } from '../domain/diff/words';
import type { ChangeExcerpt } from '../domain/types';
import { html, type SafeHtml } from './html';

/** Snippets are short (at most 300 characters); this only guards against a pathological one, with room for a loaded machine. */
const EXCERPT_DIFF_BUDGET_MS = 25;

export interface ExcerptOptions {
  /**
   * Also spell the edit out in the text, "[-removed-]{+added+}", for readers that show HTML as
   * plain text (a feed in newsboat) and so lose what <del> and <ins> say.
   */
  textMarkers?: boolean;
}

function renderExcerpt(excerpt: ChangeExcerpt, options: ExcerptOptions): SafeHtml {
  const removed = (text: string): SafeHtml => (options.textMarkers ? html`<del>[-${text}-]</del>` : html`<del>${text}</del>`);
  const added = (text: string): SafeHtml => (options.textMarkers ? html`<ins>{+${text}+}</ins>` : html`<ins>${text}</ins>`);
  if (!excerpt.before || !excerpt.after) {
    return html`<p class="excerpt">${excerpt.before ? removed(excerpt.before) : null}${excerpt.after ? added(excerpt.after) : null}</p>`;
  }
  const ops = diffWordsBounded(excerpt.before, excerpt.after, EXCERPT_DIFF_BUDGET_MS);
  return html`<p class="excerpt">${ops.map((op) => (op.op === 'equal' ? html`${op.text}` : op.op === 'removed' ? removed(op.text) : added(op.text)))}</p>`;
}

export function renderExcerpts(excerpts: readonly ChangeExcerpt[], max = 3, options: ExcerptOptions = {}): SafeHtml {
  const shown = excerpts.slice(0, max);
  return html`${shown.map((excerpt) => renderExcerpt(excerpt, options))}${excerpts.length > max ? html`<p class="small">and ${excerpts.length - max} more</p>` : null}`;
}

/** The excerpts as plain text with "[-removed-]{+added+}" markers, one edit per line. */
export function excerptsAsText(excerpts: readonly ChangeExcerpt[], max = 3): string {
  return excerpts
    .slice(0, max)
    .map((excerpt) => {
      if (!excerpt.before || !excerpt.after) return `${excerpt.before ? `[-${excerpt.before}-]` : ''}${excerpt.after ? `{+${excerpt.after}+}` : ''}`;
      return diffWordsBounded(excerpt.before, excerpt.after, EXCERPT_DIFF_BUDGET_MS)
        .map((op) => (op.op === 'equal' ? op.text : op.op === 'removed' ? `[-${op.text}-]` : `{+${op.text}+}`))
        .join('');
    })
    .join('\n');
}
