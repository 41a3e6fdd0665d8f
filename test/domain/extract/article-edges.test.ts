// What sits at the edges of a story and inside it without being it: a
// recommended-reading module between two paragraphs, the writer's bio at the
// end or beside the byline, shopping disclosures, feedback and sign-up fine
// print, visit counters; and what is the story although it is tucked away:
// a standfirst beside the body, collapsed accordion panels. Each page is
// written for the purpose, after a failure seen on the dev set.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const [first, second, third, fourth] = PROSE as [string, string, string, string];

function page(body: string): string {
  return `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
}

describe('a story split by a module of its own', () => {
  it('goes on after a "Recommended Reading" box with its own heading, placed between two paragraphs', () => {
    const recirc =
      '<div class="ArticleRelatedContentModule_root"><section class="ArticleRelatedContentList_root"><h2>Recommended Reading</h2><ul>' +
      '<li><h3><a href="/a">Why the tram plan failed</a></h3><address><a href="/au/1">Jane Roe</a></address></li>' +
      '<li><h3><a href="/b">Bus fares to rise in March</a></h3><address><a href="/au/2">John Doe</a></address></li></ul></section></div>';
    const html = page(
      `<main><article><div><section class="ArticleBody_root"><p>${first}</p><p>${second}</p>${recirc}<p>${third}</p><p>${fourth}</p></section></div></article></main>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('still drops everything under a chrome heading that stands in the story itself', () => {
    const html = pageWith(
      `<p>${first}</p><p>${second}</p><h2>Related stories</h2><p>The central library will close on Sundays from next month, the council said in a statement on Friday.</p>`,
    );
    expect(extract(html).paragraphs).toEqual([first, second]);
  });

  it('"Recent posts" and "Popular this week" go, but a story\'s own "Recent developments" or "Popular routes" stay', () => {
    const teaser = '<p>The central library will close on Sundays from next month, the council said in a statement on Friday.</p>';
    for (const heading of ['Recent posts', 'Most recent', 'Popular this week', 'Popular on the Gazette']) {
      expect(extract(pageWith(`<p>${first}</p><p>${second}</p><h2>${heading}</h2>${teaser}`)).paragraphs).toEqual([first, second]);
    }
    const section = '<p>The N1 now carries more riders than any other route, and the council expects the new lines to take some of them.</p>';
    for (const heading of ['Recent developments', 'Popular routes']) {
      const out = extract(pageWith(`<p>${first}</p><p>${second}</p><h2>${heading}</h2>${section}<p>${PROSE[2]}</p>`)).paragraphs;
      expect(out).toEqual([first, second, heading, section.slice(3, -4), PROSE[2]]);
    }
  });
});

