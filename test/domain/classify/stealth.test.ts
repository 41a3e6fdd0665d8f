import { describe, expect, it } from 'vitest';
import { classifyChange } from '../../../lambdas/domain/classify';
import { diffArticles } from '../../../lambdas/domain/diff/index';
import type { DiffSide } from '../../../lambdas/domain/diff/types';
import { nprArticle, withParagraph } from '../diff/fixtures/articles';

const original = nprArticle();

function classify(before: DiffSide, after: DiffSide) {
  return classifyChange(before, after, diffArticles(before, after, { budgetMs: 60_000 }));
}

function moveParagraph(side: DiffSide, from: number, to: number, edit: (paragraph: string) => string = (p) => p): DiffSide {
  const paragraphs = [...side.paragraphs];
  const [moved = ''] = paragraphs.splice(from, 1);
  paragraphs.splice(to, 0, edit(moved));
  return { ...side, paragraphs };
}

describe('stealth: moves', () => {
  it('does not call a paragraph moved and nothing else a stealth edit, though it still counts as a change', () => {
    const result = classify(original, moveParagraph(original, 2, 9));
    expect(result.kinds).toEqual(['paragraph-moved']);
    expect(result.stealth).toBe(false);
    expect(result.significance).toBeGreaterThan(0);
  });

  it('still calls a moved paragraph that was reworded on the way a stealth edit', () => {
    const result = classify(
      original,
      moveParagraph(original, 6, 12, (p) => p.replace('particularly', 'especially')),
    );
    expect(result.kinds).toEqual(['paragraph-moved']);
    expect(result.stealth).toBe(true);
  });
});

describe('stealth: edits under a notice the previous version already carried', () => {
  const notices = {
    correction: 'Correction: An earlier version of this story said the headquarters would be in Damascus. It would be in Amman, Jordan.',
    'update notice': 'This story has been updated to include comment from the State Department.',
    'dated update line': 'Updated July 14, 2016 at 6:45 p.m. ET',
  };
  const withNotice = (notice: string): DiffSide => ({ ...original, paragraphs: [...original.paragraphs, notice] });
  const noticeKinds = Object.entries(notices);

  it.each(noticeKinds)('does not call a typo fixed under a standing %s a stealth edit', (_, notice) => {
    const standing = withNotice(notice);
    const result = classify(
      withParagraph(standing, 6, (p) => p.replace('particularly', 'particulary')),
      standing,
    );
    expect(result.kinds).toEqual(['paragraph-edited']);
    expect(result.stealth).toBe(false);
  });

  it.each(noticeKinds)('does not call small rewording or a move under a standing %s a stealth edit', (_, notice) => {
    const standing = withNotice(notice);
    const reworded = withParagraph(standing, 3, (p) => p.replace('said Thursday', 'told reporters Thursday'));
    expect(classify(standing, reworded).stealth).toBe(false);
    expect(
      classify(
        standing,
        moveParagraph(standing, 6, 12, (p) => p.replace('particularly', 'especially')),
      ).stealth,
    ).toBe(false);
  });

  const standing = withNotice(notices.correction);
  it.each<[string, DiffSide, string[]]>([
    [
      'a new paragraph',
      {
        ...standing,
        paragraphs: [
          ...standing.paragraphs.slice(0, 8),
          'Russia denied that its jets had struck civilian targets near Aleppo.',
          ...standing.paragraphs.slice(8),
        ],
      },
      ['paragraph-added'],
    ],
    ['a changed number', withParagraph(standing, 5, (p) => p.replace('5-year-old', '6-year-old')), ['paragraph-edited', 'number']],
    ['a changed quote', withParagraph(standing, 3, (p) => p.replace('not clear', 'unlikely')), ['paragraph-edited', 'quote']],
    ['a changed name', withParagraph(standing, 5, (p) => p.replace('John Kerry', 'Antony Blinken')), ['paragraph-edited', 'name']],
    ['a cut paragraph', { ...standing, paragraphs: standing.paragraphs.filter((_, i) => i !== 8) }, ['paragraph-removed']],
    ['a longer rewording', withParagraph(standing, 6, (p) => p.replace('particularly around', 'above all in and around')), ['paragraph-edited']],
    ['a new headline', { ...standing, title: 'U.S. And Russia Agree To Coordinate Bombing In Syria' }, ['title']],
  ])('still calls %s under a standing correction a stealth edit', (_, edited, kinds) => {
    const result = classify(standing, edited);
    expect(result.kinds).toEqual(kinds);
    expect(result.stealth).toBe(true);
  });

  it('does not let a notice cover the edit that strips it', () => {
    const notice = 'UPDATE: Kerry met Putin for three hours on Thursday.';
    const result = classify(withNotice(notice), withNotice(notice.replace('UPDATE: ', '')));
    expect(result.kinds).toEqual(['paragraph-edited']);
    expect(result.stealth).toBe(true);
  });

  it('lets a changed number under a standing notice pass when the notice changes with it', () => {
    const edited = withParagraph(standing, 5, (p) => p.replace('5-year-old', '6-year-old'));
    const renoticed = { ...edited, paragraphs: [...edited.paragraphs.slice(0, -1), `${notices.correction} The war is in its sixth year.`] };
    const result = classify(standing, renoticed);
    expect(result.kinds).toContain('correction');
    expect(result.stealth).toBe(false);
  });
});
