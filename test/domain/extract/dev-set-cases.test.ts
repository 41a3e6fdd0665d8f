// Page shapes that broke earlier versions of the extractor on the dev set,
// each rebuilt as a small page of our own: the failure, not the site.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, paragraphsHtml } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

function page(body: string): string {
  return `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
}

describe('dev-set failures, rebuilt', () => {
  it('finds a story whose every box a page builder calls a "widget"', () => {
    const html = page(
      `<div class="elementor"><div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">${paragraphsHtml()}</div></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('finds a story in a region whose class sounds like chrome, when it holds the prose', () => {
    const html = page(
      `<section class="inline-and-sidebar-container"><div class="inline-container">${paragraphsHtml()}</div></section><div class="sidebar"><a href="/a">Popular</a></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('finds a story a framework streamed into a hidden box to reveal by script', () => {
    const html = page(`<div hidden id="S:0"><main><div class="prose">${paragraphsHtml()}</div></main></div><div>Loading…</div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
    // Even when the visible shell already shows a few hundred characters of its own.
    const keyPoints =
      '<section class="key-points"><h2>Key Points</h2><ul><li>The council approved four new bus routes to the hospital district on Tuesday evening.</li><li>The plan costs about $12 million and the first buses start running in April next year.</li><li>Opponents wanted the money spent on repairing the roads of the northern suburbs first.</li></ul></section>';
    const withShell = page(`<main>${keyPoints}<div hidden id="S:1"><div class="prose">${paragraphsHtml()}</div></div></main>`);
    expect(extract(withShell).paragraphs).toEqual(expect.arrayContaining(PROSE));
  });

  it('still leaves out boxes a page hides with the hidden attribute', () => {
    const html = page(
      `<article>${paragraphsHtml()}<div hidden class="modal"><p>Thanks for reading! You have reached your limit of free articles this month, subscribe to continue.</p></div></article>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('finds a story a template put inside a <header> element', () => {
    const html = page(
      `<main><header class="blog-post-content"><div class="rich-text">${paragraphsHtml()}</div></header><section class="faq"><h2>FAQs</h2><p>Short answer.</p></section></main>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('reads a story that a page builder split over many sibling sections', () => {
    const sections = PROSE.map(
      (p, i) =>
        `<section class="builder-section s${i}"><div class="builder-container"><div class="builder-column"><div class="builder-wrap"><div class="builder-element"><div class="inner"><h2>Part ${i + 1}</h2><p>${p}</p></div></div></div></div></div></section>`,
    ).join('');
    const result = extract(page(`<div class="builder-page">${sections}</div>`));
    expect(result.paragraphs).toEqual(PROSE.flatMap((p, i) => [`Part ${i + 1}`, p]));
  });

  it('gives each paragraph once when a responsive template prints the story twice', () => {
    const html = page(`<div class="page"><div class="desktop-only">${paragraphsHtml()}</div><div class="mobile-only">${paragraphsHtml()}</div></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('still drops a repeated run of short lines that follows a repeated paragraph', () => {
    const copy = `<p>${first}</p><h3>What the council said next</h3><p>${second}</p>`;
    const result = extract(page(`<article><div class="entry-content"><div class="desktop">${copy}</div><div class="mobile">${copy}</div></div></article>`));
    expect(result.paragraphs).toEqual([first, 'What the council said next', second]);
  });

  it('keeps a short heading each reviewed item repeats', () => {
    const label = 'Why we chose this provider';
    const items = PROSE.map((paragraph, i) => `<h2>Provider ${i + 1}</h2><h3>${label}</h3><p>${paragraph}</p>`).join('');
    const result = extract(page(`<article><div class="entry-content">${items}</div></article>`));
    expect(result.paragraphs).toEqual(PROSE.flatMap((paragraph, i) => [`Provider ${i + 1}`, label, paragraph]));
  });

  it('leaves out paywall price cards after the free part of the story', () => {
    const cards =
      '<div class="restricted-content-breaker"><p>This article is exclusive to subscribers</p><div class="card"><p>Monthly</p><p>$39</p></div><div class="card"><p>Annual</p><p>$399</p><p>Save 15%</p></div></div>';
    expect(extract(page(`<article><div class="entry-content">${paragraphsHtml()}${cards}</div></article>`)).paragraphs).toEqual(PROSE);
  });

  it('keeps section headings that are links, as list articles write them', () => {
    const html = page(
      `<article><div class="entry-content"><p>${first}</p><h2><a href="/tool-a">1. The first tool</a></h2><p>${second}</p><h2><a href="/tool-b">2. The second tool</a></h2><p>${third}</p></div></article>`,
    );
    expect(extract(html).paragraphs).toEqual([first, '1. The first tool', second, '2. The second tool', third]);
  });

  it('leaves out "About the author" and disclaimer sections after the story', () => {
    const html = page(
      `<article><div class="content">${paragraphsHtml()}<h2>About the Author</h2><p>Jane Doe is the executive editor of the Gazette and has covered city hall for twenty years, writing about budgets and transport.</p><h2>Disclaimer:</h2><p>As a service to our readers we provide access to our archive. Please note the date of last review on all articles.</p></div></article>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('leaves out captions written as plain paragraphs that end with their credit', () => {
    const html = page(
      `<article><div class="content"><p>${first}</p><p>A bus waits at the depot on Monday. Photo by: 'Jane Doe'.</p><p>${second}</p><p>The new route map (AP Photo/John Roe)</p><p>${third}</p></div></article>`,
    );
    expect(extract(html).paragraphs).toEqual([first, second, third]);
  });

  it('finds a story that broken markup left inside an unclosed <aside>', () => {
    const html = page(`<aside class="announcement-banner"><p>New: our spring sale</p><main><article class="blog-post">${paragraphsHtml()}</article></main>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('leaves out forms around the story, however many labels they have', () => {
    const form =
      '<form class="contact"><h3>Contact us</h3><label>First Name</label><input><label>Last Name</label><input><label>How did you find our site?</label><select><option>Search</option></select></form>';
    expect(extract(page(`<div class="main">${paragraphsHtml()}${form}</div>`)).paragraphs).toEqual(PROSE);
  });

  it('does not mistake a list of four paragraphs for chrome just because it is short', () => {
    expect(extract(page(`<div>${paragraphsHtml([first, fourth])}</div>`)).paragraphs).toEqual([first, fourth]);
  });
});
