// The story is plainly on the page, but a big footer, menu or contact block
// (or a box of keywords) outscores it: the extractor must still take the
// story. Class names are neutral on purpose, so the box is judged by its words.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE } from '../../fixtures/extract/prose';

function page(body: string): string {
  return `<!doctype html><html><head><title>Council expands bus network</title></head><body>${body}</body></html>`;
}

function paragraphs(list: readonly string[]): string {
  return list.map((paragraph) => `<p>${paragraph}</p>`).join('');
}

const OFFICES = Array.from(
  { length: 14 },
  (_, i) =>
    `<p>Office ${i + 1}: ${100 + i} Main Street, Suite ${400 + i}, Springfield, IL 627${10 + i}, USA. Phone: (217) 555-01${10 + i}, fax: (217) 555-02${10 + i}, email: office${i}@gazette.example</p>`,
).join('');

describe('a footer, menu or contact block never wins over the story', () => {
  it('a footer of office addresses, phone numbers and a copyright line in the same wrapper', () => {
    const html = page(
      `<div class="wrap"><div class="story">${paragraphs(PROSE)}</div><div class="block-9">${OFFICES}<p>© 2025 The Gazette, a division of Gazette Media, Inc. All rights reserved.</p></div></div>`,
    );
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('a contact block with more text than the story, before it', () => {
    const html = page(`<div class="wrap"><div class="block-3"><h3>Our offices</h3>${OFFICES}</div><div class="text">${paragraphs(PROSE)}</div></div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('a menu of sections, each a link and a blurb full of commas', () => {
    const menu = Array.from(
      { length: 30 },
      (_, i) =>
        `<div class="item"><a href="/s/${i}">Section ${i}</a><div>News, views, analysis, opinion, photos, video, podcasts and more from section ${i}, updated daily, every day, all year.</div></div>`,
    ).join('');
    const html = page(`<div class="panel-2">${menu}</div><div class="content">${paragraphs(PROSE)}</div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });

  it('rows of site links written out as text', () => {
    const links = Array.from(
      { length: 12 },
      (_, i) =>
        `<p>About us, careers, advertise, contact, privacy policy, terms of use, cookie settings, accessibility, sitemap, newsletters, RSS feeds, corrections, section ${i}.</p>`,
    ).join('');
    const html = page(`<div class="main"><div class="post">${paragraphs(PROSE)}</div></div><div class="row-7">${links}</div>`);
    expect(extract(html).paragraphs).toEqual(PROSE);
  });
});

describe("a box holding far less prose than the page's densest run of paragraphs is not the story", () => {
  it('a box of 150 comma-separated keywords outscores a twelve-paragraph story', () => {
    const story = Array.from({ length: 12 }, (_, i) => `${PROSE[i % PROSE.length]} (Part ${i + 1}.)`);
    const keywords = Array.from({ length: 150 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(', ');
    const html = page(`<div class="box-1"><p>${keywords}</p></div><div class="box-2"><div class="inner">${paragraphs(story)}</div></div>`);
    expect(extract(html).paragraphs).toEqual(story);
  });
});

describe('what the guard leaves alone', () => {
  it('a story that gives an address and a phone number keeps them', () => {
    const notice = 'Residents can comment at the transport office, 100 Main Street, Suite 400, Springfield, or by phone on (217) 555-0110 until Friday.';
    const html = page(`<div class="story">${paragraphs([...PROSE, notice])}</div>`);
    expect(extract(html).paragraphs).toEqual([...PROSE, notice]);
  });

  it('a page that is only a contact list is read as it is, there being no story to prefer', () => {
    const paragraphsOut = extract(page(`<div class="block-3">${OFFICES}</div>`)).paragraphs;
    expect(paragraphsOut).toHaveLength(14);
    expect(paragraphsOut[0]).toMatch(/^Office 1: 100 Main Street/);
  });

  it('a list of companies, each a linked name and one line about it, is part of the story', () => {
    const companies = Array.from(
      { length: 10 },
      (_, i) => `<h3><a href="/c/${i}">Company ${i}</a></h3><p>Based in Springfield, it has ${1000 + i} staff.</p>`,
    ).join('');
    const html = page(`<div class="story">${paragraphs(PROSE)}${companies}</div>`);
    const out = extract(html).paragraphs;
    expect(out.slice(0, PROSE.length)).toEqual(PROSE);
    expect(out).toContain('Based in Springfield, it has 1009 staff.');
  });
});
