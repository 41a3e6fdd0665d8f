// Aligns the paragraphs between two exact anchors. Paragraphs are cut into
// sentences and sentences paired by shared words (an order-preserving chain
// of best pairs), so an edited paragraph meets its old self even when it was
// reworded, merged with its neighbour or split in two. Paragraphs linked by
// paired sentences form a group; a group of one paragraph each side is an
// edit, a larger group is shown piece by piece, cut where either side starts
// a new paragraph. Paragraphs with no paired sentence stay added or removed.
import type { Deadline } from './deadline';
import { splitSentences } from './sentences';
import { contentWordsOfTokens } from './similarity';
import { TokenInterner, type TokenizedText } from './tokens';
import type { DiffBlock, WordOp } from './types';
import { coarseOps, compactOps, diffTokenized } from './words';

export interface GapParagraph {
  /** Index in the whole version. */
  index: number;
  text: string;
}

export interface GapGroup {
  blocks: DiffBlock[];
  /** Smallest paragraph index on each side, to place the group among the anchors. */
  firstBefore: number;
  firstAfter: number;
}

export interface GapAlignment {
  groups: GapGroup[];
  /** Paragraph indices that belong to a group; the others are wholly added or removed. */
  linkedBefore: Set<number>;
  linkedAfter: Set<number>;
  coarse: boolean;
}

interface Unit {
  paragraph: number;
  text: string;
  tokenized: TokenizedText;
  words: string[];
}

const MIN_DICE = 0.25;
const MIN_CONTAINMENT = 0.6;
const MIN_SHARED_FOR_CONTAINMENT = 3;
const MAX_CANDIDATES_PER_UNIT = 64;

function unitsOf(paragraphs: readonly GapParagraph[], interner: TokenInterner): Unit[] {
  const units: Unit[] = [];
  paragraphs.forEach((paragraph, local) => {
    for (const sentence of splitSentences(paragraph.text)) {
      const tokenized = interner.tokenized(sentence);
      units.push({ paragraph: local, text: sentence, tokenized, words: [...contentWordsOfTokens(tokenized.tokens)] });
    }
  });
  return units;
}

interface Candidate {
  i: number;
  j: number;
  weight: number;
}

function candidatePairs(before: Unit[], after: Unit[]): Candidate[] {
  const postings = new Map<string, number[]>();
  after.forEach((unit, j) => {
    for (const word of unit.words) {
      const list = postings.get(word);
      if (list) list.push(j);
      else postings.set(word, [j]);
    }
  });
  const shared = new Int32Array(after.length);
  const touched = new Int32Array(after.length);
  const candidates: Candidate[] = [];
  for (let i = 0; i < before.length; i++) {
    const words = before[i]?.words ?? [];
    let touchedCount = 0;
    for (const word of words) {
      const list = postings.get(word);
      if (!list) continue;
      for (const j of list) {
        if (shared[j] === 0) touched[touchedCount++] = j;
        shared[j] = (shared[j] ?? 0) + 1;
      }
    }
    const firstOfMine = candidates.length;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t] ?? 0;
      const common = shared[j] ?? 0;
      shared[j] = 0;
      const sizeB = after[j]?.words.length ?? 0;
      const dice = (2 * common) / (words.length + sizeB);
      const containment = common / Math.min(words.length, sizeB);
      if (dice >= MIN_DICE || (containment >= MIN_CONTAINMENT && common >= MIN_SHARED_FOR_CONTAINMENT)) {
        candidates.push({ i, j, weight: dice + 0.5 * containment });
      }
    }
    if (candidates.length - firstOfMine > MAX_CANDIDATES_PER_UNIT) {
      const mine = candidates.splice(firstOfMine).sort((x, y) => y.weight - x.weight);
      candidates.push(...mine.slice(0, MAX_CANDIDATES_PER_UNIT));
    }
  }
  return candidates;
}

