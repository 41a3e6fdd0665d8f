// Per-source rules from the config: CSS selectors to include or drop, as data.
// Bad selectors are refused with a ConfigError before anything runs.
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidExtractionRuleError } from '../../../lambdas/errors';
import { extract, validateExtractionRules } from '../../../lambdas/domain/extract/index';
import type { ExtractionRules } from '../../../lambdas/domain/types';
import { PROSE } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

// A page where the generic extractor has no way to know the short story box is the article.
const page = `<html><body>
<div class="col-a"><p>${first}</p><p>${second}</p></div>
<div class="col-b"><p>${third}</p><p>${fourth}</p><p>${first} ${second}</p></div>
<div class="x-note"><p>Editor's note: this story was updated to correct the cost of the plan, which is $12 million.</p></div>
</body></html>`;

describe('include and drop rules', () => {
  it('reads the body only from the boxes an include rule names, in page order', () => {
    expect(extract(page, undefined, { include: ['.col-a'] }).paragraphs).toEqual([first, second]);
    expect(extract(page, undefined, { include: ['.x-note', '.col-a'] }).paragraphs).toEqual([
      first,
      second,
      "Editor's note: this story was updated to correct the cost of the plan, which is $12 million.",
    ]);
  });

  it('removes what a drop rule names before extracting', () => {
    const result = extract(page, undefined, { include: ['.col-b'], drop: ['.col-b p:last-child'] });
    expect(result.paragraphs).toEqual([third, fourth]);
  });

  it('falls back to the generic extractor when an include rule matches nothing', () => {
    expect(extract(page, undefined, { include: ['.no-such-box'] })).toEqual(extract(page));
  });

  it('reads an included box even inside a wrapper the generic extractor would skip', () => {
    const hidden = `<html><body><div hidden><div class="story"><p>${first}</p><p>${second}</p></div></div><p>${third}</p></body></html>`;
    expect(extract(hidden, undefined, { include: ['.story'] }).paragraphs).toEqual([first, second]);
  });

  it('does not read a box twice when one included box holds another', () => {
    expect(extract(page, undefined, { include: ['body', '.col-a'] }).paragraphs.filter((p) => p === first)).toHaveLength(1);
  });
});

describe('validateExtractionRules', () => {
  it('accepts usable selectors', () => {
    expect(() => validateExtractionRules({ include: ['article .story-body', 'div:has(> p)'], drop: ['.ad', '[data-widget="share"]'] })).not.toThrow();
    expect(() => validateExtractionRules({})).not.toThrow();
  });

  const bad: [string, unknown][] = [
    ['unclosed attribute selector', { include: ['div['] }],
    ['unknown pseudo-class', { drop: ['p:frobnicate'] }],
    ['doubled combinator', { drop: ['a >> b'] }],
    ['empty selector', { include: ['  '] }],
    ['not a string', { drop: [42] }],
    ['not a list', { include: '.story' }],
  ];
  for (const [what, rules] of bad) {
    it(`refuses a rule with ${what}, as a ConfigError naming it, and leaves the rules untouched`, () => {
      const before = JSON.stringify(rules);
      let caught: unknown;
      try {
        validateExtractionRules(rules as ExtractionRules);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidExtractionRuleError);
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as Error).message).toMatch(/extract\.(include|drop)/);
      expect(JSON.stringify(rules)).toBe(before);
    });
  }

  it('makes extract() refuse invalid rules too, instead of silently ignoring them', () => {
    expect(() => extract(page, undefined, { include: ['div['] })).toThrow(InvalidExtractionRuleError);
  });
});
