// Aligns the paragraphs between two exact anchors. Paragraphs are cut into
// sentences and sentences paired by shared words (an order-preserving chain
// of best pairs), so an edited paragraph meets its old self even when it was
// reworded, merged with its neighbour or split in two. Paragraphs linked by
// paired sentences form a group; a group of one paragraph each side is an
// edit, a larger group is shown piece by piece, cut where either side starts
// a new paragraph. Paragraphs with no paired sentence stay added or removed.
// When the budget runs out before sentences are paired by their words, they
// are paired the cheap way instead (coarse-pairs.ts), and the gap says so.
import { pairByPosition } from './coarse-pairs';
import type { Deadline } from './deadline';
import { pairSimilarSentences, type SentencePair, type SentenceWords, type SimilarPairs } from './sentence-pairs';
import { splitSentences } from './sentences';
import { TokenInterner, type TokenizedText } from './token-store';
import type { DiffBlock, WordOp } from './types';
import { coarseOps, compactOps, diffTokenized } from './words';

export interface GapParagraph {
  /** Index in the whole version. */
  index: number;
  text: string;
}

interface GapGroup {
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

const SENTENCES_BETWEEN_DEADLINE_CHECKS = 32;
// Pairing sentences by their words may use this much of the time left; the rest goes to word
// diffs, or to the coarse fallback when pairing could not finish, so the whole diff still ends in time.
const PAIRING_SHARE_OF_TIME_LEFT = 0.7;

interface Sentence {
  /** Position of its paragraph within the gap. */
  paragraph: number;
  text: string;
}

function sentencesOf(paragraphs: readonly GapParagraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, local) => {
    for (const text of splitSentences(paragraph.text)) sentences.push({ paragraph: local, text });
  });
  return sentences;
}

/** The distinct content words of each sentence, in order of first use, as flat arrays of ids. */
function sentenceWords(sentences: readonly TokenizedText[], interner: TokenInterner): SentenceWords {
  const offsets = new Int32Array(sentences.length + 1);
  let total = 0;
  for (const sentence of sentences) total += sentence.wordTo - sentence.wordFrom;
  const ids = new Int32Array(total);
  const seenIn = new Int32Array(interner.contentWordCount).fill(-1);
  const wordIds = interner.store.wordIds;
  let count = 0;
  sentences.forEach((sentence, k) => {
    for (let w = sentence.wordFrom; w < sentence.wordTo; w++) {
      const word = interner.contentIdOf(wordIds[w] ?? 0);
      if (word < 0 || seenIn[word] === k) continue;
      seenIn[word] = k;
      ids[count++] = word;
    }
    offsets[k + 1] = count;
  });
  return { offsets, ids: ids.subarray(0, count) };
}

/** Tokenizes sentences, or gives up (null) when the deadline passes first. */
function tokenizedWithin(sentences: readonly Sentence[], interner: TokenInterner, deadline: Deadline): TokenizedText[] | null {
  const tokenized: TokenizedText[] = [];
  for (const sentence of sentences) {
    if (tokenized.length % SENTENCES_BETWEEN_DEADLINE_CHECKS === 0 && deadline.expired()) return null;
    tokenized.push(interner.tokenized(sentence.text));
  }
  return tokenized;
}

/** Sentences paired by shared words, or null when the deadline passed before they were even tokenized. */
function similarPairs(
  before: readonly Sentence[],
  after: readonly Sentence[],
  interner: TokenInterner,
  deadline: Deadline,
): (SimilarPairs & { tokenizedBefore: TokenizedText[]; tokenizedAfter: TokenizedText[] }) | null {
  const tokenizedBefore = tokenizedWithin(before, interner, deadline);
  const tokenizedAfter = tokenizedBefore && tokenizedWithin(after, interner, deadline);
  if (!tokenizedBefore || !tokenizedAfter) return null;
  const paired = pairSimilarSentences(sentenceWords(tokenizedBefore, interner), sentenceWords(tokenizedAfter, interner), interner.contentWordCount, deadline);
  return { ...paired, tokenizedBefore, tokenizedAfter };
}