/** The heaviest set of pairs that keeps both sides in order (a Fenwick tree over after-positions gives the best chain ending before each). */
function heaviestChain(candidates: Candidate[], afterCount: number): Candidate[] {
  candidates.sort((x, y) => x.i - y.i || y.j - x.j);
  const treeValue = new Float64Array(afterCount + 1);
  const treeIndex = new Int32Array(afterCount + 1).fill(-1);
  const best = new Float64Array(candidates.length);
  const previous = new Int32Array(candidates.length).fill(-1);
  candidates.forEach((candidate, c) => {
    let value = 0;
    let from = -1;
    for (let k = candidate.j; k > 0; k -= k & -k) {
      if ((treeValue[k] ?? 0) > value) {
        value = treeValue[k] ?? 0;
        from = treeIndex[k] ?? -1;
      }
    }
    best[c] = value + candidate.weight;
    previous[c] = from;
    for (let k = candidate.j + 1; k <= afterCount; k += k & -k) {
      if ((best[c] ?? 0) > (treeValue[k] ?? 0)) {
        treeValue[k] = best[c] ?? 0;
        treeIndex[k] = c;
      }
    }
  });
  let end = -1;
  best.forEach((value, c) => {
    if (end < 0 || value > (best[end] ?? 0)) end = c;
  });
  const chain: Candidate[] = [];
  for (let c = end; c >= 0; c = previous[c] ?? -1) {
    const candidate = candidates[c];
    if (candidate) chain.push(candidate);
  }
  return chain.reverse();
}

interface Item {
  before?: number;
  after?: number;
  beforeText: string;
  afterText: string;
  ops: WordOp[];
}

function find(parent: Int32Array, node: number): number {
  let root = node;
  while ((parent[root] ?? root) !== root) root = parent[root] ?? root;
  while ((parent[node] ?? node) !== root) {
    const next = parent[node] ?? node;
    parent[node] = root;
    node = next;
  }
  return root;
}

function blockOf(items: Item[], beforeParagraphs: readonly GapParagraph[], afterParagraphs: readonly GapParagraph[]): DiffBlock {
  const before = items.map((item) => item.beforeText).join('');
  const after = items.map((item) => item.afterText).join('');
  const beforeLocal = items.find((item) => item.before !== undefined)?.before;
  const afterLocal = items.find((item) => item.after !== undefined)?.after;
  const beforeIndex = beforeLocal === undefined ? null : beforeParagraphs[beforeLocal]?.index ?? null;
  const afterIndex = afterLocal === undefined ? null : afterParagraphs[afterLocal]?.index ?? null;
  if (!after) return { type: 'removed', before, after: null, beforeIndex, afterIndex: null };
  if (!before) return { type: 'added', before: null, after, beforeIndex: null, afterIndex };
  if (before === after) return { type: 'equal', before, after, beforeIndex, afterIndex };
  return { type: 'edited', before, after, beforeIndex, afterIndex, words: compactOps(items.flatMap((item) => item.ops)) };
}

