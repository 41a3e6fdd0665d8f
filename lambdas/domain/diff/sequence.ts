// Longest-common-subsequence matching of two token (or paragraph) sequences,
// bounded in time and memory: exact dynamic programming on small regions,
// anchors of rare tokens (patience/histogram style) to cut large regions into
// small ones. A region that can be neither cut nor afforded is left unmatched,
// which reads as a whole-region replace, and the result says so. Callers that
// need a full answer even past the deadline (paragraph anchors) ask for the
// near-linear anchors alone once time is up.
import type { Deadline } from './deadline';

export interface SequenceMatch {
  /** Matched positions, pairwise (`matchedA[k]` with `matchedB[k]`), increasing in both sequences. */
  matchedA: number[];
  matchedB: number[];
  /** False when some region was left unmatched for lack of time or anchors. */
  complete: boolean;
}

const TABLE_CELLS = 250_000;
const MAX_ANCHOR_REPEATS = 16;

/** What to do with a region once the deadline has passed: leave it unmatched, or keep cutting it at unique tokens. */
export type PastDeadline = 'leave-unmatched' | 'unique-anchors-only';

/** Indices (into `values`) of a longest strictly increasing subsequence. */
function longestIncreasing(values: number[]): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const result: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) result.push(i);
  return result.reverse();
}

// One table reused by every call: a diff runs synchronously, and most regions are small.
let sharedTable = new Uint16Array(4096);

/** Two lists of texts as ids, equal texts getting equal ids, for matching whole paragraphs or sentences. */
export function idsOfTexts(before: readonly string[], after: readonly string[]): { before: Int32Array; after: Int32Array } {
  const ids = new Map<string, number>();
  const idOf = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  };
  return { before: Int32Array.from(before, idOf), after: Int32Array.from(after, idOf) };
}

/** Matches two sequences of ids (equal ids are equal tokens). */
export function matchSequences(a: Int32Array, b: Int32Array, deadline: Deadline, pastDeadline: PastDeadline = 'leave-unmatched'): SequenceMatch {
  return matchRanges(a, 0, a.length, b, 0, b.length, deadline, pastDeadline);
}

/** Matches `a[aFrom .. aTo)` with `b[bFrom .. bTo)`; matched positions are positions in `a` and `b`. */
export function matchRanges(
  a: Int32Array,
  aFrom: number,
  aTo: number,
  b: Int32Array,
  bFrom: number,
  bTo: number,
  deadline: Deadline,
  pastDeadline: PastDeadline = 'leave-unmatched',
): SequenceMatch {
  const matchedA: number[] = [];
  const matchedB: number[] = [];
  const match = (i: number, j: number): void => {
    matchedA.push(i);
    matchedB.push(j);
  };
  let complete = true;

  const byTable = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    const n = aHi - aLo;
    const m = bHi - bLo;
    const width = m + 1;
    // lengths[i * width + j] = LCS of a[aLo + i ..] and b[bLo + j ..]
    if (sharedTable.length < (n + 1) * width) sharedTable = new Uint16Array(Math.max((n + 1) * width, sharedTable.length * 2));
    const lengths = sharedTable;
    for (let j = 0; j <= m; j++) lengths[n * width + j] = 0;
    for (let i = n - 1; i >= 0; i--) {
      const token = a[aLo + i];
      const row = i * width;
      const below = row + width;
      lengths[row + m] = 0;
      for (let j = m - 1; j >= 0; j--) {
        if (token === b[bLo + j]) lengths[row + j] = (lengths[below + j + 1] ?? 0) + 1;
        else {
          const down = lengths[below + j] ?? 0;
          const right = lengths[row + j + 1] ?? 0;
          lengths[row + j] = Math.max(down, right);
        }
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[aLo + i] === b[bLo + j]) {
        match(aLo + i, bLo + j);
        i++;
        j++;
      } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) i++;
      else j++;
    }
  };

  /** Pairs of positions holding the same rare token, in an order both sequences agree on. */
  const anchorsIn = (aLo: number, aHi: number, bLo: number, bHi: number, maxRepeats: number): Array<[number, number]> => {
    const positionsA = new Map<number, number[]>();
    const positionsB = new Map<number, number[]>();
    for (let i = aLo; i < aHi; i++) {
      const id = a[i] ?? -1;
      const list = positionsA.get(id);
      if (list) list.push(i);
      else positionsA.set(id, [i]);
    }
    for (let j = bLo; j < bHi; j++) {
      const id = b[j] ?? -1;
      const list = positionsB.get(id);
      if (list) list.push(j);
      else positionsB.set(id, [j]);
    }
    for (const limit of maxRepeats > 1 ? [1, maxRepeats] : [1]) {
      const candidates: Array<[number, number]> = [];
      for (const [id, inA] of positionsA) {
        const inB = positionsB.get(id);
        if (!inB || inA.length !== inB.length || inA.length > limit) continue;
        inA.forEach((position, k) => {
          candidates.push([position, inB[k] ?? 0]);
        });
      }
      if (candidates.length === 0) continue;
      candidates.sort((x, y) => x[0] - y[0]);
      return longestIncreasing(candidates.map((c) => c[1])).map((k) => candidates[k] ?? [0, 0]);
    }
    return [];
  };

  const matchRegion = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) match(aLo++, bLo++);
    let suffix = 0;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    if (aLo < aHi && bLo < bHi) {
      const expired = deadline.expired();
      if (expired && pastDeadline === 'leave-unmatched') complete = false;
      else if (!expired && (aHi - aLo) * (bHi - bLo) <= TABLE_CELLS) byTable(aLo, aHi, bLo, bHi);
      else {
        const anchors = anchorsIn(aLo, aHi, bLo, bHi, expired ? 1 : MAX_ANCHOR_REPEATS);
        if (anchors.length === 0) complete = false;
        let nextA = aLo;
        let nextB = bLo;
        for (const [anchorA, anchorB] of anchors) {
          matchRegion(nextA, anchorA, nextB, anchorB);
          match(anchorA, anchorB);
          nextA = anchorA + 1;
          nextB = anchorB + 1;
        }
        if (anchors.length > 0) matchRegion(nextA, aHi, nextB, bHi);
      }
    }
    for (let k = 0; k < suffix; k++) match(aHi + k, bHi + k);
  };

  matchRegion(aFrom, aTo, bFrom, bTo);
  return { matchedA, matchedB, complete };
}