describe("the writer's bio", () => {
  const bio = 'Jane Roe is a freelance writer covering transport and city politics. Her work has appeared in The Gazette and The Herald.';

  it('is left out at the end of the story, with the contact line and promo after it', () => {
    const html = pageWith(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>Jane Roe</p><p>${bio}</p><p>Inquiries: jane@example.com</p><p>If you liked this story, you will love our weekly transport briefing, sent every Friday morning.</p>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it("is left out when the writer is the business owner or founder who runs the company's blog", () => {
    const owner = 'Karina Cohen is the owner of CR Maids, a local cleaning company serving the Greater Denver area since 2015.';
    const founder = 'Sam Lee is the co-founder of Ridewell, which sells bus passes to employers in the hospital district.';
    for (const note of [owner, founder]) expect(extract(pageWith(`${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>${note}</p>`)).paragraphs).toEqual(PROSE);
  });

  it('is left out beside the byline at the top', () => {
    const html = pageWith(`<p>${bio}</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('is reporting, and kept, when the same kind of sentence is in the middle of the story', () => {
    const reporting = 'Maria Lopez is a reporter for the regional radio station and first revealed the cost overruns in a series of broadcasts last year.';
    const story = [
      first,
      second,
      reporting,
      third,
      fourth,
      first.replace('Tuesday', 'Monday'),
      second.replace('$12 million', '$14 million'),
      third.replace('roads', 'bridges'),
    ];
    const html = pageWith(story.map((p) => `<p>${p}</p>`).join(''));
    expect(extract(html).paragraphs).toEqual(story);
  });
});

describe('fine print around the story', () => {
  it('leaves out a shopping disclosure, but keeps reporting about commissions', () => {
    const reporting =
      'Estate agents earn a commission of about 1.5 percent on most sales, the regulator said, and it wants the figure printed on every listing.';
    const html = pageWith(
      `<p><em>This article contains affiliate links, which means we may earn a commission if you buy through them, at no extra cost to you.</em></p><p>${first}</p><p>${reporting}</p><p>${second}</p><p>${third}</p><p>${fourth}</p>`,
    );
    expect(extract(html).paragraphs).toEqual([first, reporting, second, third, fourth]);
  });

  it('leaves out feedback widgets, sign-up fine print, visit counters and republishing notes', () => {
    const chrome = [
      '<p>Was this article helpful?</p>',
      '<p>By signing up, you agree to receive recurring automated marketing text messages at the number provided.</p>',
      '<p>(Visited 1,902 times, 364 visits today)</p>',
      '<p>Republish our articles for free, online or in print, under a Creative Commons license.</p>',
      '<p>You need to login or register to view and manage your bookmarks.</p>',
    ].join('');
    const html = pageWith(`<p>${first}</p><p>${second}</p>${chrome}<p>${third}</p><p>${fourth}</p>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('leaves out table-of-contents and "written by" labels', () => {
    const html = pageWith(
      `<p>Written by:</p><p>Table of Contents</p><ul><li><a href="#a">Routes</a></li><li><a href="#b">Costs</a></li></ul>${PROSE.map((p) => `<p>${p}</p>`).join('')}`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});

describe('story that is tucked away', () => {
  it('keeps a standfirst that sits beside the paragraphs in the box the publisher marks as the article body', () => {
    const standfirst = 'Four new routes will link the northern suburbs to the hospital district, the council decided after a long debate.';
    const html = page(
      `<main><div itemprop="articleBody" class="columns"><div class="article-intro"><p>${standfirst}</p></div><div id="markdown-content">${PROSE.map((p) => `<p>${p}</p>`).join('')}${PROSE.map((p) => `<p>${p.replace('council', 'committee')}</p>`).join('')}</div></div><div class="teasers"><a href="/x">Another story</a></div></main>`,
    );
    expect(extract(html).paragraphs[0]).toBe(standfirst);
  });

  it('keeps the text of collapsed accordion panels, which a reader opens with one click', () => {
    const panel = (id: number, text: string) =>
      `<div><a id="h${id}" role="button" aria-controls="p${id}"><span role="heading" aria-level="3">Step ${id}</span></a></div><div id="p${id}" style="display:none;" role="region" aria-labelledby="h${id}"><p>${text}</p></div>`;
    const html = pageWith(PROSE.map((p, index) => panel(index + 1, p)).join(''));
    expect(extract(html).paragraphs).toEqual(expect.arrayContaining(PROSE));
  });

  it('still leaves out a box hidden by its style that no control opens', () => {
    const html = pageWith(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<div style="display:none"><p>Thanks for reading! You have reached your limit of free articles this month, subscribe to continue.</p></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('keeps a transcript an accordion template put inside a tab list', () => {
    // Show notes long enough to be taken for the whole story if the transcript were left out.
    const EPISODE_NOTES =
      'In this episode we look at how the city decided to expand its bus network, who will pay for the four new routes, and what the people who ride them every day think of the plan. We also hear from the transport department about the timetables it will publish in January.';
    const html = page(
      `<main><article><h1>Episode 12</h1><p>${EPISODE_NOTES}</p><p>Podcast: Play in new window | Download</p></article><div role="tablist"><div class="card"><h5><a href="#t">Podcast Transcript</a></h5><div class="collapse" role="tabpanel">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div></div></div></main>`,
    );
    expect(extract(html).paragraphs).toEqual(expect.arrayContaining([EPISODE_NOTES, ...PROSE]));
  });

  it('still leaves out a tab list that holds only tab labels', () => {
    const html = pageWith(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<div role="tablist"><span role="tab">Latest</span><span role="tab">Most read</span></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});

describe('a code listing in the story', () => {
  it("keeps the comment lines a syntax highlighter marked with class 'hljs-comment'", () => {
    const listing =
      '<pre><code class="language-bash hljs"><span class="hljs-comment"># view the state of the repo</span>\ngit status\n\n<span class="hljs-comment"># stage every modified file for commit</span>\ngit add -A</code></pre>';
    const html = pageWith(`<p>${first}</p>${listing}<p>${second}</p><p>${third}</p>`);
    const text = extract(html).text;
    expect(text).toContain('# view the state of the repo\ngit status');
    expect(text).toContain('# stage every modified file for commit\ngit add -A');
  });

  it('still leaves out a comments box beside the story', () => {
    const html = pageWith(`${PROSE.map((p) => `<p>${p}</p>`).join('')}<div class="comments"><p>Great article, thanks for writing it up so clearly!</p></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});

describe('headings named by their own words', () => {
  it("keeps a heading whose id is its table-of-contents anchor, even when a word of it sounds like chrome ('h-why-use-social-shopping')", () => {
    const html = pageWith(
      `<p>${first}</p><p>${second}</p><h2 class="wp-block-heading" id="h-why-use-social-shopping">Why use social shopping?</h2><p>${third}</p><p>${fourth}</p>`,
    );
    expect(extract(html).paragraphs).toEqual([first, second, 'Why use social shopping?', third, fourth]);
  });

  it('keeps a long section under a heading that sounds like a teaser module ("Recommended providers", reviewed one by one)', () => {
    const reviews = Array.from({ length: 4 }, (_, i) => `<h3>Provider ${i + 1}</h3>${PROSE.map((p) => `<p>${p} (Provider ${i + 1}.)</p>`).join('')}`).join('');
    const html = pageWith(`<p>${first}</p><h2>Recommended Providers</h2>${reviews}`);
    const out = extract(html).paragraphs;
    expect(out).toContain(`${fourth} (Provider 4.)`);
    expect(out).toContain('Recommended Providers');
  });

  it('still drops a short "Recommended reading" module under the story', () => {
    const html = pageWith(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<h2>Recommended reading</h2><p>Why the tram plan failed, and what the city learnt from it.</p>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});
