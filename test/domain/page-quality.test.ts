import { describe, expect, it } from 'vitest';
import { judgePage } from '../../lambdas/domain/page-quality';

const article = 'The council voted on Tuesday to approve the new budget after a long debate. '.repeat(20);

describe('is this page an article?', () => {
  it('accepts an article', () => {
    expect(judgePage({ title: 'Council approves budget', text: article }, null).kind).toBe('article');
  });

  it.each([
    ['Just a moment...', 'Checking your browser before accessing the site. Please verify you are human.', /bot wall/],
    ['Before you continue', 'We value your privacy. Accept all cookies or manage your consent settings.', /consent wall/],
    ['Subscribe', 'This article is only available to subscribers. Subscribe now to continue reading.', /paywall/],
    ['Page not found', 'Sorry, the page you are looking for could not be found.', /error page/],
    ['Error 503', 'Service temporarily unavailable. Please try again later.', /error page/],
    ['', '', /collapsed/],
  ])('rejects "%s"', (title, text, reason) => {
    const verdict = judgePage({ title, text }, article.length);
    expect(verdict.kind).toBe('rejected');
    expect(verdict.kind === 'rejected' && verdict.reason).toMatch(reason);
  });

  it.each(['S&P 500 closes at a record high', 'Missing hiker not found after three days', 'Referee error costs City the title'])(
    'accepts a short real brief headlined "%s"',
    (title) => {
      const brief = 'The index rose on Tuesday as investors bet on lower rates, analysts said. '.repeat(12);
      expect(judgePage({ title, text: brief }, brief.length).kind).toBe('article');
    },
  );

  it('does not mistake a long article that mentions cookies for a wall', () => {
    const text = `${article} Officials said residents should accept all cookies offered at the bake sale.`;
    expect(judgePage({ title: 'Bake sale', text }, null).kind).toBe('article');
  });

  it('rejects a page with more text than any article has', () => {
    const verdict = judgePage({ title: 'Archive', text: 'x '.repeat(400_000) }, null);
    expect(verdict.kind === 'rejected' && verdict.reason).toMatch(/too long to be one article/);
  });

  it('flags a drastic shrink rather than accepting it', () => {
    const verdict = judgePage({ title: 'Council', text: article.slice(0, 400) }, article.length);
    expect(verdict.kind).toBe('shrunk');
  });
});
