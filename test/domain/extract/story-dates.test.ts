// A line that is only a date is the page's stamp when it sits above or below
// the story (the story's own dates are read into publishedAt and modifiedAt),
// but amid the story's paragraphs it is the story's: a conference's dates, a
// schedule's days, a data table's rows. A moved date there is an edit.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

function storyWith(middle: string, before = '', after = ''): string {
  return pageWith(`${before}<p>${first}</p><p>${second}</p>${middle}<p>${third}</p><p>${fourth}</p>${after}`);
}

describe('a date amid the story', () => {
  it('stays, as each meeting of a schedule', () => {
    const schedule = '<h3>Public meetings</h3><div>March 16, 2026</div><div>Northern library</div><div>April 7, 2026</div><div>Hospital district hall</div>';
    const out = extract(storyWith(schedule)).paragraphs;
    expect(out).toEqual([first, second, 'Public meetings', 'March 16, 2026', 'Northern library', 'April 7, 2026', 'Hospital district hall', third, fourth]);
  });

  it('a moved meeting is an edit in the body', () => {
    const before = extract(storyWith('<p>March 16, 2026</p>')).text;
    const after = extract(storyWith('<p>March 23, 2026</p>')).text;
    expect(before).toContain('March 16, 2026');
    expect(after).toContain('March 23, 2026');
  });
});

describe('a date that is still left out', () => {
  it('above the story and below it: the page stamp', () => {
    expect(extract(storyWith('', '<p>14 July 2016</p>', '<p>2016-07-14 18:45</p>')).paragraphs).toEqual(PROSE);
  });

  it('amid the story in a box named as a time stamp, or as a link to the archive', () => {
    expect(extract(storyWith('<div class="timestamp">July 14, 2016</div><p><a href="/archive/2016/07/14">July 14, 2016</a></p>')).paragraphs).toEqual(PROSE);
  });
});
