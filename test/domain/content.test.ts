import { describe, expect, it } from 'vitest';
import { isCorrectionNotice, isDatedUpdateLine, isUpdateNotice, looseArticle, prepareContent } from '../../lambdas/domain/content';

const body = [
  'The U.S. and Russia are working on a controversial plan for greater military cooperation in Syria.',
  '"At present, the United States is not conducting or coordinating military operations with Russia," White House spokesman Josh Earnest said Thursday.',
];
const article = (paragraphs: string[], title = 'U.S., Russia Working On A Plan To Coordinate Bombing In Syria') => ({
  title,
  byline: 'Bill Chappell',
  paragraphs,
});

describe('prepareContent', () => {
  it('gives the same hash when only an "Updated N minutes ago" line changed', () => {
    const first = prepareContent(article(['Updated 3 minutes ago', ...body]));
    const second = prepareContent(article(['Updated 17 minutes ago', ...body]));
    expect(second.hash).toBe(first.hash);
    expect(first.paragraphs).toEqual(body);
  });

  it.each([
    ['a "Last updated" date stamp', 'Last updated: July 14, 2016, 3:45 p.m. ET'],
    ['a published time stamp', 'Published 10:32 AM EDT, Thu July 14, 2016'],
    ['a relative time', '2 hours ago'],
    ['a reading time', '5 min read'],
    ['a view counter', '12,408 views'],
    ['a comment counter', 'Comments (37)'],
  ])('drops a paragraph that is only %s', (_, stamp) => {
    const prepared = prepareContent(article([body[0] ?? '', stamp, body[1] ?? '']));
    expect(prepared.paragraphs).toEqual(body);
    expect(prepared.hash).toBe(prepareContent(article(body)).hash);
  });

  it('strips stamps glued to the start or end of a paragraph, and keeps the words', () => {
    const prepared = prepareContent(article([`Updated 2 hours ago · ${body[0] ?? ''}`, `${body[1] ?? ''} · 4 min read`]));
    expect(prepared.paragraphs).toEqual(body);
  });

  it.each([
    ['behind a sentence end', `${body[1] ?? ''} 3 hours ago.`],
    ['named as a stamp', `${body[1] ?? ''} posted 2 days ago`],
    ['behind a separator', `${body[1] ?? ''} | Updated July 14, 2016`],
    ['as a counter behind a separator', `${body[1] ?? ''} · 1,204 shares`],
  ])('strips a stamp glued to the end of a paragraph %s', (_, paragraph) => {
    expect(prepareContent(article([body[0] ?? '', paragraph])).paragraphs).toEqual(body);
  });

  it.each([
    ['a word that a stamp ends with', 'The talks continue now'],
    ['a separator that comes with no stamp', 'Kerry | Lavrov talks ran past midnight'],
  ])('keeps a paragraph ending in %s', (_, paragraph) => {
    expect(prepareContent(article([paragraph])).paragraphs).toEqual([paragraph]);
  });

  it.each([
    ['a tab', 'The U.S.\tand Russia'],
    ['a line break', 'The U.S.\nand Russia'],
    ['two spaces', 'The U.S.  and Russia'],
    ['a byte-order mark', 'The U.S.\ufeffand Russia'],
    ['a line separator', 'The U.S.\u2028and Russia'],
    ['a space at the start', ' The U.S. and Russia'],
    ['a space at the end', 'The U.S. and Russia '],
  ])('hashes a paragraph with %s as its collapsed form', (_, paragraph) => {
    const collapsed = prepareContent(article(['The U.S. and Russia']));
    const prepared = prepareContent(article([paragraph]));
    expect(prepared.paragraphs).toEqual(['The U.S. and Russia']);
    expect(prepared.hash).toBe(collapsed.hash);
  });

  it('keeps a time that is part of the sentence itself', () => {
    const sentence = 'Witnesses said the first blast came about 5 minutes ago';
    expect(prepareContent(article([sentence])).paragraphs).toEqual([sentence]);
  });

  it('keeps an update notice, which is news, while dropping an update stamp, which is noise', () => {
    const notice = 'Updated at 3:45 p.m. with comment from the State Department.';
    expect(prepareContent(article([...body, notice])).paragraphs).toEqual([...body, notice]);
  });

  it('collapses whitespace and non-breaking spaces and drops empty paragraphs', () => {
    const prepared = prepareContent(article(['  The U.S.\u00a0and   Russia\n are working.  ', '   ', '\u00a0']));
    expect(prepared.paragraphs).toEqual(['The U.S. and Russia are working.']);
    expect(prepared.text).toBe('The U.S. and Russia are working.');
    expect(prepared.hash).toBe(prepareContent(article(['The U.S. and Russia are working.'])).hash);
  });

  it('joins paragraphs with a blank line in text', () => {
    expect(prepareContent(article(body)).text).toBe(`${body[0]}\n\n${body[1]}`);
  });

  it('tells a typography-only change (curly quotes, dashes, case) from a change of words', () => {
    const straight = prepareContent(article(body));
    const curly = prepareContent(
      article([body[0] ?? '', (body[1] ?? '').replace('"At', '\u201cAt').replace('Russia,"', 'Russia,\u201d').replace('Thursday', 'thursday')]),
    );
    const reworded = prepareContent(article([body[0] ?? '', (body[1] ?? '').replace('Thursday', 'Friday')]));
    expect(curly.hash).not.toBe(straight.hash);
    expect(looseArticle(curly)).toBe(looseArticle(straight));
    expect(looseArticle(reworded)).not.toBe(looseArticle(straight));
  });

  it('folds dash styles and zero-width characters in the loose form only', () => {
    const plain = prepareContent(article(['A partial cease-fire was announced in February - but fighting resumed.']));
    const fancy = prepareContent(article(['A partial cease\u2011fire was announced in Feb\u200Bruary\u2014but fighting resumed.']));
    expect(fancy.hash).not.toBe(plain.hash);
    expect(looseArticle(fancy)).toBe(looseArticle(plain));
  });

  it('counts the headline and byline in the hash and in the loose form', () => {
    const base = prepareContent(article(body));
    const retitled = prepareContent(article(body, 'U.S. And Russia Agree On Syria Strikes'));
    expect(retitled.hash).not.toBe(base.hash);
    expect(looseArticle(retitled)).not.toBe(looseArticle(base));
  });

  it("leaves the caller's article untouched", () => {
    const input = article(['Updated 3 minutes ago', ' padded\u00a0text ']);
    const copy = structuredClone(input);
    prepareContent(input);
    expect(input).toEqual(copy);
  });
});

