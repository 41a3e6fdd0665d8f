// Pairs the sentences of two stretches of text by the meaningful words they
// share: every pair alike enough is a candidate, and the heaviest set of
// candidates that keeps both sides in order is the answer. Works on integer
// word ids in flat typed arrays, and checks the deadline as it goes, because
// text repeated many times multiplies the candidates of every sentence.
import type { Deadline } from './deadline';

/** The distinct content-word ids of each sentence: sentence k owns `ids[offsets[k] .. offsets[k + 1])`. */
export interface SentenceWords {
  offsets: Int32Array;
  ids: Int32Array;
}

export interface SentencePair {
  i: number;
  j: number;
}

// A pair is a candidate when its Dice coefficient on content words is at least 1/4 (2c / (a + b) >= 1/4,
// so 8c >= a + b), or when at least 3 shared words make 3/5 of the shorter sentence (5c >= 3 min(a, b)).
const DICE_DENOMINATOR = 8;
const CONTAINMENT_NUMERATOR = 3;
const CONTAINMENT_DENOMINATOR = 5;
const MIN_SHARED_FOR_CONTAINMENT = 3;
const MAX_CANDIDATES_PER_SENTENCE = 64;
const SENTENCES_BETWEEN_DEADLINE_CHECKS = 16;

function sentenceCount(words: SentenceWords): number {
  return words.offsets.length - 1;
}

/** For each word id, the sentences (ascending) of `words` that hold it, in compressed rows. */
function postingsOf(words: SentenceWords, wordCount: number): { starts: Int32Array; sentences: Int32Array } {
  const starts = new Int32Array(wordCount + 1);
  for (const id of words.ids) starts[id + 1] = (starts[id + 1] ?? 0) + 1;
  for (let id = 0; id < wordCount; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0);
  const fill = starts.slice(0, wordCount);
  const sentences = new Int32Array(words.ids.length);
  const count = sentenceCount(words);
  for (let j = 0; j < count; j++) {
    for (let k = words.offsets[j] ?? 0; k < (words.offsets[j + 1] ?? 0); k++) {
      const id = words.ids[k] ?? 0;
      sentences[fill[id] ?? 0] = j;
      fill[id] = (fill[id] ?? 0) + 1;
    }
  }
  return { starts, sentences };
}

class GrowableChain {
  before = new Int32Array(1024);
  after = new Int32Array(1024);
  previous = new Int32Array(1024);
  best = new Float64Array(1024);
  length = 0;

  push(i: number, j: number, previous: number, best: number): number {
    if (this.length === this.before.length) {
      const capacity = this.length * 2;
      this.before = grownInt32(this.before, capacity);
      this.after = grownInt32(this.after, capacity);
      this.previous = grownInt32(this.previous, capacity);
      const grownBest = new Float64Array(capacity);
      grownBest.set(this.best);
      this.best = grownBest;
    }
    const c = this.length++;
    this.before[c] = i;
    this.after[c] = j;
    this.previous[c] = previous;
    this.best[c] = best;
    return c;
  }
}

