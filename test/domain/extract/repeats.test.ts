// A block the page printed before: a responsive template's second copy of the
// story goes, but a short line the story itself uses again for each item it
// reviews ("Why we chose this provider") is structure and stays.
import { describe, expect, it } from 'vitest';
import { extract } from '../../../lambdas/domain/extract/index';
import { PROSE } from '../../fixtures/extract/prose';

function page(body: string): string {
  return `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
}

describe('repeated blocks', () => {
  it('keeps a short heading each reviewed item repeats', () => {
    const label = 'Why we chose this provider';
    const items = PROSE.map((paragraph, i) => `<h2>Provider ${i + 1}</h2><h3>${label}</h3><p>${paragraph}</p>`).join('');
    const result = extract(page(`<article><div class="entry-content">${items}</div></article>`));
    expect(result.paragraphs).toEqual(PROSE.flatMap((paragraph, i) => [`Provider ${i + 1}`, label, paragraph]));
  });

  it('still drops a repeated run of short lines that follows a repeated paragraph', () => {
    const [first, second] = PROSE as [string, string];
    const copy = `<p>${first}</p><h3>What the council said next</h3><p>${second}</p>`;
    const result = extract(page(`<article><div class="entry-content"><div class="desktop">${copy}</div><div class="mobile">${copy}</div></div></article>`));
    expect(result.paragraphs).toEqual([first, 'What the council said next', second]);
  });
});
