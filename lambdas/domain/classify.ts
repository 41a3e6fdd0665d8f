// What kind of edit a diff is, in the terms a newsroom auditor uses: which
// parts moved, whether a quote, a figure or a name changed, whether the
// newsroom owned up to it (correction or update notice), and how much it matters.
import { isCorrectionNotice, isUpdateNotice, looseArticle, looseText } from './content';
import { tokenize, isWordToken } from './diff/tokens';
import type { ArticleDiff, DiffBlock, DiffSide, WordOp } from './diff/types';
import { sideOf } from './diff/words';
import { CHANGE_KINDS, type ChangeExcerpt, type ChangeKind } from './types';

export interface Classification {
  kinds: ChangeKind[];
  boring: boolean;
  stealth: boolean;
  significance: number;
  summary: string;
  excerpts: ChangeExcerpt[];
}

/** One stretch of text edited in place: the headline, or (a piece of) a paragraph. */
interface EditView {
  before: string;
  after: string;
  words: WordOp[];
  /** Headlines are Title Case, so capitals there say nothing about names. */
  namesCount: boolean;
}

interface PlacedToken {
  text: string;
  /** Offset in its side's text. */
  at: number;
}

const KIND_WEIGHT: Partial<Record<ChangeKind, number>> = {
  title: 0.3,
  quote: 0.25,
  number: 0.2,
  name: 0.2,
  'paragraph-removed': 0.15,
  'paragraph-added': 0.1,
  byline: 0.1,
  correction: 0.1,
  'update-notice': 0.05,
  'paragraph-edited': 0.05,
  'paragraph-moved': 0.05,
};
const SUBSTANTIVE_KINDS: ChangeKind[] = ['title', 'quote', 'number', 'name', 'paragraph-removed', 'paragraph-edited'];
const STEALTH_THRESHOLD = 0.05;
const MAX_EXCERPTS = 3;
const EXCERPT_CHARS = 300;
const EXCERPT_CONTEXT = 100;

