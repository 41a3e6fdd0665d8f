// An accordion's answer or a "read more" body is hidden in the markup until a
// reader clicks its control, but it is the story's: a methodology, an FAQ
// answer, an edit there is an edit. The control says so (aria-expanded, with
// aria-controls naming the panel or the panel right after it); hidden text
// that no control opens (a screen-reader copy, a machine-readable duplicate)
// stays out.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];
const ANSWER =
  'The council counted riders on every existing route for six weeks in the autumn, then asked the hospital district which shifts its staff work, and drew the new routes to match.';

function storyWith(middle: string): string {
  return pageWith(`<p>${first}</p><p>${second}</p>${middle}<p>${third}</p><p>${fourth}</p>`);
}

describe('a panel that a control expands', () => {
  it('is read when the control names it by id, even with a class that says hidden', () => {
    const html = storyWith(
      `<div class="faq"><div><button aria-expanded="false" aria-controls="answer-1">How were the routes chosen?</button></div><div id="answer-1" class="accordion-content hidden"><p>${ANSWER}</p></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual([first, second, ANSWER, third, fourth]);
  });

  it('is read when it is the element right after the control, or after the heading that holds it', () => {
    const afterButton = `<div><button aria-expanded="false">How were the routes chosen?</button><div hidden aria-hidden="true"><p>${ANSWER}</p></div></div>`;
    const afterHeading = `<div><h3><button aria-expanded="false">How were the routes chosen?</button></h3><div hidden aria-hidden="true"><p>${ANSWER}</p></div></div>`;
    for (const middle of [afterButton, afterHeading]) expect(extract(storyWith(middle)).paragraphs).toContain(ANSWER);
  });

  it('an edited answer is an edit in the body', () => {
    const panel = (answer: string) =>
      storyWith(`<button aria-expanded="false" aria-controls="a">How were the routes chosen?</button><div id="a" hidden><p>${answer}</p></div>`);
    expect(extract(panel(ANSWER)).text).not.toBe(extract(panel(ANSWER.replace('six weeks', 'two weeks'))).text);
  });
});

describe('hidden text that no control opens', () => {
  it('stays out: a hidden copy, a panel the control does not name, a control that expands nothing', () => {
    const copy = `<div hidden aria-hidden="true"><p>${ANSWER}</p></div>`;
    const otherPanel = `<button aria-expanded="false" aria-controls="menu">Menu</button><div id="answer" hidden><p>${ANSWER}</p></div>`;
    const notRightAfter = `<button aria-expanded="false">Share</button><p>Pick a network.</p><div hidden><p>${ANSWER}</p></div>`;
    for (const middle of [copy, otherPanel, notRightAfter]) expect(extract(storyWith(middle)).paragraphs).not.toContain(ANSWER);
  });
});
