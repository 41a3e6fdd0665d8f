import { describe, expect, it } from 'vitest';
import { plainStyle, renderTerminalDiff } from '../../lambdas/cli/terminal-diff';
import type { VersionRecord } from '../../lambdas/domain/types';
import { diffModel } from '../../lambdas/service/article-history';
import { renderDiffPage } from '../../lambdas/web/pages/diff-page';
import { makeHead } from '../web/seed';

const URL_A = 'https://news.example.com/a';

function version(n: number, paragraphs: string[]): VersionRecord {
  return {
    url: URL_A,
    version: n,
    capturedAt: `2025-03-09T0${n}:00:00.000Z`,
    title: 'Headline',
    byline: 'By Someone',
    publishedAt: null,
    text: paragraphs.join('\n\n'),
    hash: `h${n}`,
    boring: false,
  };
}

const FIRST = 'The council met on Tuesday to discuss the budget for the coming year.';
const SECOND = 'Residents filled the hall and many waited outside in the rain to speak.';
const THIRD = 'The mayor said the vote would be held next month after more hearings.';

describe('the terminal diff draws the same view as the web page', () => {
  const before = version(0, [FIRST, SECOND, THIRD]);
  const after = version(1, [THIRD, FIRST, SECOND]);
  const model = diffModel(makeHead(URL_A, 'news.example.com', before.capturedAt, { versionCount: 2 }), before, after, null);
  const terminal = renderTerminalDiff(model.view, plainStyle);

  it('tells a moved paragraph once, where it landed, with its text', () => {
    expect(terminal).toContain('> paragraph 3 moved to 1:');
    expect(terminal).toContain(`  ${THIRD}`);
    expect(terminal.match(/\bmoved\b/g)).toHaveLength(1);
  });

  it('agrees with the web page about where the paragraph went', () => {
    const page = renderDiffPage({ siteName: 'Test', ...model });
    expect(page).toContain('moved to paragraph 1');
    expect(page).toContain('moved from paragraph 3');
  });

  it('marks an edit inline and a headline change on its own line', () => {
    const edited = version(1, [FIRST.replace('Tuesday', 'Wednesday'), SECOND, THIRD]);
    const retitled = { ...edited, title: 'New headline' };
    const view = diffModel(makeHead(URL_A, 'news.example.com', before.capturedAt, { versionCount: 2 }), before, retitled, null).view;
    const text = renderTerminalDiff(view, plainStyle);
    expect(text).toContain('~ paragraph 1 edited:');
    expect(text).toContain('[-Tuesday-]{+Wednesday+}');
    expect(text).toMatch(/^Title: .*\{\+New/m);
  });

  it('says so when two versions read the same', () => {
    const view = diffModel(makeHead(URL_A, 'news.example.com', before.capturedAt, { versionCount: 2 }), before, { ...before, version: 1 }, null).view;
    expect(view.identical).toBe(true);
    expect(renderTerminalDiff(view, plainStyle)).toContain('(no difference in title, byline or text)');
  });
});
