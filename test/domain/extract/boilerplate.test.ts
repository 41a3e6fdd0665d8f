// Each kind of chrome the issue lists, inside or around the article box: it
// must go, and the story around it must stay whole.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

/** The story with `chrome` placed between its second and third paragraphs. */
function storyWith(chrome: string): string {
  return pageWith(`<p>${first}</p><p>${second}</p>${chrome}<p>${third}</p><p>${fourth}</p>`);
}

function expectOnlyTheStory(html: string): void {
  expect(extract(html).paragraphs).toEqual(PROSE);
}

describe('chrome left out of the body', () => {
  it('captions and photo credits', () => {
    expectOnlyTheStory(
      storyWith(
        '<figure><img src="a.jpg"><figcaption>Councillors debate the plan on Tuesday. <span class="credit">SANA via AP</span></figcaption></figure>' +
          '<div class="image-wrap"><a href="#">Enlarge this image</a><span class="toggle">toggle caption</span></div>' +
          '<p>Buses wait at the central depot. Photo: Jane Doe/Reuters</p>' +
          '<p>SANA via AP</p>',
      ),
    );
  });

  it('navigation menus, breadcrumbs and skip links', () => {
    const html = pageWith(
      `<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/local">Local</a></nav><p>${first}</p><p>${second}</p><p>${third}</p><p>${fourth}</p>`,
    ).replace(
      '<div class="site">',
      '<div class="site"><a href="#main">Skip to main content</a><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>',
    );
    expectOnlyTheStory(html);
  });

  it('"Related Stories" boxes and read-more links', () => {
    expectOnlyTheStory(
      storyWith(
        '<div class="related-stories"><h3>Related Stories</h3><ul><li><a href="/a">Bus fares to rise in March</a></li><li><a href="/b">Why the tram plan failed</a></li></ul></div>' +
          '<p>Read more: <a href="/c">How the city pays for its buses</a></p>' +
          '<p><a href="/d">Council approves new cycle lanes along the river</a></p>',
      ),
    );
  });

  it('a "Related" section at the end, heading and teasers with their summaries', () => {
    const html = pageWith(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<h2>More from Local News</h2><h3><a href="/x">Library hours cut</a></h3><p>The central library will close on Sundays from next month, the council said in a statement on Friday.</p>`,
    );
    expectOnlyTheStory(html);
  });

  it('share bars and comment widgets', () => {
    expectOnlyTheStory(
      storyWith(
        '<div class="social-share"><span>Share this article</span><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">Email</a></div>' +
          '<div class="comment-count"><a href="#comments">87 comments</a></div><p>Comments</p><p>Leave a comment</p>',
      ).replace(
        '</main>',
        '<section id="comments"><h2>Comments</h2><div class="comment"><p>This is the worst decision the council has made in years and everyone who voted for it should be ashamed of themselves, honestly.</p></div></section></main>',
      ),
    );
  });

  it('"Updated N minutes ago" stamps and reading times', () => {
    expectOnlyTheStory(storyWith('<p class="stamp">Updated 5 minutes ago</p><p>Published 3 hours ago</p><p>4 min read</p>'));
  });

  it('ads and "Advertisement" labels', () => {
    expectOnlyTheStory(
      storyWith(
        '<div id="div-gpt-ad-1234" class="ad-slot"><span>Advertisement</span></div><p>ADVERTISEMENT</p><p>Story continues below advertisement</p><div class="ad"><p>Buy the best mattress in town with free delivery today and sleep like a baby.</p></div>',
      ),
    );
  });

  it('newsletter and cookie promos', () => {
    const html = storyWith(
      '<div class="newsletter-signup"><h4>Get our morning newsletter</h4><p>Sign up for the Gazette briefing, in your inbox at 7am.</p><input type="email"><button>Subscribe</button></div>',
    ).replace('<main>', '<div class="cookie-banner"><p>We use cookies to give you the best experience on our website.</p><button>Accept</button></div><main>');
    expectOnlyTheStory(html);
  });

  it('a byline line after the standfirst, written as bylines are, with a capital "By" and the writer\'s title', () => {
    for (const byline of ['By Maureen Salamon', 'By Maureen Salamon, Executive Editor, Harvard Health', 'by Jane Doe and John Roe']) {
      expectOnlyTheStory(storyWith(`<p>${byline}</p>`));
    }
    const sentence = 'By Friday, the council had heard from every ward.';
    expect(extract(storyWith(`<p>${sentence}</p>`)).paragraphs).toContain(sentence);
  });

  it('tag lists', () => {
    expectOnlyTheStory(
      pageWith(
        `${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>Tags: <a href="/t/1">Transport</a>, <a href="/t/2">City council</a></p><ul class="tag-list"><li><a href="/t/3">Buses</a></li><li><a href="/t/4">Budget</a></li></ul>`,
      ),
    );
  });

  it('copyright lines and payment-logo footers', () => {
    const html = pageWith(`${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>© 2025 The Gazette. All Rights Reserved.</p>`).replace(
      '</main>',
      '</main><div class="site-info"><p>Copyright © 2020 All copyrights on articles are reserved.</p><span>mastercard.png</span><span>visa.png</span><p>Hosted by SiteGround</p></div>',
    );
    expectOnlyTheStory(html);
  });
});
