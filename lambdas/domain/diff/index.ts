// The diff between two versions of an article: headline and byline word by
// word, body paragraph by paragraph, all within one time budget.
import { deadlineIn, type Deadline } from './deadline';
import { alignParagraphs } from './paragraphs';
import type { ArticleDiff, DiffBlock, DiffSide, FieldChange, WordOp } from './types';
import { diffTokens } from './words';

export { diffWordsBounded } from './words';

/**
 * Real article pairs diff in a few milliseconds; the budget exists only to stop a pathological pair.
 * It sits far above what a loaded machine (GC pauses, other processes on the cores) adds to an
 * ordinary diff: at 50 ms, a busy laptop sometimes recorded the same small edit as a whole
 * paragraph replaced, so the record of an edit depended on the machine's load.
 */
const DEFAULT_DIFF_BUDGET_MS = 500;

function fieldChange(before: string, after: string, deadline: Deadline): { change: FieldChange | null; coarse: boolean } {
  if (before === after) return { change: null, coarse: false };
  const diff = diffTokens(before, after, deadline);
  return { change: { before, after, words: diff.ops }, coarse: diff.coarse };
}

function changedChars(words: readonly WordOp[], op: 'added' | 'removed'): number {
  return words.reduce((sum, word) => sum + (word.op === op ? word.text.length : 0), 0);
}

function blockChars(block: DiffBlock, op: 'added' | 'removed'): number {
  if (block.words) return changedChars(block.words, op);
  if (block.type === 'added' && op === 'added') return block.after?.length ?? 0;
  if (block.type === 'removed' && op === 'removed') return block.before?.length ?? 0;
  return 0;
}

/**
 * Diffs two versions. Blocks are in reading order on both sides; pieces of one
 * paragraph that was merged or split appear as consecutive blocks sharing its index.
 * `charsAdded`/`charsRemoved` count changed text in the headline, byline and body.
 */
export function diffArticles(before: DiffSide, after: DiffSide, options?: { budgetMs?: number }): ArticleDiff {
  const deadline = deadlineIn(options?.budgetMs ?? DEFAULT_DIFF_BUDGET_MS);
  const title = fieldChange(before.title, after.title, deadline);
  const byline = fieldChange(before.byline, after.byline, deadline);
  const body = alignParagraphs(before.paragraphs, after.paragraphs, deadline);
  const fieldWords = [title.change?.words ?? [], byline.change?.words ?? []];
  const count = (op: 'added' | 'removed'): number =>
    fieldWords.reduce((sum, words) => sum + changedChars(words, op), 0) + body.blocks.reduce((sum, block) => sum + blockChars(block, op), 0);
  return {
    title: title.change,
    byline: byline.change,
    blocks: body.blocks,
    charsAdded: count('added'),
    charsRemoved: count('removed'),
    coarse: title.coarse || byline.coarse || body.coarse,
  };
}
