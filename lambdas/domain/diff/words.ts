// Word-level diff of two short texts (a title, a sentence, a paragraph),
// shaped for reading: changed words grouped into one removed and one added
// run, instead of a confetti of single-word swaps around shared spaces.
import { deadlineIn, type Deadline } from './deadline';
import { matchSequences, type SequenceMatch } from './sequence';
import { isSpaceToken, TokenInterner, type TokenizedText } from './tokens';
import type { WordOp } from './types';

export interface TokenDiff {
  ops: WordOp[];
  /** True when some stretch was replaced wholesale because the budget ran out. */
  coarse: boolean;
}

/** Joins neighbouring ops of one kind, and puts removed text before added text within each changed run. */
export function compactOps(ops: readonly WordOp[]): WordOp[] {
  const result: WordOp[] = [];
  let removed = '';
  let added = '';
  const flushChange = (): void => {
    if (removed) result.push({ op: 'removed', text: removed });
    if (added) result.push({ op: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const op of ops) {
    if (!op.text) continue;
    if (op.op === 'removed') removed += op.text;
    else if (op.op === 'added') added += op.text;
    else {
      flushChange();
      const last = result[result.length - 1];
      if (last?.op === 'equal') last.text += op.text;
      else result.push({ op: 'equal', text: op.text });
    }
  }
  flushChange();
  return result;
}

function changedLength(ops: readonly WordOp[], from: number, step: number): number {
  let length = 0;
  for (let k = from; k >= 0 && k < ops.length; k += step) {
    const op = ops[k];
    if (!op || op.op === 'equal') break;
    length = Math.max(length, op.text.length);
  }
  return length;
}

/**
 * A lone space or a tiny word ("a", "of") kept equal between two changes
 * splits one rewrite into many; fold it into the change so the rewrite reads whole.
 */
function absorbSlivers(ops: WordOp[]): WordOp[] {
  const result: WordOp[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (!op) continue;
    const between = op.op === 'equal' && k > 0 && k < ops.length - 1;
    if (between) {
      const trimmed = op.text.trim();
      const around = changedLength(ops, k - 1, -1) + changedLength(ops, k + 1, 1);
      if (trimmed.length === 0 || (trimmed.length <= 3 && around >= 4 * op.text.length)) {
        result.push({ op: 'removed', text: op.text }, { op: 'added', text: op.text });
        continue;
      }
    }
    result.push(op);
  }
  return compactOps(result);
}

export function coarseOps(before: string, after: string): WordOp[] {
  return compactOps([
    { op: 'removed', text: before },
    { op: 'added', text: after },
  ]);
}

/**
 * Matches words and punctuation only (a quarter of the work of matching every
 * space too), then keeps a space equal where both sides have the same space
 * right after a kept word.
 */
function matchTokens(before: TokenizedText, after: TokenizedText, deadline: Deadline): SequenceMatch {
  const positionsA = before.wordPositions;
  const positionsB = after.wordPositions;
  const words = matchSequences(before.wordIds, after.wordIds, deadline);
  const matchedA: number[] = [];
  const matchedB: number[] = [];
  let lastI = -1;
  let lastJ = -1;
  const keep = (i: number, j: number): void => {
    matchedA.push(i);
    matchedB.push(j);
    lastI = i;
    lastJ = j;
  };
  const sameSpace = (i: number, j: number): boolean =>
    i > lastI && j > lastJ && i < before.tokens.length && j < after.tokens.length && isSpaceToken(before.tokens[i] ?? '') && before.ids[i] === after.ids[j];
  for (let k = 0; k < words.matchedA.length; k++) {
    const i = positionsA[words.matchedA[k] ?? 0] ?? 0;
    const j = positionsB[words.matchedB[k] ?? 0] ?? 0;
    if (sameSpace(i - 1, j - 1)) keep(i - 1, j - 1);
    keep(i, j);
    if (sameSpace(i + 1, j + 1)) keep(i + 1, j + 1);
  }
  return { matchedA, matchedB, complete: words.complete };
}

/** Word diff of two texts already tokenized by one interner. */
export function diffTokenized(before: TokenizedText, after: TokenizedText, deadline: Deadline): TokenDiff {
  if (before.text === after.text) return { ops: before.text ? [{ op: 'equal', text: before.text }] : [], coarse: false };
  if (deadline.expired()) return { ops: coarseOps(before.text, after.text), coarse: true };
  const a = before.tokens;
  const b = after.tokens;
  const { matchedA, matchedB, complete } = matchTokens(before, after, deadline);
  const ops: WordOp[] = [];
  let i = 0;
  let j = 0;
  const emit = (matchA: number, matchB: number): void => {
    if (i < matchA) ops.push({ op: 'removed', text: a.slice(i, matchA).join('') });
    if (j < matchB) ops.push({ op: 'added', text: b.slice(j, matchB).join('') });
    if (matchA < a.length) ops.push({ op: 'equal', text: a[matchA] ?? '' });
    i = matchA + 1;
    j = matchB + 1;
  };
  for (let k = 0; k < matchedA.length; k++) emit(matchedA[k] ?? 0, matchedB[k] ?? 0);
  emit(a.length, b.length);
  return { ops: absorbSlivers(compactOps(ops)), coarse: !complete };
}

export function diffTokens(before: string, after: string, deadline: Deadline): TokenDiff {
  const interner = new TokenInterner();
  return diffTokenized(interner.tokenized(before), interner.tokenized(after), deadline);
}

/** Word diff of two texts within `budgetMs`; past the budget the rest is one replace. */
export function diffWordsBounded(before: string, after: string, budgetMs: number): WordOp[] {
  return diffTokens(before, after, deadlineIn(budgetMs)).ops;
}

/** The text on one side of a word diff. */
export function sideOf(ops: readonly WordOp[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'added' : 'removed';
  return ops.filter((op) => op.op !== skip).map((op) => op.text).join('');
}
