// The diff as a reader sees it, for every renderer alike (the side-by-side web
// page, the terminal): headline and byline rows, then one row per aligned
// paragraph with its words marked. A moved paragraph is two rows, one at each
// place, each saying where the other is, so no renderer has to pair them up.
import type { ArticleDiff, DiffBlock, DiffSide, FieldChange, WordOp } from './types';

/** A run of words, in reading order: unchanged, removed or added. Renderers show it inline or split it by side. */
export type Segment = WordOp;

export type DiffRow =
  | { kind: 'field'; name: 'Headline' | 'Byline'; changed: false; text: string }
  | { kind: 'field'; name: 'Headline' | 'Byline'; changed: true; words: Segment[] }
  | { kind: 'equal'; before: string; after: string }
  /** `paragraph` counts from 1 on the side the paragraph is on. */
  | { kind: 'added'; text: string; paragraph: number }
  | { kind: 'removed'; text: string; paragraph: number }
  | { kind: 'edited'; words: Segment[]; paragraph: number }
  /** The paragraph's old place: its text as it was, and the paragraph number it moved to. */
  | { kind: 'moved-away'; text: string; paragraph: number; movedTo: number }
  /** The paragraph's new place: its words (any edit made on the way marked), and where it came from. */
  | { kind: 'moved-here'; words: Segment[]; paragraph: number; movedFrom: number; edited: boolean };

export interface DiffView {
  rows: DiffRow[];
  charsAdded: number;
  charsRemoved: number;
  coarse: boolean;
  /** True when title, byline and body are the same on both sides. */
  identical: boolean;
}

/** The words of one side, for side-by-side renderers: `before` keeps removed words, `after` keeps added ones. */
export function sideOf(words: readonly Segment[], side: 'before' | 'after'): Segment[] {
  const dropped = side === 'before' ? 'added' : 'removed';
  return words.filter((word) => word.op !== dropped);
}

/** A whole paragraph replaced, for edits the diff could not do word by word. */
const replaced = (before: string, after: string): Segment[] => [
  { op: 'removed', text: before },
  { op: 'added', text: after },
];

/** Counts from 1; a paragraph with no index on a side (which the diff never produces) reads as 0. */
const numbered = (index: number | null | undefined): number => (index === null || index === undefined ? 0 : index + 1);

function fieldRow(name: 'Headline' | 'Byline', before: string, after: string, change: FieldChange | null): DiffRow {
  if (change === null) return { kind: 'field', name, changed: false, text: before === after ? before : after };
  return { kind: 'field', name, changed: true, words: change.words };
}

function blockRow(block: DiffBlock): DiffRow {
  switch (block.type) {
    case 'equal':
      return { kind: 'equal', before: block.before ?? '', after: block.after ?? '' };
    case 'added':
      return { kind: 'added', text: block.after ?? '', paragraph: numbered(block.afterIndex) };
    case 'removed':
      return { kind: 'removed', text: block.before ?? '', paragraph: numbered(block.beforeIndex) };
    case 'edited':
      return {
        kind: 'edited',
        words: block.words ?? replaced(block.before ?? '', block.after ?? ''),
        paragraph: numbered(block.afterIndex ?? block.beforeIndex),
      };
    case 'moved':
      if (block.after === null) {
        return {
          kind: 'moved-away',
          text: block.before ?? '',
          paragraph: numbered(block.beforeIndex),
          movedTo: numbered(block.movedTo ?? block.afterIndex),
        };
      }
      return {
        kind: 'moved-here',
        words: block.words ?? [{ op: 'equal', text: block.after }],
        paragraph: numbered(block.afterIndex),
        movedFrom: numbered(block.movedFrom ?? block.beforeIndex),
        edited: block.words?.some((word) => word.op !== 'equal') ?? false,
      };
  }
}

export function diffView(diff: ArticleDiff, before: DiffSide, after: DiffSide): DiffView {
  const rows: DiffRow[] = [
    fieldRow('Headline', before.title, after.title, diff.title),
    fieldRow('Byline', before.byline, after.byline, diff.byline),
    ...diff.blocks.map(blockRow),
  ];
  const identical = diff.title === null && diff.byline === null && diff.blocks.every((block) => block.type === 'equal');
  return { rows, charsAdded: diff.charsAdded, charsRemoved: diff.charsRemoved, coarse: diff.coarse, identical };
}
