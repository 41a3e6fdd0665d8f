import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../lambdas/domain/diff/deadline';
import { diffArticles } from '../../../lambdas/domain/diff/index';
import { alignParagraphs } from '../../../lambdas/domain/diff/paragraphs';
import type { DiffSide, WordOp } from '../../../lambdas/domain/diff/types';
import { expectConsistent } from './consistency';
import { nprArticle, readParagraphs, withParagraph } from './fixtures/articles';

const removedText = (words: WordOp[] | undefined): string[] => (words ?? []).filter((w) => w.op === 'removed').map((w) => w.text.trim());
const addedText = (words: WordOp[] | undefined): string[] => (words ?? []).filter((w) => w.op === 'added').map((w) => w.text.trim());

function spunPair(times: number): { before: DiffSide; after: DiffSide } {
  const copies = (name: 'npr-original' | 'npr-spun'): string[] => Array.from({ length: times }, () => readParagraphs(name)).flat();
  return { before: { title: '', byline: '', paragraphs: copies('npr-original') }, after: { title: '', byline: '', paragraphs: copies('npr-spun') } };
}

/** A deadline that passes after it has been asked `checks` times: the budget running out at a chosen step, whatever the machine. */
function deadlineAfterChecks(checks: number): Deadline {
  let left = checks;
  const deadline: Deadline = { expired: () => left-- <= 0, share: () => deadline };
  return deadline;
}

describe('diffArticles under a time budget', () => {
  it('still accounts for every word of a 200 KB pair given almost no time, and says the result is coarse', () => {
    const { before, after } = spunPair(32);
    const diff = diffArticles(before, after, { budgetMs: 1 });
    expect(diff.coarse).toBe(true);
    expectConsistent(before, after, diff);
  });

  it('with no time at all, keeps unchanged paragraphs and sentences aligned and replaces only the changed sentence', () => {
    const original = nprArticle();
    const note = "NPR's Tom Bowman contributed reporting from the Pentagon.";
    const reworded = withParagraph(original, 3, (p) => p.replace('not clear', 'unlikely'));
    const paragraphs = [...reworded.paragraphs];
    paragraphs.splice(8, 0, note);
    const edited = { ...reworded, paragraphs };
    const diff = diffArticles(original, edited, { budgetMs: 0 });
    expect(diff.coarse).toBe(true);
    const equalBefore = diff.blocks.filter((b) => b.type === 'equal').map((b) => b.beforeIndex);
    expect(equalBefore).toEqual(original.paragraphs.map((_, i) => i).filter((i) => i !== 3));
    expect(diff.blocks.filter((b) => b.type === 'added')).toEqual([{ type: 'added', before: null, after: note, beforeIndex: null, afterIndex: 8 }]);
    const block = diff.blocks.find((b) => b.type === 'edited');
    expect(block).toMatchObject({ beforeIndex: 3, afterIndex: 3 });
    const changedSentence = (paragraph: string | undefined): string => paragraph?.slice(paragraph.indexOf('"I know')) ?? '';
    expect(removedText(block?.words)).toEqual([changedSentence(original.paragraphs[3])]);
    expect(addedText(block?.words)).toEqual([changedSentence(edited.paragraphs[3])]);
    expectConsistent(original, edited, diff);
  });

  it('gives both versions back column by column however early the time runs out, keeping the word diffs it had time for', () => {
    const { before, after } = spunPair(2);
    let checksNeeded = 0;
    const counting: Deadline = {
      expired: () => {
        checksNeeded++;
        return false;
      },
      share: () => counting,
    };
    const unhurried = alignParagraphs(before.paragraphs, after.paragraphs, counting);
    expect(unhurried.coarse).toBe(false);
    const partlyAligned: number[] = [];
    for (let checks = 0; checks < checksNeeded; checks++) {
      const body = alignParagraphs(before.paragraphs, after.paragraphs, deadlineAfterChecks(checks));
      expect(body.coarse).toBe(true);
      expectConsistent(before, after, { title: null, byline: null, blocks: body.blocks, charsAdded: 0, charsRemoved: 0, coarse: body.coarse });
      const aligned = body.blocks.filter((b) => b.type === 'edited' && b.words?.some((w) => w.op === 'equal' && /\w{3}/.test(w.text)));
      partlyAligned.push(aligned.length);
    }
    const fullyAligned = unhurried.blocks.filter((b) => b.type === 'edited' && b.words?.some((w) => w.op === 'equal' && /\w{3}/.test(w.text))).length;
    expect(partlyAligned[0]).toBe(0);
    expect(partlyAligned.some((count) => count > 0 && count < fullyAligned)).toBe(true);
  });
});
