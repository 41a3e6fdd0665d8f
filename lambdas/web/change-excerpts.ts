// The before/after snippets of a change, as pages show them: deleted text
// struck through, inserted text highlighted.
import type { ChangeExcerpt } from '../domain/types';
import { html, type SafeHtml } from './html';

export function renderExcerpts(excerpts: readonly ChangeExcerpt[], max = 3): SafeHtml {
  const shown = excerpts.slice(0, max);
  return html`${shown.map(
    (excerpt) =>
      html`<p class="excerpt">${excerpt.before ? html`<del>${excerpt.before}</del> ` : null}${excerpt.after ? html`<ins>${excerpt.after}</ins>` : null}</p>`,
  )}${excerpts.length > max ? html`<p class="small">and ${excerpts.length - max} more</p>` : null}`;
}
