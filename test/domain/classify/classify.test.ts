import { describe, expect, it } from 'vitest';
import { classifyChange } from '../../../lambdas/domain/classify';
import { prepareContent } from '../../../lambdas/domain/content';
import { diffArticles } from '../../../lambdas/domain/diff/index';
import type { DiffSide } from '../../../lambdas/domain/diff/types';
import { nprArticle, withParagraph } from '../diff/fixtures/articles';

const original = nprArticle();

function classify(before: DiffSide, after: DiffSide) {
  return classifyChange(before, after, diffArticles(before, after, { budgetMs: 60_000 }));
}

/** As the checker sees versions: prepared first. */
function prepared(side: DiffSide): DiffSide {
  const { title, byline, paragraphs } = prepareContent(side);
  return { title, byline, paragraphs };
}

describe('classifyChange', () => {
  it('flags a reworded quote as a stealth quote edit', () => {
    const edited = withParagraph(original, 3, (p) => p.replace("it's not clear that that will happen", "it's unlikely that that will happen"));
    const result = classify(original, edited);
    expect(result.kinds).toEqual(['paragraph-edited', 'quote']);
    expect(result.boring).toBe(false);
    expect(result.stealth).toBe(true);
    expect(result.summary).toBe('1 paragraph edited (a quote)');
    expect(result.excerpts).toHaveLength(1);
    expect(result.excerpts[0]?.before).toContain("it's not clear that that will happen");
    expect(result.excerpts[0]?.after).toContain("it's unlikely that that will happen");
  });

  it('does not call an edit outside quotation marks a quote change', () => {
    const edited = withParagraph(original, 3, (p) =>
      p.replace('White House spokesman Josh Earnest said Thursday', 'White House spokesman Josh Earnest told reporters Thursday'),
    );
    expect(classify(original, edited).kinds).not.toContain('quote');
  });

  it('flags a changed figure as a number edit', () => {
    const edited = withParagraph(original, 5, (p) => p.replace('5-year-old', '6-year-old'));
    const result = classify(original, edited);
    expect(result.kinds).toEqual(['paragraph-edited', 'number']);
    expect(result.stealth).toBe(true);
    expect(result.significance).toBeGreaterThan(0.1);
  });

  it('flags a swapped name as a name edit', () => {
    const edited = withParagraph(original, 5, (p) => p.replace('John Kerry', 'Antony Blinken'));
    const result = classify(original, edited);
    expect(result.kinds).toEqual(['paragraph-edited', 'name']);
    expect(result.summary).toBe('1 paragraph edited (a name)');
  });

  it('does not mistake a changed word at the start of a sentence for a name', () => {
    const edited = withParagraph(original, 6, (p) => p.replace('A partial cease-fire', 'One partial cease-fire'));
    expect(classify(original, edited).kinds).toEqual(['paragraph-edited']);
  });

  it('reports a moved paragraph', () => {
    const paragraphs = [...original.paragraphs];
    const [moved = ''] = paragraphs.splice(2, 1);
    paragraphs.splice(9, 0, moved);
    const result = classify(original, { ...original, paragraphs });
    expect(result.kinds).toEqual(['paragraph-moved']);
    expect(result.summary).toBe('1 paragraph moved');
  });

  it('reports added and removed paragraphs, a removed one as stealth', () => {
    const paragraphs = [...original.paragraphs];
    paragraphs.splice(8, 1);
    const removed = classify(original, { ...original, paragraphs });
    expect(removed.kinds).toEqual(['paragraph-removed']);
    expect(removed.stealth).toBe(true);
    expect(removed.excerpts[0]).toEqual({ before: original.paragraphs[8], after: '' });

    const added = classify(original, { ...original, paragraphs: [...original.paragraphs, "NPR's Tom Bowman contributed reporting from the Pentagon."] });
    expect(added.kinds).toEqual(['paragraph-added']);
    expect(added.summary).toBe('1 paragraph added');
  });

  it('recognises an appended correction, and does not call the change stealth', () => {
    const correction = 'Correction: An earlier version of this story said the headquarters would be in Damascus. It would be in Amman, Jordan.';
    const paragraphs = original.paragraphs.map((p) => p.replace('possibly in Amman, Jordan', 'possibly in Damascus'));
    const before = { ...original, paragraphs };
    const after = { ...original, paragraphs: [...original.paragraphs, correction] };
    const result = classify(before, after);
    expect(result.kinds).toEqual(['paragraph-added', 'paragraph-edited', 'name', 'correction']);
    expect(result.stealth).toBe(false);
    expect(result.summary).toBe('1 paragraph edited (a name); 1 paragraph added; correction notice added');
  });

  it('recognises an update notice', () => {
    const notice = 'This story has been updated to include comment from the State Department.';
    const result = classify(original, { ...original, paragraphs: [notice, ...original.paragraphs] });
    expect(result.kinds).toEqual(['paragraph-added', 'update-notice']);
    expect(result.stealth).toBe(false);
  });

  it('reports a rewritten headline first in the summary', () => {
    const edited = { ...original, title: 'U.S. And Russia Agree To Coordinate Bombing In Syria' };
    const result = classify(original, edited);
    expect(result.kinds).toEqual(['title']);
    expect(result.stealth).toBe(true);
    expect(result.summary).toBe('Headline changed');
    expect(result.excerpts[0]).toEqual({ before: original.title, after: edited.title });
  });

  it('summarises several kinds of edit in one line', () => {
    let edited = { ...original, title: 'U.S. And Russia Agree To Coordinate Bombing In Syria' };
    edited = withParagraph(edited, 3, (p) => p.replace('not clear', 'unlikely'));
    edited = withParagraph(edited, 5, (p) => p.replace('5-year-old', '6-year-old'));
    edited = { ...edited, paragraphs: [...edited.paragraphs, 'Kerry left Moscow on Friday.'] };
    const result = classify(original, edited);
    expect(result.summary).toBe('Headline changed; 2 paragraphs edited (a quote, a number); 1 paragraph added');
    expect(result.excerpts).toHaveLength(3);
    expect(result.significance).toBeGreaterThan(
      classify(
        original,
        withParagraph(original, 5, (p) => p.replace('5-year-old', '6-year-old')),
      ).significance,
    );
  });

  it('calls curly-vs-straight quotes only a boring change, with no significance and no stealth', () => {
    const curly = withParagraph(original, 3, (p) => p.replace(/"([^"]*)"/g, '\u201c$1\u201d').replace(/'/g, '\u2019'));
    const before = prepared(original);
    const after = prepared(curly);
    expect(prepareContent(curly).hash).not.toBe(prepareContent(original).hash);
    const result = classify(before, after);
    expect(result.boring).toBe(true);
    expect(result.significance).toBe(0);
    expect(result.stealth).toBe(false);
    expect(result.kinds).not.toContain('quote');
  });

  it('calls a non-breaking-space-only change boring', () => {
    const nbsp = withParagraph(original, 4, (p) => p.replace('Bashar Assad', 'Bashar\u00a0Assad'));
    const result = classify(original, nbsp);
    expect(result.boring).toBe(true);
    expect(result.stealth).toBe(false);
    expect(prepareContent(nbsp).hash).toBe(prepareContent(original).hash);
  });

  it('calls a letter-case-only change boring, not a name change', () => {
    const recased = { ...original, title: original.title.toUpperCase() };
    const result = classify(original, recased);
    expect(result.boring).toBe(true);
    expect(result.kinds).toEqual(['title']);
    expect(result.significance).toBe(0);
  });

  it('scores a bigger rewrite as more significant than a small one', () => {
    const small = withParagraph(original, 6, (p) => p.replace('particularly', 'especially'));
    const large = { ...original, paragraphs: original.paragraphs.map((p, i) => (i >= 6 && i <= 10 ? p.replace(/\b(the|a|of)\b/g, 'THE') : p)) };
    const smallScore = classify(original, small).significance;
    const largeScore = classify(original, large).significance;
    expect(smallScore).toBeGreaterThan(0);
    expect(largeScore).toBeGreaterThan(smallScore);
    expect(largeScore).toBeLessThanOrEqual(1);
  });

  it('keeps excerpts short enough for a feed', () => {
    const paragraphs = original.paragraphs.map((p) => `${p} ${'Moscow and Washington disagree. '.repeat(20)}`);
    const result = classify(original, { ...original, paragraphs });
    expect(result.excerpts).toHaveLength(3);
    for (const excerpt of result.excerpts) {
      expect(excerpt.before.length).toBeLessThanOrEqual(300);
      expect(excerpt.after.length).toBeLessThanOrEqual(300);
    }
  });
});

