// Sentence pairs for when the budget is spent before sentences could be
// compared word by word: identical sentences pair up (anchors found in
// near-linear time), and the sentences between two anchors pair by position,
// to be shown as whole-sentence replaces. Cheap, and never loses text.
import type { Deadline } from './deadline';
import type { SentencePair } from './sentence-pairs';
import { idsOfTexts, matchSequences } from './sequence';

// Past the deadline the matcher keeps only its near-linear steps, which is all this fallback can afford.
const SPENT: Deadline = { expired: () => true, share: () => SPENT };

export function pairByPosition(before: readonly string[], after: readonly string[]): SentencePair[] {
  const ids = idsOfTexts(before, after);
  const exact = matchSequences(ids.before, ids.after, SPENT, 'unique-anchors-only');
  const pairs: SentencePair[] = [];
  let nextI = 0;
  let nextJ = 0;
  const pairUpTo = (endI: number, endJ: number): void => {
    for (; nextI < endI && nextJ < endJ; nextI++, nextJ++) pairs.push({ i: nextI, j: nextJ });
  };
  exact.matchedA.forEach((i, k) => {
    const j = exact.matchedB[k] ?? 0;
    pairUpTo(i, j);
    pairs.push({ i, j });
    nextI = i + 1;
    nextJ = j + 1;
  });
  pairUpTo(before.length, after.length);
  return pairs;
}
