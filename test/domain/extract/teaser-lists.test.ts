// Lists of other stories after the story: each teaser a headline linking to
// another page with a blurb or a date, in a box of its own, under a heading
// the chrome-heading list may not know ("All reads on this topic"). They go;
// a list of linked names inside the story's own box, an FAQ whose questions
// link to their answers, and a bare list of links stay as they were.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE } from '../../fixtures/extract/prose';

function page(body: string): string {
  return `<!doctype html><html><head><title>Council expands bus network</title></head><body>${body}</body></html>`;
}

const story = PROSE.map((paragraph) => `<p>${paragraph}</p>`).join('');

const BLURBS = [
  'A look at how the tram plan fell apart after two years of delays, rising costs and a council that could never agree on the route through the old town.',
  'Fares on every route go up by ten cents in March, the first rise in four years, as the transport department tries to close a gap in its budget.',
  'Drivers say the new timetables leave them too little time between runs, and the union has asked the department to meet before the routes open.',
  'The hospital district has grown faster than any other part of the city, and its roads were never built for the number of people who now work there.',
];

describe('a teaser list after the story is left out', () => {
  it('linked headlines with a blurb each, in a list box after the story, under an unknown heading', () => {
    const teasers = BLURBS.map((blurb, i) => `<li><h2><a href="/news/story-${i}">Other story number ${i + 1} about buses</a></h2><p>${blurb}</p></li>`).join(
      '',
    );
    const html = page(`<div class="col"><div class="entry">${story}</div><h3>All reads on this topic</h3><ul class="list-4">${teasers}</ul></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('teasers whose category label and date come before the headline', () => {
    const teasers = BLURBS.map(
      (blurb, i) =>
        `<div class="card"><h5><a href="/c/transport">Transport</a></h5><span>Dec ${i + 1}, 2025</span><h3><a href="/news/item-${i}">Other story number ${i + 1} about buses</a></h3><p>${blurb}</p></div>`,
    ).join('');
    const html = page(`<div class="col"><div class="entry">${story}</div><div class="grid-3">${teasers}</div></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('excerpts cut short with an ellipsis, each under a label', () => {
    const teasers = BLURBS.map((blurb) => `<div class="x"><div>Front Page</div><div>${blurb.slice(0, 100)}...</div></div>`).join('');
    const html = page(`<div class="col"><div class="entry">${story}</div><div class="more">${teasers}</div></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('cards that print their title twice, as a bare link to the site and as a plain heading, each with a blurb', () => {
    const cards = BLURBS.map(
      (blurb, i) =>
        `<div class="card"><a href="https://gazette.example/news/story-${i}"><span>Other story number ${i + 1} about buses</span></a>` +
        `<div class="card-data"><h3 class="title">Other story number ${i + 1} about buses</h3><div class="description">${blurb}</div></div></div>`,
    ).join('');
    const html = page(
      `<div class="col"><div class="entry">${story}</div><div class="archive"><h2>Need more bus news?</h2><div class="cards">${cards}</div></div></div>`,
    );
    expect(extract(html, 'https://gazette.example/news/bus').paragraphs).toEqual(PROSE);
  });
});

describe('what looks like a teaser list but is not one', () => {
  it('an FAQ whose questions link to their answers on the same page stays', () => {
    const faq = BLURBS.map((answer, i) => `<h3><a href="#q${i}">What about question number ${i + 1}?</a></h3><p id="q${i}">${answer}</p>`).join('');
    const html = page(`<div class="col"><div class="entry">${story}</div><div class="faq">${faq}</div></div>`);
    const out = extract(html).paragraphs;
    expect(out.slice(0, PROSE.length)).toEqual(PROSE);
    expect(out).toContain(BLURBS[3]);
  });

  it('linked headlines with blurbs that sit among the story paragraphs, in its own box, stay', () => {
    const items = BLURBS.map((blurb, i) => `<h3><a href="/route/${i}">Route ${i + 1}: northern suburbs</a></h3><p>${blurb}</p>`).join('');
    const html = page(`<div class="entry">${story}${items}</div>`);
    const out = extract(html).paragraphs;
    expect(out.slice(0, PROSE.length)).toEqual(PROSE);
    expect(out).toContain(BLURBS[3]);
  });

  it("a story's closing list of products, each heading beside a shop's link of the same name", () => {
    const products = BLURBS.map(
      (blurb, i) =>
        `<div class="card"><a href="https://shop.example/scooter-${i}"><span>Scooter model ${i + 1} for commuters</span></a>` +
        `<div class="card-data"><h3 class="title">Scooter model ${i + 1} for commuters</h3><div class="description">${blurb}</div></div></div>`,
    ).join('');
    const out = extract(
      page(`<div class="col"><div class="entry">${story}<div class="cards">${products}</div></div></div>`),
      'https://gazette.example/news/bus',
    ).paragraphs;
    expect(out).toContain('Scooter model 4 for commuters');
    expect(out).toContain(BLURBS[3]);
  });
});
