// An update notice with an absolute date or time is part of what a press
// critic audits, so it stays in the body text; a stamp that only says how
// long ago ("Updated 5 minutes ago", "2 min read") changes on every fetch
// and stays out.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const NOTICE = 'Updated July 14, 2016 at 6:45 p.m. ET';

describe('dated update lines', () => {
  it('are kept above the story', () => {
    const html = pageWith(`<p>${NOTICE}</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}`);
    expect(extract(html).paragraphs).toEqual([NOTICE, ...PROSE]);
  });

  it('are kept in a box the site names as a timestamp', () => {
    const html = pageWith(`<div class="article-meta"><span class="timestamp">${NOTICE}</span></div>${PROSE.map((p) => `<p>${p}</p>`).join('')}`);
    expect(extract(html).paragraphs).toEqual([NOTICE, ...PROSE]);
  });

  it('are kept below the story, in their other forms', () => {
    for (const notice of ['Last modified: 2024-05-01 14:30', 'Updated 14.07.2016', 'Last updated: June 2022', 'Published 9 a.m. | Updated 11:20 a.m.']) {
      const html = pageWith(`${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>${notice}</p>`);
      expect(extract(html).paragraphs).toEqual([...PROSE, notice]);
    }
  });

  it('leave relative stamps and reading times out', () => {
    const stamps = ['Updated 5 minutes ago', 'Updated 2 hours ago on July 14', 'Published 3 hours ago', '2 min read', 'Last updated'];
    const html = pageWith(`${stamps.map((s) => `<p>${s}</p>`).join('')}${PROSE.map((p) => `<p>${p}</p>`).join('')}`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('leave publication stamps out (they are not update notices)', () => {
    const html = pageWith(`<p>Published July 14, 2016 at 6:45 p.m. ET</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});
