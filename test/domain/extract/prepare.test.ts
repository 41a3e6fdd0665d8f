// The pre-pass that cuts what the extractor never reads before parsing
// (images, media, form controls, the indentation between blocks) must not
// change a word of what a reader sees.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

describe('cutting what is never read', () => {
  it('drops images, pictures, media, embeds and form controls without leaking their attributes as text', () => {
    const junk =
      '<img alt="Buses -> depot" src="a.jpg" srcset="a-1.jpg 1x, a-2.jpg 2x">' +
      '<picture><source srcset="b.webp"><img alt="x>y" src="b.jpg"></picture>' +
      "<img alt=Don't src=c.jpg>" +
      '<video controls><source src="v.mp4">Your browser does not support video.</video>' +
      '<iframe src="https://example.com/embed">Embedded player</iframe>' +
      '<select name="edition"><option>UK edition</option><option>US edition</option></select>' +
      '<button type="button">Listen to this article</button><input type="hidden" value="token">';
    const html = pageWith(`<p>${first}</p><p>${second}</p>${junk}<p>${third}</p><p>${fourth}</p>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('keeps the words around an image inside a paragraph apart', () => {
    const html = pageWith(
      `<p>${first.replace('bus network', 'bus <img src="icon.png" alt="bus"> network')}</p><p>${second}</p><p>${third}</p><p>${fourth}</p>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('leaves an unclosed or nested control to the parser instead of cutting the story with it', () => {
    const html = pageWith(`<p>${first}</p><button class="menu">Menu<p>${second}</p><p>${third}</p><button>Close</button><p>${fourth}</p>`);
    const paragraphs = extract(html).paragraphs;
    expect(paragraphs).toContain(first);
    expect(paragraphs).toContain(fourth);
  });

  it('never glues words that only the whitespace between two inline tags separates', () => {
    const html = pageWith(
      `<p>${first}</p><p><a href="/a">Bus</a>\n  <a href="/b">network</a>\n  <strong>grows</strong> as the council votes for four new routes to the hospital district.</p><p>${second}</p><p>${third}</p>`,
    );
    expect(extract(html).paragraphs).toContain('Bus network grows as the council votes for four new routes to the hospital district.');
  });

  it('keeps the lines of preformatted text', () => {
    const code = '<pre><code>git init\n  git add -A\ngit commit -m "first"\n</code>\n</pre>';
    const html = pageWith(`<p>${first}</p><p>${second}</p>${code}<p>${third}</p><p>${fourth}</p>`);
    expect(extract(html).paragraphs).toEqual([first, second, 'git init\ngit add -A\ngit commit -m "first"', third, fourth]);
  });
});
