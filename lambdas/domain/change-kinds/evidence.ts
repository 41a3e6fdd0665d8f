// What the change-kind detectors read: one pass over a diff that places every
// changed word and sorts the paragraphs, so each detector is a few lines over
// the same facts instead of its own walk through the diff.
import { isDatedUpdateLine, looseText } from '../content';
import { tokenize } from '../diff/tokens';
import type { ArticleDiff, DiffBlock, DiffSide, WordOp } from '../diff/types';
import { sideOf } from '../diff/words';

export interface PlacedToken {
  text: string;
  /** Offset in its side's text. */
  at: number;
}

/** One stretch of text edited in place: the headline, or (a piece of) a paragraph. */
export interface TextEdit {
  where: 'headline' | 'paragraph';
  before: string;
  after: string;
  /** Tokens only in `before`, placed in it. */
  removed: PlacedToken[];
  /** Tokens only in `after`, placed in it. */
  added: PlacedToken[];
}

export interface ChangeEvidence {
  before: DiffSide;
  after: DiffSide;
  diff: ArticleDiff;
  /** The headline and every paragraph with a word diff (edited, or moved and edited), but for re-dated update lines. */
  edits: TextEdit[];
  /** Paragraphs new in `after` that are not one half of an edit or a move. */
  addedParagraphs: DiffBlock[];
  /** Paragraphs gone from `before` that are not one half of an edit or a move. */
  removedParagraphs: DiffBlock[];
  /** Paragraphs edited in place (a paragraph split over several rows counted once). */
  editedParagraphCount: number;
  movedParagraphCount: number;
}

export function gatherEvidence(before: DiffSide, after: DiffSide, diff: ArticleDiff): ChangeEvidence {
  const edits: TextEdit[] = [];
  if (diff.title) edits.push(textEdit('headline', diff.title.before, diff.title.after, diff.title.words));
  for (const block of diff.blocks) {
    if (!block.words) continue;
    const [beforeText, afterText] = [sideOf(block.words, 'before'), sideOf(block.words, 'after')];
    // A re-dated "Updated …" line says when, not what: its new time is no
    // changed figure, its new month no changed name. It is the update notice.
    if (isDatedUpdateLine(beforeText) && isDatedUpdateLine(afterText)) continue;
    edits.push(textEdit('paragraph', beforeText, afterText, block.words));
  }
  const editedParagraphs = new Set(diff.blocks.filter((b) => b.type === 'edited').map((b) => b.beforeIndex ?? `after-${b.afterIndex}`));
  return {
    before,
    after,
    diff,
    edits,
    addedParagraphs: wholeParagraphBlocks(diff.blocks, 'added'),
    removedParagraphs: wholeParagraphBlocks(diff.blocks, 'removed'),
    editedParagraphCount: editedParagraphs.size,
    movedParagraphCount: diff.blocks.filter((b) => b.type === 'moved' && b.after !== null).length,
  };
}

function textEdit(where: TextEdit['where'], before: string, after: string, words: readonly WordOp[]): TextEdit {
  const removed: PlacedToken[] = [];
  const added: PlacedToken[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  for (const op of words) {
    if (op.op === 'removed') placeTokens(op.text, beforeAt, removed);
    if (op.op === 'added') placeTokens(op.text, afterAt, added);
    if (op.op !== 'added') beforeAt += op.text.length;
    if (op.op !== 'removed') afterAt += op.text.length;
  }
  return { where, before, after, removed, added };
}

function placeTokens(text: string, start: number, into: PlacedToken[]): void {
  let at = start;
  for (const token of tokenize(text)) {
    into.push({ text: token, at });
    at += token.length;
  }
}

function wholeParagraphBlocks(blocks: readonly DiffBlock[], type: 'added' | 'removed'): DiffBlock[] {
  const side = type === 'added' ? 'afterIndex' : 'beforeIndex';
  const sharedIndices = new Set(blocks.filter((b) => b.type !== type).map((b) => b[side]));
  return blocks.filter((b) => b.type === type && !sharedIndices.has(b[side]));
}

/** True when the two bags of words differ once case and typography are set aside. */
export function bagsDiffer(removed: readonly string[], added: readonly string[]): boolean {
  const counts = new Map<string, number>();
  for (const word of removed) counts.set(looseText(word), (counts.get(looseText(word)) ?? 0) + 1);
  for (const word of added) counts.set(looseText(word), (counts.get(looseText(word)) ?? 0) - 1);
  return [...counts.values()].some((count) => count !== 0);
}

/** True when `after` has a paragraph `isNotice` accepts that is new, or changed from the paragraph it replaced. */
export function noticeAppeared(evidence: ChangeEvidence, isNotice: (paragraph: string) => boolean): boolean {
  const { before, after, diff } = evidence;
  return diff.blocks.some((block) => {
    if (block.afterIndex === null || (block.type !== 'added' && block.type !== 'edited')) return false;
    const afterParagraph = after.paragraphs[block.afterIndex] ?? block.after ?? '';
    const beforeParagraph = block.beforeIndex === null ? '' : (before.paragraphs[block.beforeIndex] ?? '');
    return isNotice(afterParagraph) && looseText(afterParagraph) !== looseText(beforeParagraph);
  });
}
