// The shape of a diff between two versions of an article. Produced by the
// diff engine, consumed by the classifier, the pages and the terminal view.

export interface WordOp {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

/**
 * One aligned row of a side-by-side diff.
 * - equal:   same paragraph on both sides
 * - added:   only in the newer version (`after`)
 * - removed: only in the older version (`before`)
 * - edited:  a paragraph changed in place; `words` holds the word-level diff
 * - moved:   the same (or nearly the same) paragraph at another position; `words` set if it was also edited
 */
export interface DiffBlock {
  type: 'equal' | 'added' | 'removed' | 'edited' | 'moved';
  before: string | null;
  after: string | null;
  /** Paragraph index in each version, when present on that side. */
  beforeIndex: number | null;
  afterIndex: number | null;
  words?: WordOp[];
  /**
   * On a `moved` block at the paragraph's old place (before column only): its index in the newer version.
   * The matching block at the new place (after column only) carries `movedFrom`, and `words` when it was also edited.
   */
  movedTo?: number;
  /** On a `moved` block at the paragraph's new place: its index in the older version. */
  movedFrom?: number;
}

export interface FieldChange {
  before: string;
  after: string;
  words: WordOp[];
}

export interface ArticleDiff {
  title: FieldChange | null;
  byline: FieldChange | null;
  blocks: DiffBlock[];
  charsAdded: number;
  charsRemoved: number;
  /**
   * True when the time budget ran out and part of the diff was done coarsely: sentences paired by
   * position instead of by their words, sentences or paragraphs shown as whole replaces, or
   * reworded moves not looked for. Both columns still rebuild both versions.
   */
  coarse: boolean;
}

/** The parts of a version the diff looks at. */
export interface DiffSide {
  title: string;
  byline: string;
  paragraphs: string[];
}
