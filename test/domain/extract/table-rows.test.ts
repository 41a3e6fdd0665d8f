// A data table reads as one line per row, its cells joined by " | ": a diff
// then shows which row an edited figure sits in, where cell by cell it showed a
// bare number on a line of its own. Tables that lay out prose (an old site's
// columns) are still read cell by cell, so no paragraph is glued to a menu.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

function row(cells: string[], tag = 'td'): string {
  return `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`;
}

function storyWithTable(rows: string): string {
  return pageWith(`<p>${first}</p><p>${second}</p><table>${rows}</table><p>${third}</p><p>${fourth}</p>`);
}

describe('a data table', () => {
  it('reads row by row, header included, amid the story', () => {
    const html = storyWithTable(
      `<thead>${row(['Ward', 'Yes', 'No'], 'th')}</thead><tbody>${row(['North', '1,204', '877'])}${row(['South', '998', '1,311'])}</tbody>`,
    );
    expect(extract(html).paragraphs).toEqual([first, second, 'Ward | Yes | No', 'North | 1,204 | 877', 'South | 998 | 1,311', third, fourth]);
  });

  it('shows an edited figure in the line of its row', () => {
    const before = extract(storyWithTable(`${row(['North', '1,204', '877'])}${row(['South', '998', '1,311'])}`)).paragraphs;
    const after = extract(storyWithTable(`${row(['North', '1,204', '877'])}${row(['South', '998', '1,331'])}`)).paragraphs;
    const changed = after.filter((paragraph) => !before.includes(paragraph));
    expect(changed).toEqual(['South | 998 | 1,331']);
  });

  it('keeps a cell that wraps its text with <br> on its row, and leaves empty cells out', () => {
    const html = storyWithTable(`${row(['Monday', 'Easy run<br>3 miles', '', 'Rest'])}${row(['Tuesday', '<a href="/plans/long">Long run</a>', '8 miles'])}`);
    expect(extract(html).paragraphs).toEqual([first, second, 'Monday | Easy run 3 miles | Rest', 'Tuesday | Long run | 8 miles', third, fourth]);
  });

  it('reads a row of one cell as that cell', () => {
    const html = storyWithTable(`${row(['Results by ward'])}${row(['North', '1,204'])}`);
    expect(extract(html).paragraphs).toEqual([first, second, 'Results by ward', 'North | 1,204', third, fourth]);
  });
});

describe('a table laid out as columns of prose', () => {
  it('reads a row with a long cell cell by cell, so a story is not glued to its menu', () => {
    const html = pageWith(
      `<table><tr><td><a href="/">Home</a> <a href="/news">News</a></td><td>${first}<br><br>${second}<br><br>${third}<br><br>${fourth}</td></tr></table>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE.slice(0, 4));
  });

  it('reads a row whose cells hold paragraphs cell by cell', () => {
    const html = storyWithTable('<tr><td><p>Route N1</p><p>Every ten minutes</p></td><td>Last bus 23:10</td></tr>');
    expect(extract(html).paragraphs).toEqual([first, second, 'Route N1', 'Every ten minutes', 'Last bus 23:10', third, fourth]);
  });
});
