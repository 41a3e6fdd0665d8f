// Pages built to make an extractor work without end are refused with a
// reason, never read in part and never a stall; big ordinary pages are read.
// Outcomes only: how long each takes is in `npm run bench:extract`.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extract, extractPage, type ExtractionLimits } from '../../../lambdas/domain/extract/index';
import { judgePage } from '../../../lambdas/domain/page-quality';
import { bigOrdinaryPage, nestedDivs, nestedLists, STORY, unclosedBold } from '../../fixtures/extract/hostile';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

/** The CPU budget is a backstop whose outcome would depend on the machine; tests of the other limits switch it off. */
const NO_BUDGET: Partial<ExtractionLimits> = { budgetMs: Number.POSITIVE_INFINITY };

function expectRejected(html: string, limit: string, limits: Partial<ExtractionLimits> = NO_BUDGET): void {
  const outcome = extractPage(html, undefined, undefined, limits);
  expect(outcome.kind).toBe('rejected');
  if (outcome.kind !== 'rejected') return;
  expect(outcome.limit).toBe(limit);
  expect(outcome.reason).not.toBe('');
  if (limits !== NO_BUDGET) return;
  // With the default limits, extract() keeps its contract (it never throws) and what it returns can never become a version.
  const article = extract(html);
  expect(article.text).toBe('');
  expect(judgePage(article, 5_000).kind).toBe('rejected');
}

describe('pages past the limits are refused', () => {
  it('100,000 nested <div>s', () => {
    expectRejected(nestedDivs(), 'depth');
  });

  it('lists nested in list items that never close, 110,000 deep', () => {
    expectRejected(nestedLists(), 'depth');
  });

  it('1,000,000 <b> tags never closed', () => {
    expectRejected(unclosedBold(), 'depth');
  });

  it('more elements than any article page, even when flat', () => {
    expectRejected(pageWith('<span>x</span>'.repeat(DEFAULT_LIMITS.maxElements)), 'elements');
  });

  it('more markup than any article page', () => {
    expectRejected(pageWith(`<p>${'word '.repeat(DEFAULT_LIMITS.maxChars / 5)}</p>`), 'size');
  });

  it('a page that uses up its CPU budget', () => {
    const long = pageWith(Array.from({ length: 3_000 }, (_, i) => `<div class="c${i}"><p>${PROSE[i % PROSE.length]}</p></div>`).join(''));
    expectRejected(long, 'time', { budgetMs: 0 });
  });

  it('a budget counted on the clock the caller gives, so time other threads used is not charged to the page', () => {
    // Long enough that its wall time always passes the budget, so only the clock can tell the outcomes apart;
    // the budget is far more than the first look at the clock takes, which counts as if it were all CPU time.
    const long = pageWith(Array.from({ length: 30_000 }, (_, i) => `<div class="c${i}"><p>${PROSE[i % PROSE.length]}</p></div>`).join(''));
    let usedByOthers = 0;
    expectRejected(long, 'time', { budgetMs: 100, cpuClock: () => (usedByOthers += 1_000) });
    const outcome = extractPage(long, undefined, undefined, { budgetMs: 100, cpuClock: () => 0 });
    expect(outcome.kind).toBe('extracted');
  });

  it('any limit a caller sets', () => {
    expectRejected(pageWith(`<div>${'<section>'.repeat(40)}<p>${PROSE[0]}</p></div>`), 'depth', { ...NO_BUDGET, maxDepth: 30 });
  });
});

describe('big ordinary pages are read', () => {
  it('a 4.3 MB news page with a 30,000-row table, a mega-menu, cards and comments', () => {
    const html = bigOrdinaryPage();
    expect(html.length).toBeGreaterThan(4_300_000);
    const outcome = extractPage(html, undefined, undefined, NO_BUDGET);
    expect(outcome.kind).toBe('extracted');
    if (outcome.kind !== 'extracted') return;
    // The story, then its results table row by row: the header and 30,000 rows.
    const { paragraphs } = outcome.article;
    expect(paragraphs.slice(0, STORY.length)).toEqual(STORY);
    expect(paragraphs.slice(STORY.length, STORY.length + 2)).toEqual(['Ward | Yes | No | Spoilt | Turnout', 'Ward 00000 | 0 | 0 | 0 | 20.0%']);
    expect(paragraphs.length).toBe(STORY.length + 1 + 30_000);
    expect(paragraphs.at(-1)).toMatch(/^Ward 29999 \| /);
  });

  it('markup nested as deep as real broken pages get', () => {
    const html = pageWith(`${'<div><span>'.repeat(400)}${PROSE.map((p) => `<p>${p}</p>`).join('')}${'</span></div>'.repeat(400)}`);
    const outcome = extractPage(html, undefined, undefined, NO_BUDGET);
    expect(outcome.kind).toBe('extracted');
    if (outcome.kind === 'extracted') expect(outcome.article.paragraphs).toEqual(PROSE);
  });
});
