import { describe, expect, it } from 'vitest';
import { diffArticles, diffWordsBounded } from '../../../lambdas/domain/diff/index';
import type { DiffSide, WordOp } from '../../../lambdas/domain/diff/types';
import { expectConsistent } from './consistency';
import { nprArticle, readParagraphs, withParagraph } from './fixtures/articles';

// Results must not depend on how busy the machine is; the budget itself is exercised on purpose below.
const NO_RUSH = { budgetMs: 60_000 };

const removedText = (words: WordOp[] | undefined): string[] => (words ?? []).filter((w) => w.op === 'removed').map((w) => w.text.trim());
const addedText = (words: WordOp[] | undefined): string[] => (words ?? []).filter((w) => w.op === 'added').map((w) => w.text.trim());

describe('diffArticles', () => {
  const original = nprArticle();

  it('reports nothing for identical versions', () => {
    const diff = diffArticles(original, structuredClone(original), NO_RUSH);
    expect(diff.title).toBeNull();
    expect(diff.byline).toBeNull();
    expect(diff.blocks.every((block) => block.type === 'equal')).toBe(true);
    expect(diff.charsAdded + diff.charsRemoved).toBe(0);
    expectConsistent(original, original, diff);
  });

  it('shows an edited quote as the replaced words inside its paragraph', () => {
    const edited = withParagraph(original, 3, (p) => p.replace("it's not clear that that will happen", "it's unlikely that that will happen"));
    const diff = diffArticles(original, edited, NO_RUSH);
    const changed = diff.blocks.filter((block) => block.type !== 'equal');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ type: 'edited', beforeIndex: 3, afterIndex: 3 });
    expect(removedText(changed[0]?.words)).toEqual(['not clear']);
    expect(addedText(changed[0]?.words)).toEqual(['unlikely']);
    expect(diff.charsRemoved).toBe('not clear'.length);
    expect(diff.charsAdded).toBe('unlikely'.length);
    expectConsistent(original, edited, diff);
  });

  it('shows a changed figure as one replaced number', () => {
    const edited = withParagraph(original, 5, (p) => p.replace('5-year-old', '6-year-old'));
    const diff = diffArticles(original, edited, NO_RUSH);
    const block = diff.blocks.find((b) => b.type === 'edited');
    expect(removedText(block?.words)).toEqual(['5']);
    expect(addedText(block?.words)).toEqual(['6']);
    expectConsistent(original, edited, diff);
  });

  it('marks a paragraph moved elsewhere as moved, once in each column', () => {
    const paragraphs = [...original.paragraphs];
    const [moved] = paragraphs.splice(2, 1);
    paragraphs.splice(9, 0, moved ?? '');
    const edited = { ...original, paragraphs };
    const diff = diffArticles(original, edited, NO_RUSH);
    const movedBlocks = diff.blocks.filter((b) => b.type === 'moved');
    expect(movedBlocks).toEqual([
      expect.objectContaining({ before: moved, after: null, beforeIndex: 2, movedTo: 9 }),
      expect.objectContaining({ before: null, after: moved, afterIndex: 9, movedFrom: 2 }),
    ]);
    expect(diff.blocks.filter((b) => b.type !== 'equal' && b.type !== 'moved')).toEqual([]);
    expect(diff.charsAdded + diff.charsRemoved).toBe(0);
    expectConsistent(original, edited, diff);
  });

  it('marks a paragraph that was moved and reworded as moved, with the word changes', () => {
    const paragraphs = [...original.paragraphs];
    const [moved = ''] = paragraphs.splice(6, 1);
    paragraphs.splice(1, 0, moved.replace('particularly around', 'especially near'));
    const edited = { ...original, paragraphs };
    const diff = diffArticles(original, edited, NO_RUSH);
    const arrival = diff.blocks.find((b) => b.type === 'moved' && b.after !== null);
    expect(arrival).toMatchObject({ afterIndex: 1, movedFrom: 6 });
    expect(removedText(arrival?.words)).toEqual(['particularly around']);
    expect(addedText(arrival?.words)).toEqual(['especially near']);
    expectConsistent(original, edited, diff);
  });

  it('shows an added and a removed paragraph in place, counting all their characters', () => {
    const note = "NPR's Tom Bowman contributed reporting from the Pentagon.";
    const paragraphs = [...original.paragraphs];
    const [removed = ''] = paragraphs.splice(7, 1);
    paragraphs.push(note);
    const edited = { ...original, paragraphs };
    const diff = diffArticles(original, edited, NO_RUSH);
    expect(diff.blocks.filter((b) => b.type === 'removed')).toEqual([{ type: 'removed', before: removed, after: null, beforeIndex: 7, afterIndex: null }]);
    expect(diff.blocks.filter((b) => b.type === 'added')).toEqual([
      { type: 'added', before: null, after: note, beforeIndex: null, afterIndex: paragraphs.length - 1 },
    ]);
    expect(diff.blocks[diff.blocks.length - 1]?.type).toBe('added');
    expect(diff.charsAdded).toBe(note.length);
    expect(diff.charsRemoved).toBe(removed.length);
    expectConsistent(original, edited, diff);
  });

  it('diffs a rewritten headline word by word', () => {
    const edited = { ...original, title: 'U.S. And Russia Agree To Coordinate Bombing In Syria' };
    const diff = diffArticles(original, edited, NO_RUSH);
    expect(diff.title?.before).toBe(original.title);
    expect(diff.title?.after).toBe(edited.title);
    expect(removedText(diff.title?.words)).toContain('Working On A Plan');
    expect(addedText(diff.title?.words)).toContain('Agree');
    expect(diff.title?.words.filter((w) => w.op === 'equal').map((w) => w.text.trim())).toContain('Russia');
    expect(diff.blocks.every((b) => b.type === 'equal')).toBe(true);
    expectConsistent(original, edited, diff);
  });

  it('shows two paragraphs merged into one as pieces aligned with each original', () => {
    const paragraphs = [...original.paragraphs];
    const merged = `${paragraphs[4]} ${paragraphs[5]?.replace('was set to meet', 'met')}`;
    paragraphs.splice(4, 2, merged);
    const edited = { ...original, paragraphs };
    const diff = diffArticles(original, edited, NO_RUSH);
    const pieces = diff.blocks.filter((b) => b.afterIndex === 4);
    expect(pieces.map((b) => b.beforeIndex)).toEqual([4, 5]);
    expect(pieces.every((b) => b.type === 'edited' || b.type === 'equal')).toBe(true);
    expect(removedText(pieces[1]?.words)).toEqual(['was set to meet']);
    expectConsistent(original, edited, diff);
  });

  it('gives a readable result for the spun copy repeated 16 times, not one whole-text replace', () => {
    const before: DiffSide = { title: '', byline: '', paragraphs: Array.from({ length: 16 }, () => readParagraphs('npr-original')).flat() };
    const after: DiffSide = { title: '', byline: '', paragraphs: Array.from({ length: 16 }, () => readParagraphs('npr-spun')).flat() };
    const diff = diffArticles(before, after, NO_RUSH);
    expect(diff.coarse).toBe(false);
    const alignedBefore = new Set(
      diff.blocks.filter((b) => b.type === 'edited' && b.words?.some((w) => w.op === 'equal' && /\w{3}/.test(w.text))).map((b) => b.beforeIndex),
    );
    expect(alignedBefore.size).toBeGreaterThan(0.75 * before.paragraphs.length);
    // Each copy of the spun text is matched with its own copy of the original, in order.
    for (let copy = 0; copy < 16; copy++) {
      const pieces = diff.blocks.filter((b) => b.afterIndex === copy && b.beforeIndex !== null);
      expect(pieces.length).toBeGreaterThan(10);
      const perCopy = before.paragraphs.length / 16;
      expect(pieces.every((b) => Math.floor((b.beforeIndex ?? -1) / perCopy) === copy)).toBe(true);
    }
    expectConsistent(before, after, diff);
  });

  it('falls back to replacing whole sentences when the time budget is spent, and says so', () => {
    const edited = withParagraph(original, 3, (p) => p.replace('not clear', 'unlikely'));
    const diff = diffArticles(original, edited, { budgetMs: 0 });
    expect(diff.coarse).toBe(true);
    const block = diff.blocks.find((b) => b.type === 'edited');
    const changedSentence = (paragraph: string | undefined): string => paragraph?.slice(paragraph.indexOf('"I know')) ?? '';
    expect(removedText(block?.words)).toEqual([changedSentence(original.paragraphs[3])]);
    expect(addedText(block?.words)).toEqual([changedSentence(edited.paragraphs[3])]);
    expectConsistent(original, edited, diff);
  });

  it('never loses text when whole stretches are replaced', () => {
    const edited: DiffSide = {
      title: 'Kerry And Putin Meet',
      byline: 'Michele Kelemen',
      paragraphs: ['Completely new lead paragraph about talks in Moscow.', ...original.paragraphs.slice(10, 14), 'A new ending.'],
    };
    const diff = diffArticles(original, edited, NO_RUSH);
    expectConsistent(original, edited, diff);
  });
});

describe('diffWordsBounded', () => {
  it('returns word ops that rebuild both texts', () => {
    const ops = diffWordsBounded('At least 5 people were killed, officials said.', 'At least 7 people were killed, officials said Friday.', 50);
    expect(ops).toEqual([
      { op: 'equal', text: 'At least ' },
      { op: 'removed', text: '5' },
      { op: 'added', text: '7' },
      { op: 'equal', text: ' people were killed, officials said' },
      { op: 'added', text: ' Friday' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('replaces the whole text when given no time', () => {
    expect(diffWordsBounded('old words', 'new words', 0)).toEqual([
      { op: 'removed', text: 'old words' },
      { op: 'added', text: 'new words' },
    ]);
  });
});
