// The page signature: a page whose story, headline, byline and address stand as they were reads as
// the signed text without being extracted; any edit to them, a new headline or JSON-LD block
// elsewhere, another address, or a signature too old or damaged means reading the page whole.
import { describe, expect, it } from 'vitest';
import { buildPageTree } from '../../lambdas/domain/extract/page-tree';
import { WorkBudget } from '../../lambdas/domain/extract/work-budget';
import { readPage } from '../../lambdas/domain/page-reading';
import { chromedPage, PARAGRAPHS, type PageParts } from '../support/chromed-page';
import {
  encodeSignature,
  readsAsSigned as readsBytesAsSigned,
  SIGNATURE_TTL_MS,
  signatureAfterSameText,
  signSources,
} from '../../lambdas/domain/page-signature';

const URL_READ = 'https://news.example/2026/12/budget-vote';
const page = (parts: PageParts = {}): string => chromedPage(URL_READ, parts);

function signed(html: string, at = new Date('2026-12-01T10:00:00Z')): { signature: string; hash: string } {
  const reading = readPage(html, URL_READ);
  if (reading.kind !== 'read' || reading.sources === null) throw new Error('the test page should be signable');
  const signature = encodeSignature(reading.sources, reading.content.hash, at);
  if (signature === null) throw new Error('the signature should fit');
  return { signature, hash: reading.content.hash };
}

/** The page's bytes as a UTF-8 site sends them. */
const readsAsSigned = (html: string, url: string, stored: string | null, hash: string | null, now: Date): boolean =>
  readsBytesAsSigned(Buffer.from(html, 'utf8'), url, stored, hash, now);

const SOON = new Date('2026-12-01T10:20:00Z');

describe('a signed page', () => {
  it('reads as the signed text when only the chrome around the story changed, and its reading agrees', () => {
    const { signature, hash } = signed(page({ tick: 1 }));
    const again = page({ tick: 2 });
    expect(readsAsSigned(again, URL_READ, signature, hash, SOON)).toBe(true);
    const reading = readPage(again, URL_READ);
    expect(reading.kind === 'read' && reading.content.hash).toBe(hash);
  });

  it.each([
    ['a word of the story', { paragraphs: [PARAGRAPHS[0], PARAGRAPHS[1]?.replace('40 officers', '14 officers'), ...PARAGRAPHS.slice(2)] as string[] }],
    ['a new paragraph', { paragraphs: [...PARAGRAPHS, 'Correction: an earlier version misstated the vote.'] }],
    ['the headline', { title: 'Council approves the budget after a stormy night' }],
    ['the byline', { byline: 'Dana Reyes and Sam Ortiz' }],
    ['the canonical address', { canonical: 'https://news.example/2026/12/budget-vote-final' }],
    ['a headline added elsewhere on the page', { extraHeadline: 'Budget: what it means for you' }],
  ])('is read whole again after an edit to %s', (_what, edit) => {
    const { signature, hash } = signed(page({ tick: 1 }));
    expect(readsAsSigned(page({ tick: 2, ...edit }), URL_READ, signature, hash, SOON)).toBe(false);
  });

  it('is read whole again once the signature is a day old, at another address, for another text, or when the signature is damaged', () => {
    const { signature, hash } = signed(page({ tick: 1 }));
    const again = page({ tick: 2 });
    const dayLater = new Date(new Date('2026-12-01T10:00:00Z').getTime() + SIGNATURE_TTL_MS);
    expect(readsAsSigned(again, URL_READ, signature, hash, dayLater)).toBe(false);
    expect(readsAsSigned(again, `${URL_READ}?page=2`, signature, hash, SOON)).toBe(false);
    expect(readsAsSigned(again, URL_READ, signature, 'f'.repeat(64), SOON)).toBe(false);
    expect(readsAsSigned(again, URL_READ, signature.slice(0, 40), hash, SOON)).toBe(false);
    expect(readsAsSigned(again, URL_READ, '{"format":2}', hash, SOON)).toBe(false);
    expect(readsAsSigned(again, URL_READ, null, hash, SOON)).toBe(false);
    // Signed by a clock that ran ahead: it would otherwise stand for however long that clock was wrong.
    const ahead = signed(page({ tick: 1 }), new Date('2027-06-01T00:00:00Z'));
    expect(readsAsSigned(again, URL_READ, ahead.signature, ahead.hash, SOON)).toBe(false);
  });

  it('is found in the bytes of a page with characters outside ASCII, and an edit next to them is seen', () => {
    const paragraphs = ['Café owners said the “new rules” cost them €4,000 a year — 🎉 for nobody.', ...PARAGRAPHS];
    const { signature, hash } = signed(page({ tick: 1, paragraphs, title: 'Zürich’s cafés fight the budget' }));
    expect(readsAsSigned(page({ tick: 2, paragraphs, title: 'Zürich’s cafés fight the budget' }), URL_READ, signature, hash, SOON)).toBe(true);
    const edited = [paragraphs[0]?.replace('€4,000', '€40,000') as string, ...PARAGRAPHS];
    expect(readsAsSigned(page({ tick: 2, paragraphs: edited, title: 'Zürich’s cafés fight the budget' }), URL_READ, signature, hash, SOON)).toBe(false);
  });

  it('is found where it was signed when its first characters repeat all over the page before it, as page builders write them', () => {
    // Six copies of the story box's opening markup ahead of it, in a template a script keeps: a search from the page's start tries four.
    const templates = `<script>window.templates=[${Array.from({ length: 6 }, (_, i) => `'<div class="story-wrap"><h1 class="headline">Template ${i}'`).join(',')}]</script>`;
    const withTemplates = (tick: number): string => page({ tick }).replace('<body>', `<body>${templates}`);
    const { signature, hash } = signed(withTemplates(1));
    expect(readsAsSigned(withTemplates(2), URL_READ, signature, hash, SOON)).toBe(true);
    const edited = withTemplates(2).replace('40 officers', '14 officers');
    expect(readsAsSigned(edited, URL_READ, signature, hash, SOON)).toBe(false);
  });

  it('is found when the chrome before the story shrank by kilobytes, and when it was stored before places were kept', () => {
    const banner = `<script>window.feed="${'0123456789abcdef'.repeat(200)}"</script>`;
    const { signature, hash } = signed(page({ tick: 1 }).replace('<body>', `<body>${banner}`));
    expect(readsAsSigned(page({ tick: 2 }), URL_READ, signature, hash, SOON)).toBe(true);
    const stored = JSON.parse(signature) as { spans: { at?: number }[] };
    for (const span of stored.spans) delete span.at;
    expect(readsAsSigned(page({ tick: 2 }), URL_READ, JSON.stringify(stored), hash, SOON)).toBe(true);
  });

  it('is not signed when its reading came from more places than a signature keeps', () => {
    const html = 'x'.repeat(10_000);
    const spans = Array.from({ length: 30 }, (_, i) => ({ start: i * 100, end: i * 100 + 50 }));
    expect(signSources(html, URL_READ, spans)).toBeNull();
    expect(signSources(html, URL_READ, [{ start: 9_990, end: 10_500 }])).toBeNull();
  });
});