describe('classifyChange: figures written in words', () => {
  /** The NPR story with one sentence appended to paragraph 6 that names a figure. */
  const withFigure = (phrase: string) => withParagraph(original, 6, (p) => `${p} Officials described ${phrase} in the region.`);

  it.each([
    ['a five-year plan', 'a six-year plan'],
    ['three convoys', 'four convoys'],
    ['a dozen convoys', 'two dozen convoys'],
    ['the first convoy', 'the second convoy'],
    ['hundreds of refugees', 'thousands of refugees'],
    ['twenty-one convoys', 'twenty-two convoys'],
    ['one convoy', 'no convoy'],
  ])('calls "%s" to "%s" a changed number', (from, to) => {
    const result = classify(withFigure(from), withFigure(to));
    expect(result.kinds).toEqual(['paragraph-edited', 'number']);
    expect(result.summary).toBe('1 paragraph edited (a number)');
  });

  it.each([
    ['no one objected to the plan', 'nobody objected to the plan'],
    ['a convoy', 'one convoy'],
    ['a convoy', 'the convoy'],
    ['an aid convoy', 'the aid convoy'],
  ])('does not call "%s" to "%s" a changed number', (from, to) => {
    expect(classify(withFigure(from), withFigure(to)).kinds).toEqual(['paragraph-edited']);
  });
});

