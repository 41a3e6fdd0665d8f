// Word-level diff of two short texts (a title, a sentence, a paragraph),
// shaped for reading: changed words grouped into one removed and one added
// run, instead of a confetti of single-word swaps around shared spaces.
import { deadlineIn, type Deadline } from './deadline';
import { matchRanges } from './sequence';
import { isSpaceAt, TokenInterner, tokenText, type TokenizedText } from './token-store';
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
  // Made only once a sliver is found: ops from diffTokenized are compact already, and most have none.
  let result: WordOp[] | null = null;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (!op) continue;
    const between = op.op === 'equal' && k > 0 && k < ops.length - 1;
    if (between) {
      const trimmed = op.text.trim();
      const around = changedLength(ops, k - 1, -1) + changedLength(ops, k + 1, 1);
      if (trimmed.length === 0 || (trimmed.length <= 3 && around >= 4 * op.text.length)) {
        result ??= ops.slice(0, k);
        result.push({ op: 'removed', text: op.text }, { op: 'added', text: op.text });
        continue;
      }
    }
    result?.push(op);
  }
  return result ? compactOps(result) : ops;
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
 * right after a kept word. Matched token positions go to `keep` in order;
 * returns false when some stretch was left unmatched for lack of time.
 */
function matchTokens(before: TokenizedText, after: TokenizedText, deadline: Deadline, keep: (i: number, j: number) => void): boolean {
  const { wordPositions, wordIds, ids } = before.store;
  const words = matchRanges(wordIds, before.wordFrom, before.wordTo, wordIds, after.wordFrom, after.wordTo, deadline);
  let lastI = -1;
  let lastJ = -1;
  const keepSpace = (i: number, j: number): void => {
    const same =
      i > lastI &&
      j > lastJ &&
      i >= before.tokenFrom &&
      j >= after.tokenFrom &&
      i < before.tokenTo &&
      j < after.tokenTo &&
      ids[i] === ids[j] &&
      isSpaceAt(before, i);
    if (!same) return;
    keep(i, j);
    lastI = i;
    lastJ = j;
  };
  for (let k = 0; k < words.matchedA.length; k++) {
    const i = wordPositions[words.matchedA[k] ?? 0] ?? 0;
    const j = wordPositions[words.matchedB[k] ?? 0] ?? 0;
    keepSpace(i - 1, j - 1);
    keep(i, j);
    lastI = i;
    lastJ = j;
    keepSpace(i + 1, j + 1);
  }
  return words.complete;
}

/** Word diff of two texts already tokenized by one interner. */
export function diffTokenized(before: TokenizedText, after: TokenizedText, deadline: Deadline): TokenDiff {
  if (before.text === after.text) return { ops: before.text ? [{ op: 'equal', text: before.text }] : [], coarse: false };
  if (deadline.expired()) return { ops: coarseOps(before.text, after.text), coarse: true };
  // Ops come out already compact: each run of matched tokens is one equal op, each gap one removed and one added op.
  const ops: WordOp[] = [];
  let i = before.tokenFrom;
  let j = after.tokenFrom;
  let equalFrom = i;
  const closeEqualRun = (to: number): void => {
    if (equalFrom < to) ops.push({ op: 'equal', text: tokenText(before, equalFrom, to) });
  };
  const reach = (matchA: number, matchB: number): void => {
    if (i < matchA || j < matchB) {
      closeEqualRun(i);
      if (i < matchA) ops.push({ op: 'removed', text: tokenText(before, i, matchA) });
      if (j < matchB) ops.push({ op: 'added', text: tokenText(after, j, matchB) });
      equalFrom = matchA;
    }
    i = matchA + 1;
    j = matchB + 1;
  };
  const complete = matchTokens(before, after, deadline, reach);
  reach(before.tokenTo, after.tokenTo);
  closeEqualRun(before.tokenTo);
  return { ops: absorbSlivers(ops), coarse: !complete };
}

export function diffTokens(before: string, after: string, deadline: Deadline): TokenDiff {
  const interner = new TokenInterner(before.length + after.length);
  return diffTokenized(interner.tokenized(before), interner.tokenized(after), deadline);
}

/** Word diff of two texts within `budgetMs`; past the budget the rest is one replace. */
export function diffWordsBounded(before: string, after: string, budgetMs: number): WordOp[] {
  return diffTokens(before, after, deadlineIn(budgetMs)).ops;
}

/** The text on one side of a word diff. */
export function sideOf(ops: readonly WordOp[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'added' : 'removed';
  return ops
    .filter((op) => op.op !== skip)
    .map((op) => op.text)
    .join('');
}