describe('the signature kept after a page was read whole and its text is unchanged', () => {
  const at = new Date('2026-12-01T10:00:00Z');
  const sourcesOf = (html: string) => {
    const reading = readPage(html, URL_READ);
    if (reading.kind !== 'read') throw new Error('readable');
    return { sources: reading.sources, hash: reading.content.hash };
  };

  it('is the stored one while it still matches, so an unchanged check writes nothing more', () => {
    const { signature, hash } = signed(page({ tick: 1 }), at);
    const { sources } = sourcesOf(page({ tick: 2 }));
    expect(signatureAfterSameText(signature, sources, hash, SOON)).toBe(signature);
  });

  it('is signed afresh when there was none, or once a day', () => {
    const { sources, hash } = sourcesOf(page({ tick: 2 }));
    const first = signatureAfterSameText(null, sources, hash, SOON);
    expect(readsAsSigned(page({ tick: 3 }), URL_READ, first, hash, SOON)).toBe(true);
    const { signature } = signed(page({ tick: 1 }), at);
    const later = new Date(at.getTime() + SIGNATURE_TTL_MS + 1000);
    const renewed = signatureAfterSameText(signature, sources, hash, later);
    expect(renewed).not.toBe(signature);
    expect(readsAsSigned(page({ tick: 3 }), URL_READ, renewed, hash, later)).toBe(true);
  });

  it('stays as stored while a page whose story box changes under the same text is read whole, and is signed afresh when a day old', () => {
    const { signature, hash } = signed(page({ tick: 1 }), at);
    // Same story text, different markup in the story's box: a class that rotates per request, say.
    const moved = page({ tick: 2 }).replace('<div class="story-body">', '<div class="story-body" data-v="2">');
    expect(readsAsSigned(moved, URL_READ, signature, hash, SOON)).toBe(false);
    const { sources } = sourcesOf(moved);
    expect(signatureAfterSameText(signature, sources, hash, SOON)).toBe(signature);
    const dayLater = new Date(at.getTime() + SIGNATURE_TTL_MS);
    expect(readsAsSigned(moved, URL_READ, signatureAfterSameText(signature, sources, hash, dayLater), hash, dayLater)).toBe(true);
  });
});

describe('where elements lie in the page', () => {
  it('spans each element from its start tag to past the end tag that closed it, or to the tag that implied its end', () => {
    const html = '<div id="a"><p>One<p>Two</div><span>x</span>';
    const tree = buildPageTree(html, { limits: { maxChars: 1e6, maxDepth: 100, maxElements: 1000 }, budget: new WorkBudget(1000), allAttributes: false });
    const div = tree.root.children[0];
    if (div?.type !== 'tag') throw new Error('a div');
    expect(html.slice(div.start, div.end)).toBe('<div id="a"><p>One<p>Two</div>');
    const [first, second] = div.children;
    expect(first?.type === 'tag' && html.slice(first.start, first.end)).toBe('<p>One');
    // Closed by the div's end tag, it reaches past that tag: a span only has to cover what it holds.
    expect(second?.type === 'tag' && html.slice(second.start, second.end)).toBe('<p>Two</div>');
  });
});