describe('classifyChange: update lines that only give a date', () => {
  const numberEdited = withParagraph(original, 5, (p) => p.replace('5-year-old', '6-year-old'));

  it.each(['Updated July 14, 2016 at 6:45 p.m. ET', 'Updated: 14 July 2016 10:45 BST', 'UPDATE (3:15 p.m.):'])(
    'calls an added "%s" line an update notice, so the edit that came with it is not stealth',
    (line) => {
      const result = classify(original, { ...numberEdited, paragraphs: [line, ...numberEdited.paragraphs] });
      expect(result.kinds).toEqual(['paragraph-added', 'paragraph-edited', 'number', 'update-notice']);
      expect(result.stealth).toBe(false);
      expect(result.summary).toBe('1 paragraph edited (a number); 1 paragraph added; update notice added');
    },
  );

  it('calls a re-dated update line an update notice, and its own new date no changed number or name', () => {
    const stamped = (line: string, side: DiffSide) => ({ ...side, paragraphs: [line, ...side.paragraphs] });
    const quoteEdited = withParagraph(original, 3, (p) => p.replace('not clear', 'unlikely'));
    const result = classify(stamped('Updated July 14, 2016 at 3:00 p.m. ET', original), stamped('Updated August 2, 2016 at 9:10 a.m. ET', quoteEdited));
    expect(result.kinds).toEqual(['paragraph-edited', 'quote', 'update-notice']);
    expect(result.stealth).toBe(false);
  });

  it('does not call a dated update line that was already there, unchanged, a new notice', () => {
    const line = 'Updated July 14, 2016 at 6:45 p.m. ET';
    const result = classify({ ...original, paragraphs: [line, ...original.paragraphs] }, { ...numberEdited, paragraphs: [line, ...numberEdited.paragraphs] });
    expect(result.kinds).toEqual(['paragraph-edited', 'number']);
    expect(result.stealth).toBe(true);
  });

  it('does not call a relative "Updated 5 minutes ago" stamp a notice', () => {
    const result = classify(original, { ...numberEdited, paragraphs: ['Updated 5 minutes ago', ...numberEdited.paragraphs] });
    expect(result.kinds).not.toContain('update-notice');
    expect(result.stealth).toBe(true);
  });
});