describe('isCorrectionNotice', () => {
  it.each([
    'Correction: An earlier version of this article misstated the location of the proposed headquarters.',
    'CORRECTION (July 15, 2016): A previous version of this story gave the wrong age for the civil war.',
    "Editor's note: This story has been revised to remove an unverified claim.",
    'Clarification: The plan was described to the newspaper, not published by it.',
    'An earlier version of this article incorrectly said the document was 12 pages long.',
    "This article has been corrected to reflect the spokesman's title. We regret the error.",
  ])('recognises %s', (paragraph) => {
    expect(isCorrectionNotice(paragraph)).toBe(true);
  });

  it.each([
    'The correction in oil prices surprised analysts.',
    'Updated 5 minutes ago',
    'UPDATE: Kerry met Putin for three hours on Thursday.',
    'White House spokesman Josh Earnest said Thursday that no agreement had been reached.',
  ])('does not mistake %s for a correction', (paragraph) => {
    expect(isCorrectionNotice(paragraph)).toBe(false);
  });
});

describe('isUpdateNotice', () => {
  it.each([
    'UPDATE: Kerry met Putin for three hours on Thursday.',
    'Updated at 3:45 p.m. with comment from the State Department.',
    'This story has been updated to include the White House response.',
    'This article was updated to include comment from the Pentagon.',
    'This is a developing story and will be updated.',
  ])('recognises %s', (paragraph) => {
    expect(isUpdateNotice(paragraph)).toBe(true);
  });

  it.each([
    'Updated 5 minutes ago',
    'Last updated: July 14, 2016 3:45 p.m.',
    'Updated: 14/07/2016 15:45',
    'The Russians would update their maps daily, according to the document.',
  ])('does not mistake %s for an update notice', (paragraph) => {
    expect(isUpdateNotice(paragraph)).toBe(false);
  });
});

describe('isDatedUpdateLine', () => {
  it.each([
    'Updated July 14, 2016 at 6:45 p.m. ET',
    'Updated: 14 July 2016 10:45 BST',
    'UPDATE (3:15 p.m.):',
    'Updated on July 15, 2016',
    'Last updated: July 14, 2016 3:45 p.m.',
    '*Updated 10:30 a.m.*',
  ])('recognises %s', (paragraph) => {
    expect(isDatedUpdateLine(paragraph)).toBe(true);
  });

  it.each([
    'Updated 5 minutes ago',
    'UPDATE: Kerry met Putin for three hours on Thursday.',
    'Updated at 3:45 p.m. with comment from the State Department.',
    'UPDATE (3:15 p.m.): Kerry met Putin.',
    'Published July 14, 2016',
    'The Russians would update their maps on July 14.',
  ])('does not mistake %s for a dated update line', (paragraph) => {
    expect(isDatedUpdateLine(paragraph)).toBe(false);
  });
});
