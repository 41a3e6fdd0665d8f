// A diff for the terminal: only what changed, words marked [-removed-] and
// {+added+} (coloured when the output is a terminal).
import type { ArticleDiff, WordOp } from '../domain/diff/types';

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

function words(ops: WordOp[], style: TerminalStyle): string {
  return ops
    .map((op) => {
      const text = safeForTerminal(op.text);
      return op.op === 'equal' ? text : op.op === 'added' ? style.added(text) : style.removed(text);
    })
    .join('');
}

export function renderTerminalDiff(diff: ArticleDiff, style: TerminalStyle): string {
  const lines: string[] = [];
  if (diff.title) lines.push(`Title: ${words(diff.title.words, style)}`);
  if (diff.byline) lines.push(`Byline: ${words(diff.byline.words, style)}`);
  for (const block of diff.blocks) {
    const position = `paragraph ${(block.afterIndex ?? block.beforeIndex ?? 0) + 1}`;
    switch (block.type) {
      case 'equal':
        break;
      case 'added':
        lines.push(style.dim(`+ ${position} added:`), `  ${style.added(safeForTerminal(block.after ?? ''))}`);
        break;
      case 'removed':
        lines.push(style.dim(`- ${position} removed:`), `  ${style.removed(safeForTerminal(block.before ?? ''))}`);
        break;
      case 'edited':
        lines.push(style.dim(`~ ${position} edited:`), `  ${block.words ? words(block.words, style) : safeForTerminal(block.after ?? '')}`);
        break;
      case 'moved':
        lines.push(
          style.dim(`> paragraph moved from ${(block.beforeIndex ?? 0) + 1} to ${(block.afterIndex ?? 0) + 1}:`),
          `  ${block.words ? words(block.words, style) : safeForTerminal(block.after ?? '')}`,
        );
        break;
    }
  }
  if (lines.length === 0) lines.push('(no difference in title, byline or text)');
  if (diff.coarse) lines.push(style.dim('(the versions differ so much that some passages are shown whole rather than word by word)'));
  lines.push(style.dim(`${diff.charsAdded} characters added, ${diff.charsRemoved} removed`));
  return lines.join('\n');
}
