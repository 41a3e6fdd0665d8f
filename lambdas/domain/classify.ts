// What kind of edit a diff is, in the terms a newsroom auditor uses: which
// parts moved, whether a quote, a figure or a name changed, whether the
// newsroom owned up to it (correction or update notice), and how much it matters.
// The kinds themselves live in the change-kind registry; this runs their
// detectors in registry order and turns what they found into one record.
import { gatherEvidence, type ChangeEvidence } from './change-kinds/evidence';
import { CHANGE_KIND_REGISTRY, KIND_WEIGHTS } from './change-kinds/registry';
import { looseArticle } from './content';
import type { ArticleDiff, DiffSide, WordOp } from './diff/types';
import { sideOf } from './diff/words';
import { isStealth } from './stealth';
import type { ChangeExcerpt, ChangeKind } from './types';

export interface Classification {
  kinds: ChangeKind[];
  boring: boolean;
  stealth: boolean;
  significance: number;
  summary: string;
  excerpts: ChangeExcerpt[];
}

const MAX_EXCERPTS = 3;
const EXCERPT_CHARS = 300;
const EXCERPT_CONTEXT = 100;

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
    if (block.words?.some((op) => op.op !== 'equal')) excerpts.push(excerptOf(block.words));
    else if (block.type === 'added' && block.after) excerpts.push({ before: '', after: clip(block.after, 0, 0) });
    else if (block.type === 'removed' && block.before) excerpts.push({ before: clip(block.before, 0, 0), after: '' });
  }
  if (diff.byline && excerpts.length < MAX_EXCERPTS) excerpts.push(excerptOf(diff.byline.words));
  return excerpts.slice(0, MAX_EXCERPTS);
}

function summarise(kinds: ReadonlySet<ChangeKind>, evidence: ChangeEvidence, boring: boolean): string {
  const { editedParagraphCount, addedParagraphs, removedParagraphs, movedParagraphCount } = evidence;
  const parts: string[] = [];
  if (boring) parts.push('Only whitespace, typography or letter case changed');
  if (kinds.has('title')) parts.push('Headline changed');
  if (kinds.has('byline')) parts.push('Byline changed');
  const detailWords = (['quote', 'number', 'name'] as const).filter((d) => kinds.has(d)).map((d) => `a ${d}`);
  if (editedParagraphCount) parts.push(`${plural(editedParagraphCount, 'paragraph')} edited${detailWords.length ? ` (${detailWords.join(', ')})` : ''}`);
  else if (detailWords.length) parts.push(`${detailWords.join(', ')} changed`);
  if (addedParagraphs.length) parts.push(`${plural(addedParagraphs.length, 'paragraph')} added`);
  if (removedParagraphs.length) parts.push(`${plural(removedParagraphs.length, 'paragraph')} removed`);
  if (movedParagraphCount) parts.push(`${plural(movedParagraphCount, 'paragraph')} moved`);
  if (kinds.has('correction')) parts.push('correction notice added');
  if (kinds.has('update-notice')) parts.push('update notice added');
  const summary = parts.length ? parts.join('; ') : 'No visible change';
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}

export function classifyChange(before: DiffSide, after: DiffSide, diff: ArticleDiff): Classification {
  const boring = looseArticle(before) === looseArticle(after);
  const evidence = gatherEvidence(before, after, diff);
  const found: ChangeKind[] = CHANGE_KIND_REGISTRY.filter((definition) => definition.detect?.(evidence) ?? false).map((definition) => definition.kind);
  const kinds = new Set(found);

  const articleChars = Math.max(1, before.title.length + before.paragraphs.join(' ').length, after.title.length + after.paragraphs.join(' ').length);
  const sizeScore = Math.min(1, Math.sqrt((diff.charsAdded + diff.charsRemoved) / articleChars));
  const kindScore = found.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  const significance = boring ? 0 : Math.round(Math.min(1, 0.6 * sizeScore + kindScore) * 1000) / 1000;

  return {
    kinds: found,
    boring,
    stealth: isStealth({ kinds: found, boring, significance, evidence }),
    significance,
    summary: summarise(kinds, evidence, boring),
    excerpts: excerptsOf(diff),
  };
}
