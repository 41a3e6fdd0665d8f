// A diff for the terminal: only what changed, words marked [-removed-] and
// {+added+} (coloured when the output is a terminal). It draws the same
// DiffView as the web page, so both say the same thing about every paragraph.
import type { DiffRow, DiffView, Segment } from '../domain/diff/view';

export interface TerminalStyle {
  removed(text: string): string;
  added(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TerminalStyle = {
  removed: (text) => `[-${text}-]`,
  added: (text) => `{+${text}+}`,
  dim: (text) => text,
};

export const colourStyle: TerminalStyle = {
  removed: (text) => `\x1b[31m[-${text}-]\x1b[0m`,
  added: (text) => `\x1b[32m{+${text}+}\x1b[0m`,
  dim: (text) => `\x1b[2m${text}\x1b[0m`,
};

/** Strips terminal control characters from text that came from a web page. */
export function safeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

function words(segments: readonly Segment[], style: TerminalStyle): string {
  return segments
    .map((segment) => {
      const text = safeForTerminal(segment.text);
      return segment.op === 'equal' ? text : segment.op === 'added' ? style.added(text) : style.removed(text);
    })
    .join('');
}

function rowLines(row: DiffRow, style: TerminalStyle): string[] {
  switch (row.kind) {
    case 'field':
      if (!row.changed) return [];
      return [`${row.name === 'Headline' ? 'Title' : row.name}: ${words(row.words, style)}`];
    case 'equal':
    // The old place of a moved paragraph says nothing its new place does not: the move is told once, where it landed.
    case 'moved-away':
      return [];
    case 'added':
      return [style.dim(`+ paragraph ${row.paragraph} added:`), `  ${style.added(safeForTerminal(row.text))}`];
    case 'removed':
      return [style.dim(`- paragraph ${row.paragraph} removed:`), `  ${style.removed(safeForTerminal(row.text))}`];
    case 'edited':
      return [style.dim(`~ paragraph ${row.paragraph} edited:`), `  ${words(row.words, style)}`];
    case 'moved-here':
      return [style.dim(`> paragraph ${row.movedFrom} moved to ${row.paragraph}${row.edited ? ' and edited' : ''}:`), `  ${words(row.words, style)}`];
  }
}

export function renderTerminalDiff(view: DiffView, style: TerminalStyle): string {
  const lines = view.rows.flatMap((row) => rowLines(row, style));
  if (lines.length === 0) lines.push('(no difference in title, byline or text)');
  if (view.coarse) lines.push(style.dim('(the versions differ so much that some passages are shown whole rather than word by word)'));
  lines.push(style.dim(`${view.charsAdded} characters added, ${view.charsRemoved} removed`));
  return lines.join('\n');
}
