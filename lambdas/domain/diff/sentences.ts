// Sentences are the unit paragraphs are aligned on: small enough that a
// paragraph merged, split or reworded still finds its counterpart, large
// enough to carry a recognisable set of words.

const SENTENCE_END = /[.!?]+["'”’)\]]*\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'gen',
  'sen',
  'rep',
  'gov',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'prof',
  'rev',
  'inc',
  'corp',
  'co',
  'ltd',
  'no',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'fig',
  'ft',
  'mt',
  'ave',
  'blvd',
  'dept',
  'est',
  'approx',
]);

/** True when the word before a period is an abbreviation or initials ("U.S.", "Mr.", "J."), not a sentence end. */
function endsWithAbbreviation(textBefore: string): boolean {
  const word = textBefore.slice(Math.max(textBefore.lastIndexOf(' '), textBefore.lastIndexOf('\n')) + 1);
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (ABBREVIATIONS.has(letters.toLowerCase())) return true;
  return letters.length > 0 && letters.length <= 2 && /^\p{Lu}/u.test(letters);
}

/** Splits a paragraph into sentences; each keeps its trailing whitespace, so joining them gives the paragraph back. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const punctuationAt = match.index;
    if (endsWithAbbreviation(paragraph.slice(Math.max(start, punctuationAt - 24), punctuationAt))) continue;
    const end = punctuationAt + match[0].length;
    sentences.push(paragraph.slice(start, end));
    start = end;
  }
  if (start < paragraph.length) sentences.push(paragraph.slice(start));
  return sentences;
}
