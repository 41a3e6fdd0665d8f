// The seed stories (NPR, Sputnik, The Daily Herald) in a page full of chrome:
// the body must come back block for block, and none of the chrome with it.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { CHROME_TEXTS, expectedParagraphs, newsPage, seedArticle } from '../../fixtures/extract/pages';

const seeds = [
  { name: 'NPR (caption and credit junk)', article: seedArticle('seed-000-npr.txt', true) },
  {
    name: 'Sputnik (site chrome, related links, tag list, comment widgets)',
    article: seedArticle('seed-003-sputnik.txt', false, 'US Military, Intelligence Officials Doubt Kerry Plan for Syria Cooperation'),
  },
  { name: 'The Daily Herald (copyright and payment-logo footer)', article: seedArticle('seed-004-herald.txt', true) },
];

describe('seed articles wrapped in page chrome', () => {
  for (const { name, article } of seeds) {
    it(`${name}: keeps every paragraph, in order, and nothing else`, () => {
      const result = extract(newsPage(article), 'https://www.example-news.org/2016/07/14/story');
      expect(result.paragraphs).toEqual(expectedParagraphs(article));
      expect(result.text).toBe(result.paragraphs.join('\n\n'));
    });

    it(`${name}: leaves out the chrome`, () => {
      const { text } = extract(newsPage(article));
      const original = expectedParagraphs(article).join('\n');
      for (const chrome of CHROME_TEXTS) {
        if (original.includes(chrome)) continue;
        expect(text, `chrome "${chrome}" leaked into the body`).not.toContain(chrome);
      }
    });

    it(`${name}: reads headline, byline, date, address and language`, () => {
      const result = extract(newsPage(article), 'https://www.example-news.org/2016/07/14/story?utm_source=feed');
      expect(result.title).toBe(article.headline);
      expect(result.byline).toBe('Greg Myre');
      expect(result.publishedAt).toBe('2016-07-14T19:34:00.000Z');
      expect(result.canonicalUrl).toBe('https://www.example-news.org/sections/parallels/2016/07/14/485976022/story');
      expect(result.language).toBe('en-US');
    });
  }
});