function grownInt32(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

export interface SimilarPairs {
  pairs: SentencePair[];
  /** False when the deadline passed first: the pairs then chain only the sentences up to the last pair, the rest is left to the caller. */
  complete: boolean;
}

/**
 * The heaviest order-keeping chain of similar sentence pairs. A Fenwick tree
 * over after-positions gives the best chain ending before each candidate;
 * candidates of one sentence are taken from the last after-position back, so
 * none chains onto its own sibling. Sentences are taken in order, so when the
 * deadline passes the best chain so far is still a good start.
 */
export function pairSimilarSentences(before: SentenceWords, after: SentenceWords, wordCount: number, deadline: Deadline): SimilarPairs {
  const afterCount = sentenceCount(after);
  const beforeCount = sentenceCount(before);
  const { starts: postingStarts, sentences: postingSentences } = postingsOf(after, wordCount);
  const beforeIds = before.ids;
  const sizeOfAfter = new Int32Array(afterCount);
  for (let j = 0; j < afterCount; j++) sizeOfAfter[j] = (after.offsets[j + 1] ?? 0) - (after.offsets[j] ?? 0);
  // Counts of shared words, valid only where `countedFor` names the current sentence: no reset between sentences.
  const shared = new Int32Array(afterCount);
  const countedFor = new Int32Array(afterCount).fill(-1);
  const firstMet = new Int32Array(afterCount);
  const reachable = new Int32Array(afterCount);
  const weightOf = new Float64Array(afterCount);
  const mine = new Int32Array(afterCount);
  const treeValue = new Float64Array(afterCount + 1);
  const treeIndex = new Int32Array(afterCount + 1).fill(-1);
  const chain = new GrowableChain();

  let complete = true;
  for (let i = 0; i < beforeCount; i++) {
    if (i % SENTENCES_BETWEEN_DEADLINE_CHECKS === 0 && deadline.expired()) {
      complete = false;
      break;
    }
    const wordsFrom = before.offsets[i] ?? 0;
    const wordsTo = before.offsets[i + 1] ?? 0;
    const sizeA = wordsTo - wordsFrom;
    // No pair can pass with fewer shared words than this (8c >= a + b needs c >= (a + 1) / 8; containment needs 3),
    // and most sentences share a word or two by chance: only those reaching it are weighed.
    const minShared = Math.min(Math.ceil((sizeA + 1) / DICE_DENOMINATOR), MIN_SHARED_FOR_CONTAINMENT);
    let metCount = 0;
    let reachableCount = 0;
    for (let w = wordsFrom; w < wordsTo; w++) {
      const id = beforeIds[w] ?? 0;
      const to = postingStarts[id + 1] ?? 0;
      for (let p = postingStarts[id] ?? 0; p < to; p++) {
        const j = postingSentences[p] ?? 0;
        let common = 1;
        if (countedFor[j] === i) common = (shared[j] ?? 0) + 1;
        else {
          countedFor[j] = i;
          firstMet[j] = metCount++;
        }
        shared[j] = common;
        if (common === minShared) reachable[reachableCount++] = j;
      }
    }
    let mineCount = 0;
    for (let t = 0; t < reachableCount; t++) {
      const j = reachable[t] ?? 0;
      const common = shared[j] ?? 0;
      const sizeB = sizeOfAfter[j] ?? 0;
      const alike = common * DICE_DENOMINATOR >= sizeA + sizeB;
      const contained = common >= MIN_SHARED_FOR_CONTAINMENT && common * CONTAINMENT_DENOMINATOR >= CONTAINMENT_NUMERATOR * Math.min(sizeA, sizeB);
      if (alike || contained) {
        weightOf[j] = (2 * common) / (sizeA + sizeB) + 0.5 * (common / Math.min(sizeA, sizeB));
        mine[mineCount++] = j;
      }
    }
    if (mineCount > MAX_CANDIDATES_PER_SENTENCE) {
      // Keep the heaviest; among equals, the one met first.
      const kept = Array.from(mine.subarray(0, mineCount))
        .sort((x, y) => (weightOf[y] ?? 0) - (weightOf[x] ?? 0) || (firstMet[x] ?? 0) - (firstMet[y] ?? 0))
        .slice(0, MAX_CANDIDATES_PER_SENTENCE);
      mine.set(kept);
      mineCount = MAX_CANDIDATES_PER_SENTENCE;
    }
    const sorted = mine.subarray(0, mineCount).sort();
    for (let k = mineCount - 1; k >= 0; k--) {
      const j = sorted[k] ?? 0;
      let value = 0;
      let from = -1;
      for (let node = j; node > 0; node -= node & -node) {
        if ((treeValue[node] ?? 0) > value) {
          value = treeValue[node] ?? 0;
          from = treeIndex[node] ?? -1;
        }
      }
      const best = value + (weightOf[j] ?? 0);
      const c = chain.push(i, j, from, best);
      for (let node = j + 1; node <= afterCount; node += node & -node) {
        if (best > (treeValue[node] ?? 0)) {
          treeValue[node] = best;
          treeIndex[node] = c;
        }
      }
    }
  }

  let end = -1;
  for (let c = 0; c < chain.length; c++) if (end < 0 || (chain.best[c] ?? 0) > (chain.best[end] ?? 0)) end = c;
  const pairs: SentencePair[] = [];
  for (let c = end; c >= 0; c = chain.previous[c] ?? -1) pairs.push({ i: chain.before[c] ?? 0, j: chain.after[c] ?? 0 });
  return { pairs: pairs.reverse(), complete };
}
