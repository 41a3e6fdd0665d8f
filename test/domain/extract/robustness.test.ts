// extract() never throws on a page, whatever arrives: it returns empty fields.
import { describe, expect, it } from 'vitest';
import { threadCpuClock } from '../../../lambdas/adapters/thread-cpu-clock';
import { extract, extractPage } from '../../../lambdas/domain/extract/index';
import type { ExtractedArticle } from '../../../lambdas/domain/types';
import { PROSE, pageWith } from '../../fixtures/extract/prose';

const EMPTY: ExtractedArticle = { title: '', byline: '', publishedAt: null, modifiedAt: null, canonicalUrl: null, language: null, paragraphs: [], text: '' };

describe('inputs that are not articles', () => {
  it('returns empty fields for an empty or blank page', () => {
    expect(extract('')).toEqual(EMPTY);
    expect(extract('   \n\t ')).toEqual(EMPTY);
  });

  it('returns without throwing for binary junk', () => {
    let seed = 7;
    const junk = Array.from({ length: 200_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(seed % 256);
    }).join('');
    const result = extract(junk);
    expect(result.text).toBe(result.paragraphs.join('\n\n'));
  });

  it('returns without throwing for markup nested far deeper than any real page', () => {
    const deep = `${'<div>'.repeat(50_000)}<p>${PROSE[0]}</p>${'</div>'.repeat(50_000)}`;
    const result = extract(deep);
    expect(result.text).toBe(result.paragraphs.join('\n\n'));
  });

  it('reads a huge page, keeping the story at its start', () => {
    const filler = '<div class="teaser"><a href="/x">Another headline in the endless list</a></div>'.repeat(60_000);
    // On the clock the product counts its CPU budget on: this thread's, not the collector's threads too.
    const outcome = extractPage(pageWith(PROSE.map((p) => `<p>${p}</p>`).join('') + filler), undefined, undefined, { cpuClock: threadCpuClock });
    expect(outcome.kind === 'extracted' && outcome.article.paragraphs.slice(0, PROSE.length)).toEqual(PROSE);
  });

  it('copes with unclosed tags, stray closers and unterminated scripts and comments', () => {
    const broken = `<html><body><article><p>${PROSE[0]}<p>${PROSE[1]}</div></span><p>${PROSE[2]}<!-- never closed <script>var x = "</article>`;
    expect(extract(broken).paragraphs).toEqual([PROSE[0], PROSE[1], PROSE[2]]);
    expect(extract('<script>while(true){}').paragraphs).toEqual([]);
  });

  it('does not take markup inside scripts, styles or comments for text', () => {
    const html = pageWith(
      `<p>${PROSE[0]}</p><script>document.write("<p>Injected words from a script</p>")</script><style>p::after{content:"styled words"}</style><!-- <p>Commented-out paragraph text here</p> --><p>${PROSE[1]}</p>`,
    );
    expect(extract(html).paragraphs).toEqual([PROSE[0], PROSE[1]]);
  });

  it('keeps a custom element whose name starts like a chrome tag (<footer-note> is not <footer>)', () => {
    const html = pageWith(`<p>${PROSE[0]}</p><footer-note><p>${PROSE[1]}</p></footer-note><p>${PROSE[2]}</p>`).replace(
      '</body>',
      '<footer><p>© The Gazette</p></footer></body>',
    );
    expect(extract(html).paragraphs).toEqual([PROSE[0], PROSE[1], PROSE[2]]);
  });
});
