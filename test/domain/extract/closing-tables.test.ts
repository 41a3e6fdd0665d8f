// A story can end in a table or a list: a training plan's weekly tables, a
// guide's closing list of brands, a schedule. Below the last paragraph short
// lines used to go as labels (price cards, sign-up prompts), which cut the
// story's own tables and lists; an auditor wants a changed cell seen.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith, paragraphsHtml } from '../../fixtures/extract/prose';

const ROUTES = [
  ['Route', 'First bus', 'Last bus'],
  ['N1', '5:40', '23:10'],
  ['N2', '6:05', '22:45'],
] as const;

function table(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  return `<table><thead><tr>${(head ?? []).map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${body
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

describe('a table or list after the story', () => {
  it('stays, with the heading that leads into it, row by row', () => {
    const out = extract(pageWith(`${paragraphsHtml()}<h2>The new timetable</h2>${table(ROUTES)}`)).paragraphs;
    expect(out.slice(0, PROSE.length)).toEqual(PROSE);
    expect(out.slice(PROSE.length)).toEqual(['The new timetable', 'Route | First bus | Last bus', 'N1 | 5:40 | 23:10', 'N2 | 6:05 | 22:45']);
  });

  it('stays when it is a list, under a run of headings', () => {
    const out = extract(
      pageWith(`${paragraphsHtml()}<h2>Where the routes stop</h2><h3>North</h3><ul><li>Hospital district</li><li>Oak Park</li><li>Riverside</li></ul>`),
    ).paragraphs;
    expect(out.slice(PROSE.length)).toEqual(['Where the routes stop', 'North', 'Hospital district', 'Oak Park', 'Riverside']);
  });

  it('an edited cell is an edit in the body', () => {
    const before = extract(pageWith(`${paragraphsHtml()}${table(ROUTES)}`)).text;
    const after = extract(pageWith(`${paragraphsHtml()}${table([ROUTES[0], ['N1', '5:40', '23:40'], ROUTES[2]])}`)).text;
    expect(before).toContain('23:10');
    expect(after).toContain('23:40');
    expect(after).not.toBe(before);
  });
});

describe('below the story, still left out', () => {
  it('a run of short lines that is neither table nor list, and a heading with nothing after it', () => {
    const out = extract(pageWith(`${paragraphsHtml()}<div>Get a free quote</div><div>Call us today</div><h2>More from the Gazette</h2>`)).paragraphs;
    expect(out).toEqual(PROSE);
  });

  it('a list of links to the site', () => {
    const links = '<ul><li><a href="/news/tram">Tram plan stalls</a></li><li><a href="/news/fares">Fares go up</a></li></ul>';
    expect(extract(pageWith(`${paragraphsHtml()}<h2>Read next</h2>${links}`), 'https://gazette.example/news/bus').paragraphs).toEqual(PROSE);
  });
});