export function alignGap(before: readonly GapParagraph[], after: readonly GapParagraph[], deadline: Deadline): GapAlignment {
  const interner = new TokenInterner();
  const beforeUnits = unitsOf(before, interner);
  const afterUnits = unitsOf(after, interner);
  const chain = heaviestChain(candidatePairs(beforeUnits, afterUnits), afterUnits.length);
  let coarse = false;

  const wordDiff = (a: TokenizedText, b: TokenizedText): WordOp[] => {
    const diff = diffTokenized(a, b, deadline);
    if (diff.coarse) coarse = true;
    return diff.ops;
  };

  // A paragraph replaced in place by one unlike it still reads best as an edit of that slot.
  if (chain.length === 0) {
    const onlyBefore = before[0];
    const onlyAfter = after[0];
    if (before.length !== 1 || after.length !== 1 || !onlyBefore || !onlyAfter) {
      return { groups: [], linkedBefore: new Set(), linkedAfter: new Set(), coarse };
    }
    const words = deadline.expired() ? ((coarse = true), coarseOps(onlyBefore.text, onlyAfter.text)) : wordDiff(interner.tokenized(onlyBefore.text), interner.tokenized(onlyAfter.text));
    return {
      groups: [
        {
          blocks: [{ type: 'edited', before: onlyBefore.text, after: onlyAfter.text, beforeIndex: onlyBefore.index, afterIndex: onlyAfter.index, words }],
          firstBefore: onlyBefore.index,
          firstAfter: onlyAfter.index,
        },
      ],
      linkedBefore: new Set([onlyBefore.index]),
      linkedAfter: new Set([onlyAfter.index]),
      coarse,
    };
  }

  const parent = Int32Array.from({ length: before.length + after.length }, (_, k) => k);
  const linked = new Uint8Array(before.length + after.length);
  for (const pair of chain) {
    const a = beforeUnits[pair.i]?.paragraph ?? 0;
    const b = before.length + (afterUnits[pair.j]?.paragraph ?? 0);
    linked[a] = 1;
    linked[b] = 1;
    parent[find(parent, a)] = find(parent, b);
  }

  const items: Item[] = [];
  let nextBefore = 0;
  let nextAfter = 0;
  const unpairedUntil = (beforeEnd: number, afterEnd: number): void => {
    for (; nextBefore < beforeEnd; nextBefore++) {
      const unit = beforeUnits[nextBefore];
      if (unit) items.push({ before: unit.paragraph, beforeText: unit.text, afterText: '', ops: [{ op: 'removed', text: unit.text }] });
    }
    for (; nextAfter < afterEnd; nextAfter++) {
      const unit = afterUnits[nextAfter];
      if (unit) items.push({ after: unit.paragraph, beforeText: '', afterText: unit.text, ops: [{ op: 'added', text: unit.text }] });
    }
  };
  for (const pair of chain) {
    unpairedUntil(pair.i, pair.j);
    const a = beforeUnits[pair.i];
    const b = afterUnits[pair.j];
    if (!a || !b) continue;
    items.push({ before: a.paragraph, after: b.paragraph, beforeText: a.text, afterText: b.text, ops: wordDiff(a.tokenized, b.tokenized) });
    nextBefore = pair.i + 1;
    nextAfter = pair.j + 1;
  }
  unpairedUntil(beforeUnits.length, afterUnits.length);

  const itemsByGroup = new Map<number, Item[]>();
  for (const item of items) {
    const node = item.before !== undefined ? item.before : before.length + (item.after ?? 0);
    if (!linked[node]) continue;
    const root = find(parent, node);
    const list = itemsByGroup.get(root);
    if (list) list.push(item);
    else itemsByGroup.set(root, [item]);
  }

  const groups: GapGroup[] = [];
  for (const groupItems of itemsByGroup.values()) {
    const blocks: DiffBlock[] = [];
    let current: Item[] = [];
    let currentBefore: number | undefined;
    let currentAfter: number | undefined;
    for (const item of groupItems) {
      const conflicts =
        (item.before !== undefined && currentBefore !== undefined && item.before !== currentBefore) ||
        (item.after !== undefined && currentAfter !== undefined && item.after !== currentAfter);
      if (conflicts && current.length > 0) {
        blocks.push(blockOf(current, before, after));
        current = [];
        currentBefore = undefined;
        currentAfter = undefined;
      }
      current.push(item);
      currentBefore ??= item.before;
      currentAfter ??= item.after;
    }
    if (current.length > 0) blocks.push(blockOf(current, before, after));
    const beforeIndices = blocks.flatMap((block) => (block.beforeIndex === null ? [] : [block.beforeIndex]));
    const afterIndices = blocks.flatMap((block) => (block.afterIndex === null ? [] : [block.afterIndex]));
    groups.push({ blocks, firstBefore: Math.min(...beforeIndices), firstAfter: Math.min(...afterIndices) });
  }

  const linkedBefore = new Set<number>();
  const linkedAfter = new Set<number>();
  before.forEach((paragraph, local) => linked[local] && linkedBefore.add(paragraph.index));
  after.forEach((paragraph, local) => linked[before.length + local] && linkedAfter.add(paragraph.index));
  return { groups, linkedBefore, linkedAfter, coarse };
}