/** The removed tokens (placed in `before`) and added tokens (placed in `after`) of a word diff. */
function changedTokens(words: readonly WordOp[]): { removed: PlacedToken[]; added: PlacedToken[] } {
  const removed: PlacedToken[] = [];
  const added: PlacedToken[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  for (const op of words) {
    if (op.op !== 'added') {
      if (op.op === 'removed') {
        let at = beforeAt;
        for (const token of tokenize(op.text)) {
          removed.push({ text: token, at });
          at += token.length;
        }
      }
      beforeAt += op.text.length;
    }
    if (op.op !== 'removed') {
      if (op.op === 'added') {
        let at = afterAt;
        for (const token of tokenize(op.text)) {
          added.push({ text: token, at });
          at += token.length;
        }
      }
      afterAt += op.text.length;
    }
  }
  return { removed, added };
}

/** True when the two bags of words differ once case and typography are set aside. */
function bagsDiffer(removed: readonly string[], added: readonly string[]): boolean {
  const counts = new Map<string, number>();
  for (const word of removed) counts.set(looseText(word), (counts.get(looseText(word)) ?? 0) + 1);
  for (const word of added) counts.set(looseText(word), (counts.get(looseText(word)) ?? 0) - 1);
  return [...counts.values()].some((count) => count !== 0);
}

const OPENING_QUOTES = new Map([
  ['“', '”'],
  ['„', '“”'],
  ['«', '»'],
  ['»', '«'],
  ['"', '"'],
]);

/** [start, end) spans inside quotation marks; an unclosed quote runs to the paragraph's end, as quotes spanning paragraphs do. */
export function quotedSpans(text: string): Array<[number, number]> {
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

function quoteChanged(view: EditView, removed: PlacedToken[], added: PlacedToken[]): boolean {
  const beforeSpans = quotedSpans(view.before);
  const afterSpans = quotedSpans(view.after);
  const removedQuoted = removed.filter((t) => isWordToken(t.text) && inSpans(t.at, beforeSpans)).map((t) => t.text);
  const addedQuoted = added.filter((t) => isWordToken(t.text) && inSpans(t.at, afterSpans)).map((t) => t.text);
  return bagsDiffer(removedQuoted, addedQuoted);
}

const isNumber = (token: string): boolean => /^\d/.test(token);

/** Capitalised words that are not the first word of a sentence: a cheap, robust stand-in for proper nouns. */
function properNouns(tokens: readonly PlacedToken[], text: string): string[] {
  return tokens
    .filter((token) => /^\p{Lu}/u.test(token.text) && token.text !== 'I')
    .filter((token) => {
      const lead = text.slice(0, token.at).replace(/["“”'‘’«»(\[\s]+$/u, '');
      return lead.length > 0 && !/[.!?:]$/.test(lead);
    })
    .map((token) => token.text);
}

function nameChanged(view: EditView, removed: PlacedToken[], added: PlacedToken[]): boolean {
  const removedNames = properNouns(removed, view.before);
  const addedNames = properNouns(added, view.after);
  if (removedNames.length === 0 && addedNames.length === 0) return false;
  // A name that only changed case ("Russia" to "russia") is typography, not a different name.
  const removedWords = new Set(removed.map((t) => looseText(t.text)));
  const addedWords = new Set(added.map((t) => looseText(t.text)));
  return removedNames.some((name) => !addedWords.has(looseText(name))) || addedNames.some((name) => !removedWords.has(looseText(name)));
}

function editViews(diff: ArticleDiff): EditView[] {
  const views: EditView[] = [];
  if (diff.title) views.push({ before: diff.title.before, after: diff.title.after, words: diff.title.words, namesCount: false });
  for (const block of diff.blocks) {
    if (!block.words) continue;
    views.push({ before: sideOf(block.words, 'before'), after: sideOf(block.words, 'after'), words: block.words, namesCount: true });
  }
  return views;
}

function wholeParagraphBlocks(blocks: readonly DiffBlock[], type: 'added' | 'removed'): DiffBlock[] {
  const side = type === 'added' ? 'afterIndex' : 'beforeIndex';
  const sharedIndices = new Set(blocks.filter((b) => b.type !== type).map((b) => b[side]));
  return blocks.filter((b) => b.type === type && !sharedIndices.has(b[side]));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function clip(text: string, focus: number, length: number): string {
  if (text.length <= EXCERPT_CHARS) return text;
  let start = Math.max(0, focus - EXCERPT_CONTEXT);
  let end = Math.min(text.length, Math.max(focus + length + EXCERPT_CONTEXT, start + EXCERPT_CHARS - 2));
  end = Math.min(end, start + EXCERPT_CHARS - 2);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

function excerptOf(words: readonly WordOp[]): ChangeExcerpt {
  const before = sideOf(words, 'before');
  const after = sideOf(words, 'after');
  let beforeAt = 0;
  let afterAt = 0;
  for (const op of words) {
    if (op.op !== 'equal') break;
    beforeAt += op.text.length;
    afterAt += op.text.length;
  }
  const changed = words.filter((op) => op.op !== 'equal');
  const removedLength = changed.filter((op) => op.op === 'removed').reduce((n, op) => n + op.text.length, 0);
  const addedLength = changed.filter((op) => op.op === 'added').reduce((n, op) => n + op.text.length, 0);
  return { before: clip(before, beforeAt, removedLength), after: clip(after, afterAt, addedLength) };
}

function excerptsOf(diff: ArticleDiff): ChangeExcerpt[] {
  const excerpts: ChangeExcerpt[] = [];
  if (diff.title) excerpts.push(excerptOf(diff.title.words));
  for (const block of diff.blocks) {
    if (excerpts.length >= MAX_EXCERPTS) break;
    if (block.words && block.words.some((op) => op.op !== 'equal')) excerpts.push(excerptOf(block.words));
    else if (block.type === 'added' && block.after) excerpts.push({ before: '', after: clip(block.after, 0, 0) });
    else if (block.type === 'removed' && block.before) excerpts.push({ before: clip(block.before, 0, 0), after: '' });
  }
  if (diff.byline && excerpts.length < MAX_EXCERPTS) excerpts.push(excerptOf(diff.byline.words));
  return excerpts.slice(0, MAX_EXCERPTS);
}

export function classifyChange(before: DiffSide, after: DiffSide, diff: ArticleDiff): Classification {
  const boring = looseArticle(before) === looseArticle(after);
  const kinds = new Set<ChangeKind>();
  if (diff.title) kinds.add('title');
  if (diff.byline) kinds.add('byline');

  const added = wholeParagraphBlocks(diff.blocks, 'added');
  const removed = wholeParagraphBlocks(diff.blocks, 'removed');
  const editedParagraphs = new Set(diff.blocks.filter((b) => b.type === 'edited').map((b) => b.beforeIndex ?? `after-${b.afterIndex}`));
  const movedCount = diff.blocks.filter((b) => b.type === 'moved' && b.after !== null).length;
  if (added.length) kinds.add('paragraph-added');
  if (removed.length) kinds.add('paragraph-removed');
  if (editedParagraphs.size) kinds.add('paragraph-edited');
  if (movedCount) kinds.add('paragraph-moved');

  const details = new Set<'quote' | 'number' | 'name'>();
  for (const view of editViews(diff)) {
    const { removed: removedTokens, added: addedTokens } = changedTokens(view.words);
    if (quoteChanged(view, removedTokens, addedTokens)) details.add('quote');
    if (bagsDiffer(removedTokens.map((t) => t.text).filter(isNumber), addedTokens.map((t) => t.text).filter(isNumber))) details.add('number');
    if (view.namesCount && nameChanged(view, removedTokens, addedTokens)) details.add('name');
  }
  // A quotation added or cut whole is as telling as one reworded.
  for (const block of [...added, ...removed]) {
    const text = block.after ?? block.before ?? '';
    if (quotedSpans(text).some(([start, end]) => tokenize(text.slice(start, end)).filter(isWordToken).length >= 2)) details.add('quote');
  }
  for (const detail of details) kinds.add(detail);

  const noticeAdded = (isNotice: (paragraph: string) => boolean): boolean =>
    diff.blocks.some((block) => {
      if (block.afterIndex === null || (block.type !== 'added' && block.type !== 'edited')) return false;
      const afterParagraph = after.paragraphs[block.afterIndex] ?? block.after ?? '';
      const beforeParagraph = block.beforeIndex === null ? '' : before.paragraphs[block.beforeIndex] ?? '';
      return isNotice(afterParagraph) && looseText(afterParagraph) !== looseText(beforeParagraph);
    });
  if (noticeAdded(isCorrectionNotice)) kinds.add('correction');
  if (noticeAdded(isUpdateNotice)) kinds.add('update-notice');

  const articleChars = Math.max(1, before.title.length + before.paragraphs.join(' ').length, after.title.length + after.paragraphs.join(' ').length);
  const sizeScore = Math.min(1, Math.sqrt((diff.charsAdded + diff.charsRemoved) / articleChars));
  const kindScore = [...kinds].reduce((sum, kind) => sum + (KIND_WEIGHT[kind] ?? 0), 0);
  const significance = boring ? 0 : Math.round(Math.min(1, 0.6 * sizeScore + kindScore) * 1000) / 1000;
  const acknowledged = kinds.has('correction') || kinds.has('update-notice');
  const stealth = !boring && !acknowledged && (significance >= STEALTH_THRESHOLD || SUBSTANTIVE_KINDS.some((kind) => kinds.has(kind)));

  const parts: string[] = [];
  if (boring) parts.push('Only whitespace, typography or letter case changed');
  if (kinds.has('title')) parts.push('Headline changed');
  if (kinds.has('byline')) parts.push('Byline changed');
  const detailWords = (['quote', 'number', 'name'] as const).filter((d) => details.has(d)).map((d) => `a ${d}`);
  if (editedParagraphs.size) parts.push(`${plural(editedParagraphs.size, 'paragraph')} edited${detailWords.length ? ` (${detailWords.join(', ')})` : ''}`);
  else if (detailWords.length) parts.push(`${detailWords.join(', ')} changed`);
  if (added.length) parts.push(`${plural(added.length, 'paragraph')} added`);
  if (removed.length) parts.push(`${plural(removed.length, 'paragraph')} removed`);
  if (movedCount) parts.push(`${plural(movedCount, 'paragraph')} moved`);
  if (kinds.has('correction')) parts.push('correction notice added');
  if (kinds.has('update-notice')) parts.push('update notice added');
  const summary = parts.length ? parts.join('; ') : 'No visible change';

  return {
    kinds: CHANGE_KINDS.filter((kind) => kinds.has(kind)),
    boring,
    stealth,
    significance,
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    excerpts: excerptsOf(diff),
  };
}