/** The sentences past the last pair, paired the cheap way (coarse-pairs.ts). */
function pairRestByPosition(before: readonly Sentence[], after: readonly Sentence[], last: SentencePair | undefined): SentencePair[] {
  const fromI = last ? last.i + 1 : 0;
  const fromJ = last ? last.j + 1 : 0;
  const rest = pairByPosition(
    before.slice(fromI).map((sentence) => sentence.text),
    after.slice(fromJ).map((sentence) => sentence.text),
  );
  return rest.map((pair) => ({ i: pair.i + fromI, j: pair.j + fromJ }));
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

function opsOf(items: readonly Item[]): WordOp[] {
  const ops: WordOp[] = [];
  for (const item of items) for (const op of item.ops) ops.push(op);
  return ops;
}

/**
 * The text of a block's side: its sentences joined, or, when they are all of
 * their paragraph (they come in order from one paragraph, so equal length says so), the paragraph itself.
 */
function sideText(items: readonly Item[], side: 'beforeText' | 'afterText', paragraph: GapParagraph | undefined): string {
  let length = 0;
  for (const item of items) length += item[side].length;
  if (paragraph && paragraph.text.length === length) return paragraph.text;
  return items.map((item) => item[side]).join('');
}

function blockOf(items: Item[], beforeParagraphs: readonly GapParagraph[], afterParagraphs: readonly GapParagraph[]): DiffBlock {
  const beforeLocal = items.find((item) => item.before !== undefined)?.before;
  const afterLocal = items.find((item) => item.after !== undefined)?.after;
  const beforeParagraph = beforeLocal === undefined ? undefined : beforeParagraphs[beforeLocal];
  const afterParagraph = afterLocal === undefined ? undefined : afterParagraphs[afterLocal];
  const before = sideText(items, 'beforeText', beforeParagraph);
  const after = sideText(items, 'afterText', afterParagraph);
  const beforeIndex = beforeParagraph?.index ?? null;
  const afterIndex = afterParagraph?.index ?? null;
  if (!after) return { type: 'removed', before, after: null, beforeIndex, afterIndex: null };
  if (!before) return { type: 'added', before: null, after, beforeIndex: null, afterIndex };
  if (before === after) return { type: 'equal', before, after, beforeIndex, afterIndex };
  return { type: 'edited', before, after, beforeIndex, afterIndex, words: compactOps(opsOf(items)) };
}

export function alignGap(before: readonly GapParagraph[], after: readonly GapParagraph[], deadline: Deadline): GapAlignment {
  let characters = 0;
  for (const paragraph of before) characters += paragraph.text.length;
  for (const paragraph of after) characters += paragraph.text.length;
  const interner = new TokenInterner(characters);
  const beforeSentences = sentencesOf(before);
  const afterSentences = sentencesOf(after);
  const similar = deadline.expired() ? null : similarPairs(beforeSentences, afterSentences, interner, deadline.share(PAIRING_SHARE_OF_TIME_LEFT));
  // Out of time: the sentences not yet paired by their words are paired the cheap way, each as a whole-sentence replace.
  let coarse = !similar?.complete;
  const pairedByWords = similar?.pairs ?? [];
  const chain = coarse ? [...pairedByWords, ...pairRestByPosition(beforeSentences, afterSentences, pairedByWords[pairedByWords.length - 1])] : pairedByWords;

  const wordDiff = (a: TokenizedText, b: TokenizedText): WordOp[] => {
    const diff = diffTokenized(a, b, deadline);
    if (diff.coarse) coarse = true;
    return diff.ops;
  };
  const pairOps = (pairIndex: number, i: number, j: number): WordOp[] => {
    const a = similar?.tokenizedBefore[i];
    const b = similar?.tokenizedAfter[j];
    if (a && b && pairIndex < pairedByWords.length) return wordDiff(a, b);
    const beforeText = beforeSentences[i]?.text ?? '';
    const afterText = afterSentences[j]?.text ?? '';
    return beforeText === afterText ? [{ op: 'equal', text: beforeText }] : coarseOps(beforeText, afterText);
  };

  // A paragraph replaced in place by one unlike it still reads best as an edit of that slot.
  if (chain.length === 0) {
    const onlyBefore = before[0];
    const onlyAfter = after[0];
    if (before.length !== 1 || after.length !== 1 || !onlyBefore || !onlyAfter) {
      return { groups: [], linkedBefore: new Set(), linkedAfter: new Set(), coarse };
    }
    const outOfTime = deadline.expired();
    if (outOfTime) coarse = true;
    const words = outOfTime ? coarseOps(onlyBefore.text, onlyAfter.text) : wordDiff(interner.tokenized(onlyBefore.text), interner.tokenized(onlyAfter.text));
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
    const a = beforeSentences[pair.i]?.paragraph ?? 0;
    const b = before.length + (afterSentences[pair.j]?.paragraph ?? 0);
    linked[a] = 1;
    linked[b] = 1;
    parent[find(parent, a)] = find(parent, b);
  }

  const items: Item[] = [];
  let nextBefore = 0;
  let nextAfter = 0;
  const unpairedUntil = (beforeEnd: number, afterEnd: number): void => {
    for (; nextBefore < beforeEnd; nextBefore++) {
      const unit = beforeSentences[nextBefore];
      if (unit) items.push({ before: unit.paragraph, beforeText: unit.text, afterText: '', ops: [{ op: 'removed', text: unit.text }] });
    }
    for (; nextAfter < afterEnd; nextAfter++) {
      const unit = afterSentences[nextAfter];
      if (unit) items.push({ after: unit.paragraph, beforeText: '', afterText: unit.text, ops: [{ op: 'added', text: unit.text }] });
    }
  };
  chain.forEach((pair, pairIndex) => {
    unpairedUntil(pair.i, pair.j);
    const a = beforeSentences[pair.i];
    const b = afterSentences[pair.j];
    if (!a || !b) return;
    items.push({ before: a.paragraph, after: b.paragraph, beforeText: a.text, afterText: b.text, ops: pairOps(pairIndex, pair.i, pair.j) });
    nextBefore = pair.i + 1;
    nextAfter = pair.j + 1;
  });
  unpairedUntil(beforeSentences.length, afterSentences.length);

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
    let firstBefore = Infinity;
    let firstAfter = Infinity;
    for (const block of blocks) {
      if (block.beforeIndex !== null) firstBefore = Math.min(firstBefore, block.beforeIndex);
      if (block.afterIndex !== null) firstAfter = Math.min(firstAfter, block.afterIndex);
    }
    groups.push({ blocks, firstBefore, firstAfter });
  }

  const linkedBefore = new Set<number>();
  const linkedAfter = new Set<number>();
  before.forEach((paragraph, local) => {
    if (linked[local]) linkedBefore.add(paragraph.index);
  });
  after.forEach((paragraph, local) => {
    if (linked[before.length + local]) linkedAfter.add(paragraph.index);
  });
  return { groups, linkedBefore, linkedAfter, coarse };
}
