// What the monitor keeps of a suppressed variant: both headlines and a short excerpt of
// where the variant's text differs from the current version, in the variant's words.
import { describe, expect, it } from 'vitest';
import { MAX_VARIANT_EXCERPT, isHeadlineTest, variantExcerpt, variantSighting } from '../../lambdas/domain/variants';

const CURRENT = {
  title: 'Moscow wants Assad to remain',
  byline: 'By Ana Reporter',
  paragraphs: [
    'Russia said on Tuesday that it wants the Syrian president to remain in power until elections are held next year.',
    'The foreign minister spoke after talks in Geneva.',
    'Officials will meet again next week.',
  ],
};

describe('variantExcerpt', () => {
  it('is empty when only the headline differs: the headlines say it all', () => {
    expect(variantExcerpt(CURRENT, { ...CURRENT, title: 'The Russians want Assad to stay' })).toBe('');
  });

  it('quotes the variant’s changed words with a little context, not the whole paragraph', () => {
    const variant = { ...CURRENT, paragraphs: [CURRENT.paragraphs[0]?.replace('remain in power', 'stay on') ?? '', ...CURRENT.paragraphs.slice(1)] };
    const excerpt = variantExcerpt(CURRENT, variant);
    expect(excerpt).toContain('stay on');
    expect(excerpt).not.toContain('remain in power');
    expect(excerpt.length).toBeLessThan(variant.paragraphs[0]?.length ?? 0);
  });

  it('names an added paragraph and one the variant lacks', () => {
    const variant = { ...CURRENT, paragraphs: [...CURRENT.paragraphs.slice(0, 2), 'Sign up for our newsletter to read more.'] };
    const excerpt = variantExcerpt(CURRENT, variant);
    expect(excerpt).toContain('Sign up for our newsletter to read more.');
  });

  it('stays within its limit however much differs', () => {
    const variant = { ...CURRENT, paragraphs: Array.from({ length: 20 }, (_, i) => `Entirely different paragraph number ${i} with words of its own.`) };
    const excerpt = variantExcerpt(CURRENT, variant);
    expect(excerpt.length).toBeLessThanOrEqual(MAX_VARIANT_EXCERPT);
    expect(excerpt.endsWith('…')).toBe(true);
  });
});

describe('variantSighting', () => {
  it('pairs the variant’s headline with the current one, and tells a headline test from a rotation', () => {
    const head = { url: 'https://news.example.com/a', source: 'news.example.com' };
    const sighting = variantSighting(head, CURRENT, { ...CURRENT, title: 'The Russians want Assad to stay', hash: 'b'.repeat(64) }, '2026-03-02T10:00:00.000Z');
    expect(sighting).toEqual({
      url: head.url,
      source: head.source,
      hash: 'b'.repeat(64),
      title: 'The Russians want Assad to stay',
      currentTitle: CURRENT.title,
      excerpt: '',
      seenAt: '2026-03-02T10:00:00.000Z',
    });
    expect(isHeadlineTest(sighting)).toBe(true);
    expect(isHeadlineTest({ title: CURRENT.title, currentTitle: CURRENT.title })).toBe(false);
  });

  it('cuts an absurdly long headline so the item stays small', () => {
    const head = { url: 'https://news.example.com/a', source: 'news.example.com' };
    const sighting = variantSighting(head, CURRENT, { ...CURRENT, title: 'x'.repeat(5000), hash: 'b'.repeat(64) }, '2026-03-02T10:00:00.000Z');
    expect(sighting.title.length).toBeLessThanOrEqual(500);
  });
});
