// A quotation reworded, added or cut: words inside quotation marks are what
// someone is on record as saying, so changing them is never copy-editing.
import { isWordToken, tokenize } from '../diff/tokens';
import { defineKind } from './definition';
import { bagsDiffer, type PlacedToken, type TextEdit } from './evidence';

const OPENING_QUOTES = new Map([
  ['“', '”'],
  ['„', '“”'],
  ['«', '»'],
  ['»', '«'],
  ['"', '"'],
]);

/** [start, end) spans inside quotation marks; an unclosed quote runs to the paragraph's end, as quotes spanning paragraphs do. */
function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let at = 0;
  while (at < text.length) {
    const opener = text[at] ?? '';
    const closers = OPENING_QUOTES.get(opener);
    if (!closers) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < text.length && !closers.includes(text[end] ?? '')) end++;
    spans.push([at + 1, end]);
    at = end + 1;
  }
  return spans;
}

function inSpans(at: number, spans: ReadonlyArray<[number, number]>): boolean {
  return spans.some(([start, end]) => at >= start && at < end);
}

function quotedWords(tokens: readonly PlacedToken[], text: string): string[] {
  const spans = quotedSpans(text);
  return tokens.filter((t) => isWordToken(t.text) && inSpans(t.at, spans)).map((t) => t.text);
}

function quoteReworded(edit: TextEdit): boolean {
  return bagsDiffer(quotedWords(edit.removed, edit.before), quotedWords(edit.added, edit.after));
}

/** A quotation of two words or more: a lone quoted word is more often a term than someone's words. */
function holdsQuotation(paragraph: string): boolean {
  return quotedSpans(paragraph).some(([start, end]) => tokenize(paragraph.slice(start, end)).filter(isWordToken).length >= 2);
}

export const quote = defineKind({
  kind: 'quote',
  label: 'quote',
  weight: 0.25,
  substantive: true,
  detect: (evidence) =>
    evidence.edits.some(quoteReworded) ||
    // A quotation added or cut whole is as telling as one reworded.
    [...evidence.addedParagraphs, ...evidence.removedParagraphs].some((block) => holdsQuotation(block.after ?? block.before ?? '')),
});
