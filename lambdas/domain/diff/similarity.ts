// How alike two stretches of text are, on the words that carry meaning:
// function words would make any two sentences of one article look related.

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'that',
  'with',
  'was',
  'are',
  'has',
  'have',
  'had',
  'but',
  'not',
  'its',
  'his',
  'her',
  'from',
  'this',
  'they',
  'their',
  'them',
  'would',
  'which',
  'who',
  'been',
  'were',
  'will',
  'into',
  'than',
  'then',
  'there',
  'these',
  'those',
  'also',
  'about',
  'after',
  'over',
  'more',
  'most',
  'some',
  'such',
  'can',
  'could',
  'should',
  'did',
  'does',
  'our',
  'out',
  'all',
  'any',
  'one',
  'what',
  'when',
  'where',
  'while',
  'you',
  'your',
  'she',
  'him',
]);

function isContentWord(word: string): boolean {
  return word.length >= 3 ? !STOP_WORDS.has(word) : /^\p{N}+$/u.test(word);
}

/** The distinct meaningful words of a text, lower-cased. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word && isContentWord(word)) words.add(word);
  return words;
}

/** The content word a token from the diff tokenizer stands for (word tokens are whole words already), or null. */
export function contentWordOf(token: string): string | null {
  // Whitespace and punctuation tokens are a single character or start with a space; neither can be a content word.
  const code = token.charCodeAt(0);
  if (code <= 0x20 || code === 0xa0 || (token.length < 3 && !/^\p{N}+$/u.test(token))) return null;
  const word = token.toLowerCase();
  return isContentWord(word) ? word : null;
}

function sharedCount(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared;
}

/** Dice coefficient of two word sets: 1 for the same words, 0 for none in common. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * sharedCount(a, b)) / (a.size + b.size);
}
