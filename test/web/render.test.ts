import { describe, expect, it } from 'vitest';
import { diffArticles } from '../../lambdas/domain/diff/index';
import type { VersionRecord } from '../../lambdas/domain/types';
import { renderArticleHistory } from '../../lambdas/web/pages/article-history';
import { renderDiffPage } from '../../lambdas/web/pages/diff-page';
import { diffModel, paragraphsOf } from '../../lambdas/service/article-history';
import { HOSTILE_TITLE, NOW, makeHead } from './seed';

const URL_A = 'https://news.example.com/a';

function version(n: number, capturedAt: string, title: string, paragraphs: string[]): VersionRecord {
  return { url: URL_A, version: n, capturedAt, title, byline: 'By Someone', publishedAt: null, text: paragraphs.join('\n\n'), hash: `h${n}`, boring: false };
}

describe('side-by-side diff rendering', () => {
  const before = version(0, '2025-03-09T06:00:00.000Z', 'Old headline', [
    'Alpha paragraph is long enough to be matched here.',
    'Beta paragraph says something else entirely.',
    'Gamma will be cut from the story.',
    'Omega ends it.',
  ]);
  const after = version(1, '2025-03-09T08:00:00.000Z', HOSTILE_TITLE, [
    'Beta paragraph says something else entirely.',
    'Alpha paragraph is long enough to be matched here.',
    'Omega ends it.',
    '<script>alert("added")</script> A new closing line.',
  ]);
  const _diff = diffArticles(
    { title: before.title, byline: before.byline, paragraphs: paragraphsOf(before.text) },
    { title: after.title, byline: after.byline, paragraphs: paragraphsOf(after.text) },
  );
  const page = renderDiffPage({
    siteName: 'Test',
    ...diffModel(makeHead(URL_A, 'news.example.com', before.capturedAt, { versionCount: 2 }), before, after, null),
  });

  it('labels a moved paragraph at its old and its new place', () => {
    expect(page).toContain('moved to paragraph 2');
    expect(page).toContain('moved from paragraph 1');
  });

  it('puts removed paragraphs on the left and added ones on the right, escaped', () => {
    expect(page).toMatch(/<tr class="removed"><td class="removed"><del>Gamma will be cut from the story\.<\/del><\/td><td><\/td><\/tr>/);
    expect(page).toContain('<td class="added"><ins>&lt;script&gt;alert(&quot;added&quot;)&lt;/script&gt; A new closing line.</ins></td>');
    expect(page).not.toContain('<script');
  });

  it('marks a changed headline word by word, escaped', () => {
    expect(page).toMatch(/<strong>Headline:<\/strong> <del>[^<]*Old[^<]*<\/del>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('splits a version into paragraphs on blank lines', () => {
    expect(paragraphsOf('one\n\ntwo\nstill two\n\n\n\nthree')).toEqual(['one', 'two\nstill two', 'three']);
  });
});

describe('article status on the history page', () => {
  const base = { siteName: 'Test', now: NOW, versions: [], changes: [], includeBoring: false };

  it('says a retired article will not be checked again', () => {
    const page = renderArticleHistory({
      ...base,
      head: makeHead(URL_A, 'news.example.com', '2024-01-01T00:00:00.000Z', { status: 'retired', nextCheckAt: null }),
    });
    expect(page).toContain("It won't be checked again for changes.");
    expect(page).toContain('<span class="label status-retired">retired</span>');
    expect(page).toContain('It has not changed since it was first seen.');
  });

  it('says a removed article is gone and still re-checked, and flags flapping', () => {
    const page = renderArticleHistory({
      ...base,
      head: makeHead(URL_A, 'news.example.com', '2025-03-01T00:00:00.000Z', { status: 'removed', flapping: true, nextCheckAt: '2025-03-11T12:00:00.000Z' }),
    });
    expect(page).toContain('It has gone from its source; it is re-checked now and then (next in 1 day)');
    expect(page).toContain('<span class="label status-removed">removed</span>');
    expect(page).toContain('<span class="label flapping"');
  });
});
