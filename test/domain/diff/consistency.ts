// Checks that a diff is a faithful account of both versions: each column of
// the side-by-side view, read top to bottom, is that version, and every word
// diff rebuilds the texts it sits between.
import { expect } from 'vitest';
import type { ArticleDiff, DiffSide } from '../../../lambdas/domain/diff/types';
import { sideOf } from '../../../lambdas/domain/diff/words';

function column(diff: ArticleDiff, side: 'before' | 'after'): string[] {
  const indexKey = side === 'before' ? 'beforeIndex' : 'afterIndex';
  const paragraphs: string[] = [];
  let lastIndex: number | null = null;
  for (const block of diff.blocks) {
    const text = block[side];
    if (text === null) continue;
    // Consecutive pieces of one paragraph (a merge or split) share its index.
    if (block[indexKey] === lastIndex && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += text;
    else paragraphs.push(text);
    lastIndex = block[indexKey];
  }
  return paragraphs;
}

export function expectConsistent(before: DiffSide, after: DiffSide, diff: ArticleDiff): void {
  expect(column(diff, 'before')).toEqual(before.paragraphs);
  expect(column(diff, 'after')).toEqual(after.paragraphs);
  for (const block of diff.blocks) {
    if (!block.words) continue;
    const source = block.movedFrom !== undefined ? before.paragraphs[block.movedFrom] : block.before;
    expect(sideOf(block.words, 'before')).toBe(source);
    expect(sideOf(block.words, 'after')).toBe(block.after);
  }
  for (const field of ['title', 'byline'] as const) {
    const change = diff[field];
    if (change === null) expect(before[field]).toBe(after[field]);
    else {
      expect(sideOf(change.words, 'before')).toBe(before[field]);
      expect(sideOf(change.words, 'after')).toBe(after[field]);
    }
  }
}
