// A list of links amid the story is usually navigation, but a list of links to
// other sites there is the story's own: the sources it cites, the tools or
// providers it names. An auditor wants a changed source seen, so those items
// stay; links to the site's own pages, lists after the story, and a linked
// line every section repeats still go.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const ADDRESS = 'https://www.gazette.example/news/council-expands-bus-network';

const SOURCES = [
  ['https://transport.city.example/reports/2025-bus-review', 'City transport department: 2025 bus network review'],
  ['https://www.hospital-district.example/commuting-survey', 'Hospital district commuting survey'],
  ['http://unions.example/drivers/timetables', 'Drivers union statement on timetables'],
] as const;

function listOf(links: readonly (readonly [string, string])[]): string {
  return `<ul>${links.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join('')}</ul>`;
}

function storyAround(middle: string): string {
  const [first, second, third, fourth] = PROSE;
  return pageWith(`<p>${first}</p><p>${second}</p><p>Our sources:</p>${middle}<p>${third}</p><p>${fourth}</p>`);
}

describe('a list of links to other sites amid the story', () => {
  it('stays, each source in its place', () => {
    const out = extract(storyAround(listOf(SOURCES)), ADDRESS).paragraphs;
    const at = out.indexOf(SOURCES[0][1]);
    expect(at).toBeGreaterThan(out.indexOf(PROSE[1] as string));
    expect(out.slice(at, at + 3)).toEqual(SOURCES.map(([, text]) => text));
    expect(out.indexOf(PROSE[2] as string)).toBe(at + 3);
  });

  it('stays when the page gives its address only as its canonical link', () => {
    const html = storyAround(listOf(SOURCES)).replace('</head>', `<link rel="canonical" href="${ADDRESS}"></head>`);
    expect(extract(html).paragraphs).toContain(SOURCES[1][1]);
  });

  it('is left out when the page address is not known, as any link list is', () => {
    expect(extract(storyAround(listOf(SOURCES))).paragraphs).toEqual(PROSE.slice(0, 2).concat('Our sources:', PROSE.slice(2)));
  });
});

describe('link lists that are still left out', () => {
  const expected = PROSE.slice(0, 2).concat('Our sources:', PROSE.slice(2));

  it("links to the site's own pages, relative, absolute or on a subdomain", () => {
    const own = [
      ['/news/tram-plan', 'How the tram plan fell apart'],
      ['https://gazette.example/news/fares', 'Fares go up in March'],
      ['https://live.gazette.example/transport', 'Transport live coverage'],
    ] as const;
    expect(extract(storyAround(listOf(own)), ADDRESS).paragraphs).toEqual(expected);
  });

  it('a list that mixes links elsewhere with links to the site', () => {
    const [href, text] = SOURCES[0];
    const out = extract(storyAround(`<ul><li><a href="${href}">${text}</a> and <a href="/news/fares">Fares go up in March</a></li></ul>`), ADDRESS);
    expect(out.paragraphs).toEqual(expected);
  });

  it('a linked line to another site that the template prints under each section', () => {
    const [first, second, third, fourth] = PROSE;
    const offer = '<ul><li><a href="https://deals.example/bus-passes?from=gazette">Compare bus pass deals with Deals</a></li></ul>';
    const html = pageWith(`<p>${first}</p>${offer}<p>${second}</p>${offer}<p>${third}</p>${offer}<p>${fourth}</p>`);
    expect(extract(html, ADDRESS).paragraphs).toEqual(PROSE);
  });

  it('links to other sites after the last paragraph', () => {
    const html = pageWith(`${PROSE.map((paragraph) => `<p>${paragraph}</p>`).join('')}${listOf(SOURCES)}`);
    expect(extract(html, ADDRESS).paragraphs).toEqual(PROSE);
  });

  it('links to other sites in a box named as chrome', () => {
    expect(extract(storyAround(`<div class="related-links">${listOf(SOURCES)}</div>`), ADDRESS).paragraphs).toEqual(expected);
  });

  it('a link that is not a web address (mail, telephone, script)', () => {
    const odd = [
      ['mailto:desk@gazette.example', 'Write to the transport desk'],
      ['tel:+15550100', 'Call the newsroom hotline'],
      ['javascript:void(0)', 'Show all the route maps'],
    ] as const;
    expect(extract(storyAround(listOf(odd)), ADDRESS).paragraphs).toEqual(expected);
  });
});
