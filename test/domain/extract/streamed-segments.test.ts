// React's streaming server render: parts of the story arrive late, in hidden
// <div id="S:n"> boxes at the end of the body, and a script moves each into
// the place of its <template id="B:n"> (with a "Loading..." fallback) or
// <template id="P:n">. The extractor reads the page as a reader's browser
// shows it: the story whole, in order, without the fallbacks.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

function page(body: string): string {
  return `<!doctype html><html><head><title>Council expands bus network</title></head><body>${body}</body></html>`;
}

describe('streamed parts of a server-rendered story', () => {
  it('are read in the place of their placeholders, and the fallbacks go', () => {
    const html = page(
      `<main><div class="body"><p>${first}</p><template id="B:0"></template><div>Loading paragraph...</div><template id="B:1"></template><div>Loading paragraph...</div></div></main>` +
        `<div class="footer-links"><a href="/about">About</a></div>` +
        `<div hidden id="S:1"><p>${third}</p><p>${fourth}</p></div><div hidden id="S:0"><p>${second}</p></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('a part streamed inside another part (template P:n, hexadecimal numbers) lands inside it', () => {
    const html = page(
      `<main><div class="body"><p>${first}</p><template id="B:0"></template><div>Loading...</div></div></main>` +
        `<div hidden id="S:a"><p>${third}</p><p>${fourth}</p></div><div hidden id="S:0"><div><p>${second}</p><template id="P:a"></template></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('a placeholder with no streamed part, or a part with no placeholder, changes nothing', () => {
    const html = page(
      `<main><div class="body"><p>${first}</p><p>${second}</p><template id="B:7"></template><p>${third}</p><p>${fourth}</p></div></main><div hidden id="S:3"></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('a part that holds its own placeholder is left where it is, and the page still reads', () => {
    const html = page(
      `<main><div class="body"><p>${first}</p><p>${second}</p><p>${third}</p><p>${fourth}</p></div></main><div hidden id="S:0"><template id="B:0"></template></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});
