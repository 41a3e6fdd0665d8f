// What the monitor keeps of a suppressed variant (an A/B headline test, a rotating
// paragraph): its headline and a short excerpt of where its text differs from the
// current version, so an auditor learns what the other text said without it ever
// becoming a version.
import { diffArticles } from './diff/index';
import type { DiffSide, WordOp } from './diff/types';
import type { ArticleHead, VariantRecord, VariantSighting } from './types';

/** The most a variant's excerpt holds, in characters. */
export const MAX_VARIANT_EXCERPT = 300;
/** The most a variant's headline holds: a page's headline can be any length; the item must stay small. */
export const MAX_VARIANT_TITLE = 500;
/** Unchanged words kept on each side of an edit, so the excerpt reads in context. */
const CONTEXT_CHARS = 40;
/** A variant diff is a convenience, not a record: it gets a short budget. */
const DIFF_BUDGET_MS = 200;

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** The end of `text`, at most CONTEXT_CHARS, starting at a word. */
function leadContext(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text;
  const tail = text.slice(-CONTEXT_CHARS);
  const space = tail.indexOf(' ');
  return `…${space === -1 ? tail : tail.slice(space + 1)}`;
}

/** The start of `text`, at most CONTEXT_CHARS, ending at a word. */
function tailContext(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text;
  const head = text.slice(0, CONTEXT_CHARS);
  const space = head.lastIndexOf(' ');
  return `${space <= 0 ? head : head.slice(0, space)}…`;
}

/** The variant's side of one edited paragraph: the changed words with a little unchanged text around them. */
function editedPiece(words: readonly WordOp[]): string {
  const kept = words.filter((op) => op.op !== 'removed');
  const first = kept.findIndex((op) => op.op === 'added');
  if (first === -1) {
    // Only words were taken out: show the variant's paragraph as it reads around the gap.
    const gap = words.findIndex((op) => op.op === 'removed');
    const before = words
      .slice(0, gap)
      .map((op) => op.text)
      .join('');
    const after = words
      .slice(gap)
      .filter((op) => op.op === 'equal')
      .map((op) => op.text)
      .join('');
    return `${leadContext(before)}${tailContext(after)}`.trim();
  }
  let last = first;
  kept.forEach((op, index) => {
    if (op.op === 'added') last = index;
  });
  const lead = kept
    .slice(0, first)
    .map((op) => op.text)
    .join('');
  const middle = kept
    .slice(first, last + 1)
    .map((op) => op.text)
    .join('');
  const tail = kept
    .slice(last + 1)
    .map((op) => op.text)
    .join('');
  return `${leadContext(lead)}${middle}${tailContext(tail)}`.trim();
}

/** Where the variant's body differs from the current version's, in the variant's words; '' when only the headline differs. */
export function variantExcerpt(current: DiffSide, variant: DiffSide): string {
  const diff = diffArticles({ ...current, title: '' }, { ...variant, title: '' }, { budgetMs: DIFF_BUDGET_MS });
  const pieces: string[] = [];
  if (diff.byline) pieces.push(`By ${variant.byline}`);
  for (const block of diff.blocks) {
    if (block.words?.some((op) => op.op !== 'equal')) pieces.push(editedPiece(block.words));
    else if (block.type === 'added' && block.after) pieces.push(block.after);
    else if (block.type === 'removed' && block.before) pieces.push(`(without “${cut(block.before, 80)}”)`);
    if (pieces.join(' … ').length >= MAX_VARIANT_EXCERPT) break;
  }
  return cut(pieces.filter(Boolean).join(' … '), MAX_VARIANT_EXCERPT);
}

/** One check's sighting of a variant, against the current version's text. */
export function variantSighting(
  head: Pick<ArticleHead, 'url' | 'source'>,
  current: DiffSide,
  variant: DiffSide & { hash: string },
  seenAt: string,
): VariantSighting {
  return {
    url: head.url,
    source: head.source,
    hash: variant.hash,
    title: cut(variant.title, MAX_VARIANT_TITLE),
    currentTitle: cut(current.title, MAX_VARIANT_TITLE),
    excerpt: variantExcerpt(current, variant),
    seenAt,
  };
}

/** A variant whose headline differs from the current one: what a newsroom calls a headline test. */
export function isHeadlineTest(variant: Pick<VariantRecord, 'title' | 'currentTitle'>): boolean {
  return variant.title !== variant.currentTitle;
}
