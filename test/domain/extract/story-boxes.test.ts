// Where a story's parts sit in odd boxes: an intro in a box of its own
// before the body, a whole document nested in the article box by a broken
// template, a "More articles you might enjoy" section after it.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const BODY = Array.from({ length: 8 }, (_, i) => `${PROSE[i % PROSE.length]} (Section ${i + 1}.)`);
const INTRO =
  'Four new bus routes will link the northern suburbs to the hospital district from April, the council decided on Tuesday after a long and heated debate.';

function paragraphs(list: readonly string[]): string {
  return list.map((paragraph) => `<p>${paragraph}</p>`).join('');
}

describe('the parts of a story in boxes of their own', () => {
  it('an intro box before the body box is read with it', () => {
    const html = pageWith(
      `<div class="c-1"><div class="w-1"><p>${INTRO}</p></div></div><div class="c-2"><div class="inner"><div class="w-2">${paragraphs(BODY)}</div></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual([INTRO, ...BODY]);
  });

  it('an intro and a body in boxes of one class, each in a wrapper of its own, with product cards between them, are read as one story', () => {
    const cards = Array.from(
      { length: 6 },
      (_, i) =>
        `<div class="card"><div class="name"><a href="/scooters/${i}">Scooter model ${i + 1}</a></div><div class="price">$${(i + 3) * 100}</div>` +
        `<div><a href="https://shop.example/${i}">Check price</a></div></div>`,
    ).join('');
    const longBody = [...BODY, ...BODY.map((paragraph) => `${paragraph} Again.`)];
    const html =
      '<!doctype html><html><head><title>Best scooters</title></head><body><div class="top"><a href="/">Gear</a></div><div class="wrap"><div class="col">' +
      `<div class="summary"><div class="storytext"><p>${INTRO}</p></div></div><div class="cards">${cards}</div><div><div class="storytext">${paragraphs(longBody)}</div></div>` +
      '</div></div></body></html>';
    expect(extract(html).paragraphs).toEqual([INTRO, ...longBody]);
  });

  it('a whole document nested inside the article box is read as part of it', () => {
    const html = pageWith(
      `<div class="part-a">${paragraphs(BODY.slice(0, 3))}</div><html><body><div class="part-b">${paragraphs(BODY.slice(3))}</div></body></html>`,
    );
    expect(extract(html).paragraphs).toEqual(BODY);
  });

  it('a "More articles you might enjoy" section after the story is left out', () => {
    const more =
      '<h2>More Articles You Might Enjoy</h2><h3>Library hours cut</h3><p>The central library will close on Sundays from next month, the council said in a statement on Friday.</p>';
    expect(extract(pageWith(`${paragraphs(PROSE)}${more}`)).paragraphs).toEqual(PROSE);
  });
});

describe('dialogs over the page', () => {
  const FINE_PRINT = [
    'Qualifying system purchase requires a minimum expenditure on equipment after all discounts have been applied, and a monitoring services contract with a term of up to sixty months, subject to credit approval; the offer is not available in every state and may end at any time without notice to customers.',
    'Financing eligibility and terms are subject to credit approval by one of the third-party financing providers, and the annual percentage rate, the monthly payment and the length of the plan depend on the amount financed, the applicant’s credit history and the provider’s own rules.',
    'The system supports up to six cameras subject to sufficient network speeds; without a services plan, the cameras, the smart hub and the doorbell do not record, store or send video, and features such as remote access, alerts and professional monitoring are not available.',
  ];

  it("a modal's fine print, however long, is never the story nor part of it", () => {
    const html = pageWith(
      `<div class="page-canvas"><main><article>${paragraphs(PROSE.slice(0, 3))}</article></main>` +
        `<div class="region-modals"><div class="block-legal-modal">${paragraphs(FINE_PRINT)}</div><div class="finance-popup">${paragraphs(FINE_PRINT)}</div></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE.slice(0, 3));
  });
});
