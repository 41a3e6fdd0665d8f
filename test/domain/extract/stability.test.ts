// The same article fetched twice, with everything around it rotated (ad ids,
// widget order, nonces, counters, "updated" stamps, sidebar order), must give
// the same extraction, or every check would record a false edit.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { FIRST_FETCH, LATER_FETCH, newsPage, seedArticle, type Rotation } from '../../fixtures/extract/pages';

const article = seedArticle('seed-000-npr.txt', true);
const url = 'https://www.npr.org/sections/parallels/2016/07/14/485976022/story';

describe('stability across rotating chrome', () => {
  it('gives identical output for two fetches whose chrome differs in every rotating part', () => {
    const before = newsPage(article, FIRST_FETCH);
    const after = newsPage(article, LATER_FETCH);
    expect(after).not.toBe(before);
    expect(extract(after, url)).toEqual(extract(before, url));
  });

  it('gives identical output whichever order the widgets come in', () => {
    const orders: Rotation['widgetOrder'][] = [
      ['share', 'ad', 'related', 'newsletter'],
      ['ad', 'newsletter', 'share', 'related'],
      ['related', 'share', 'newsletter', 'ad'],
    ];
    const results = orders.map((widgetOrder) => extract(newsPage(article, { ...FIRST_FETCH, widgetOrder }), url));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('is not moved by a counter or time stamp that changes on every fetch', () => {
    const counts = [0, 7, 1_000_000].map((commentCount) =>
      extract(newsPage(article, { ...FIRST_FETCH, commentCount, updatedAgo: `${commentCount} minutes ago` }), url),
    );
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
  });

  it('returns the same result for the same page every time', () => {
    const html = newsPage(article, LATER_FETCH);
    expect(extract(html, url)).toEqual(extract(html, url));
  });
});
