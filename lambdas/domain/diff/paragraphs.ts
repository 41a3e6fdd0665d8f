// Paragraph alignment for a side-by-side view: identical paragraphs in order
// are anchors, identical or near-identical paragraphs out of order are moves,
// and what lies between anchors is aligned sentence by sentence (gap.ts).
// Blocks come out so that each column, read top to bottom, is its version.
import type { Deadline } from './deadline';
import { alignGap, type GapParagraph } from './gap';
import { idsOfTexts, matchSequences } from './sequence';
import { contentWords, dice } from './similarity';
import type { DiffBlock } from './types';
import { diffTokens } from './words';

export interface ParagraphAlignment {
  blocks: DiffBlock[];
  coarse: boolean;
}

const MOVE_SIMILARITY = 0.6;
const MIN_WORDS_FOR_FUZZY_MOVE = 4;
const MAX_FUZZY_MOVE_COMPARISONS = 40_000;

interface Unit {
  blocks: DiffBlock[];
  firstBefore: number;
  firstAfter: number;
}

export function alignParagraphs(before: readonly string[], after: readonly string[], deadline: Deadline): ParagraphAlignment {
  let coarse = false;
  const units: Unit[] = [];
  const matchedBefore = new Int32Array(before.length).fill(-1);
  const matchedAfter = new Int32Array(after.length).fill(-1);
  const ids = idsOfTexts(before, after);
  // Unchanged paragraphs are the cheapest, most telling anchors: find them even when time is short.
  const exact = matchSequences(ids.before, ids.after, deadline, 'unique-anchors-only');
  exact.matchedA.forEach((i, k) => {
    const j = exact.matchedB[k] ?? 0;
    matchedBefore[i] = j;
    matchedAfter[j] = i;
    units.push({ blocks: [{ type: 'equal', before: before[i] ?? '', after: after[j] ?? '', beforeIndex: i, afterIndex: j }], firstBefore: i, firstAfter: j });
  });

  // Blocks that stand alone in one column, emitted when that column reaches them.
  const soloBefore = new Map<number, DiffBlock>();
  const soloAfter = new Map<number, DiffBlock>();
  const moved = (i: number, j: number, edited: boolean): void => {
    const beforeText = before[i] ?? '';
    const afterText = after[j] ?? '';
    soloBefore.set(i, { type: 'moved', before: beforeText, after: null, beforeIndex: i, afterIndex: null, movedTo: j });
    const arrival: DiffBlock = { type: 'moved', before: null, after: afterText, beforeIndex: null, afterIndex: j, movedFrom: i };
    if (edited) {
      const diff = diffTokens(beforeText, afterText, deadline);
      if (diff.coarse) coarse = true;
      arrival.words = diff.ops;
    }
    soloAfter.set(j, arrival);
  };

  // Copies of one paragraph pair up first with first; a cursor per text keeps that linear however many copies there are.
  const unmatchedByText = new Map<string, { indices: number[]; next: number }>();
  before.forEach((text, i) => {
    if (matchedBefore[i] !== -1) return;
    const copies = unmatchedByText.get(text);
    if (copies) copies.indices.push(i);
    else unmatchedByText.set(text, { indices: [i], next: 0 });
  });
  after.forEach((text, j) => {
    if (matchedAfter[j] !== -1) return;
    const copies = unmatchedByText.get(text);
    const i = copies?.indices[copies.next];
    if (copies && i !== undefined) {
      copies.next++;
      moved(i, j, false);
    }
  });

  // Gaps: the unmatched, unmoved paragraphs between consecutive anchors.
  const gapOfBefore = new Int32Array(before.length).fill(-1);
  const gapOfAfter = new Int32Array(after.length).fill(-1);
  const anchors = [...matchedBefore.entries()].filter(([, j]) => j !== -1);
  let gapStartBefore = 0;
  let gapStartAfter = 0;
  const alignBetween = (gap: number, beforeEnd: number, afterEnd: number): void => {
    const gapBefore: GapParagraph[] = [];
    const gapAfter: GapParagraph[] = [];
    for (let i = gapStartBefore; i < beforeEnd; i++) {
      if (soloBefore.has(i)) continue;
      gapBefore.push({ index: i, text: before[i] ?? '' });
      gapOfBefore[i] = gap;
    }
    for (let j = gapStartAfter; j < afterEnd; j++) {
      if (soloAfter.has(j)) continue;
      gapAfter.push({ index: j, text: after[j] ?? '' });
      gapOfAfter[j] = gap;
    }
    if (gapBefore.length > 0 && gapAfter.length > 0) {
      const aligned = alignGap(gapBefore, gapAfter, deadline);
      if (aligned.coarse) coarse = true;
      for (const group of aligned.groups) units.push(group);
      for (const paragraph of gapBefore) if (aligned.linkedBefore.has(paragraph.index)) gapOfBefore[paragraph.index] = -1;
      for (const paragraph of gapAfter) if (aligned.linkedAfter.has(paragraph.index)) gapOfAfter[paragraph.index] = -1;
    }
  };
  anchors.forEach(([i, j], gap) => {
    alignBetween(gap, i, j);
    gapStartBefore = i + 1;
    gapStartAfter = j + 1;
  });
  alignBetween(anchors.length, before.length, after.length);

  // Whatever is still unlinked is wholly removed or added, unless a near copy sits in another gap: then it moved.
  const leftBefore = [...gapOfBefore.keys()].filter((i) => (gapOfBefore[i] ?? -1) !== -1);
  const leftAfter = [...gapOfAfter.keys()].filter((j) => (gapOfAfter[j] ?? -1) !== -1);
  const takenAfter = new Set<number>();
  const gapsLeft = new Set([...leftBefore.map((i) => gapOfBefore[i]), ...leftAfter.map((j) => gapOfAfter[j])]);
  const movePossible = leftBefore.length > 0 && leftAfter.length > 0 && gapsLeft.size > 1;
  if (movePossible && deadline.expired()) coarse = true;
  else if (movePossible && leftBefore.length * leftAfter.length <= MAX_FUZZY_MOVE_COMPARISONS) {
    const wordsAfter = new Map<number, Set<string>>();
    const wordsOfAfter = (j: number): Set<string> => {
      let words = wordsAfter.get(j);
      if (!words) {
        words = contentWords(after[j] ?? '');
        wordsAfter.set(j, words);
      }
      return words;
    };
    for (const i of leftBefore) {
      if (deadline.expired()) {
        coarse = true;
        break;
      }
      const words = contentWords(before[i] ?? '');
      if (words.size < MIN_WORDS_FOR_FUZZY_MOVE) continue;
      let bestJ = -1;
      let bestScore = MOVE_SIMILARITY;
      for (const j of leftAfter) {
        if (takenAfter.has(j) || gapOfAfter[j] === gapOfBefore[i]) continue;
        const candidate = wordsOfAfter(j);
        if (candidate.size < MIN_WORDS_FOR_FUZZY_MOVE) continue;
        const score = dice(words, candidate);
        if (score >= bestScore) {
          bestScore = score;
          bestJ = j;
        }
      }
      if (bestJ !== -1) {
        takenAfter.add(bestJ);
        moved(i, bestJ, true);
      }
    }
  }
  for (const i of leftBefore) {
    if (!soloBefore.has(i)) soloBefore.set(i, { type: 'removed', before: before[i] ?? '', after: null, beforeIndex: i, afterIndex: null });
  }
  for (const j of leftAfter) {
    if (!soloAfter.has(j)) soloAfter.set(j, { type: 'added', before: null, after: after[j] ?? '', beforeIndex: null, afterIndex: j });
  }

  const blocks: DiffBlock[] = [];
  let nextBefore = 0;
  let nextAfter = 0;
  const reachBefore = (index: number): void => {
    for (; nextBefore < index; nextBefore++) {
      const solo = soloBefore.get(nextBefore);
      if (solo) blocks.push(solo);
    }
  };
  const reachAfter = (index: number): void => {
    for (; nextAfter < index; nextAfter++) {
      const solo = soloAfter.get(nextAfter);
      if (solo) blocks.push(solo);
    }
  };
  units.sort((x, y) => x.firstBefore - y.firstBefore);
  for (const unit of units) {
    reachBefore(unit.firstBefore);
    reachAfter(unit.firstAfter);
    for (const block of unit.blocks) {
      if (block.beforeIndex !== null) reachBefore(block.beforeIndex);
      if (block.afterIndex !== null) reachAfter(block.afterIndex);
      blocks.push(block);
      if (block.beforeIndex !== null) nextBefore = Math.max(nextBefore, block.beforeIndex + 1);
      if (block.afterIndex !== null) nextAfter = Math.max(nextAfter, block.afterIndex + 1);
    }
  }
  reachBefore(before.length);
  reachAfter(after.length);
  return { blocks, coarse };
}
