// A changed figure: a death toll, a sum, an age, a date, a rank. Figures are
// written in digits ("5-year-old") or in words ("five-year", "a dozen",
// "second"), and either way a changed one is a changed fact.
import { defineKind } from './definition';
import { bagsDiffer, type PlacedToken, type TextEdit } from './evidence';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen'];
const ORDINALS = [
  ...['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'],
  ...['eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'],
  ...['twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'],
  ...['hundredth', 'thousandth', 'millionth', 'billionth', 'trillionth'],
];
/**
 * English number words: the cardinals zero to nineteen, the tens, the scale
 * words (and "dozen"), the plurals of ten and of the scale words ("tens of
 * thousands", "dozens"), and the ordinals of all of them. Compounds are
 * hyphenated ("twenty-five", "twenty-first"), so their parts are on the list.
 * Words that are numbers only sometimes ("a", "couple", "half", "several")
 * are left out: a list that guesses would call rewording a changed figure.
 */
const NUMBER_WORDS: ReadonlySet<string> = new Set([...ONES, ...TEENS, ...TENS, ...SCALES, ...['tens', ...SCALES.map((word) => `${word}s`)], ...ORDINALS]);

function isNumber(token: PlacedToken, text: string): boolean {
  if (/^\d/.test(token.text)) return true;
  const word = token.text.toLowerCase();
  if (!NUMBER_WORDS.has(word)) return false;
  // "No one" is a pronoun, not a count.
  return !(word === 'one' && /\bno\s+$/i.test(text.slice(0, token.at)));
}

const isArticle = (token: PlacedToken): boolean => /^an?$/i.test(token.text);

/** The figures among `tokens`, less as many "one"s as `otherSide` has "a"s or "an"s: "a cease-fire" and "one cease-fire" count the same. */
function figures(tokens: readonly PlacedToken[], text: string, otherSide: readonly PlacedToken[]): string[] {
  let unmatchedArticles = otherSide.filter(isArticle).length;
  const found: string[] = [];
  for (const token of tokens) {
    if (!isNumber(token, text)) continue;
    if (token.text.toLowerCase() === 'one' && unmatchedArticles > 0) unmatchedArticles--;
    else found.push(token.text);
  }
  return found;
}

function numbersChanged(edit: TextEdit): boolean {
  return bagsDiffer(figures(edit.removed, edit.before, edit.added), figures(edit.added, edit.after, edit.removed));
}

export const number = defineKind({
  kind: 'number',
  label: 'number',
  weight: 0.2,
  substantive: true,
  detect: (evidence) => evidence.edits.some(numbersChanged),
});
