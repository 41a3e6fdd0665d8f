// One walk over the whole page that gathers what the metadata needs: meta
// tags, link relations, the <title>, the first headings, time elements and
// byline-like boxes, so no selector query runs per field.
import { attr, isElement, type AnyNode, type Element } from './dom';
import { normaliseSpace } from './text';
import { classWordMatcher } from './vocabulary/class-matcher';
import { bylineClassWords } from './vocabulary/class-names';

export interface PageFacts {
  /** Meta values by lower-cased name, property or itemprop, in page order. */
  meta: Map<string, string[]>;
  canonicalHref: string;
  htmlLang: string;
  titleText: string;
  h1Texts: string[];
  /** datetime attributes of <time> elements, in page order. */
  times: { datetime: string; published: boolean }[];
  /** Text of elements marked as the author (rel=author, itemprop=author, class byline). */
  bylineTexts: string[];
}

const BYLINE_NAME = classWordMatcher(bylineClassWords);

function textOf(node: AnyNode, limit: number): string {
  let text = '';
  const visit = (current: AnyNode): void => {
    if (text.length > limit) return;
    if (current.type === 'text') text += current.data;
    else if (isElement(current) && current.name !== 'script' && current.name !== 'style') {
      for (const child of current.children) visit(child);
      // Block children are separate words even without whitespace between them.
      text += ' ';
    }
  };
  visit(node);
  return normaliseSpace(text);
}

function remember(meta: Map<string, string[]>, key: string, value: string): void {
  const list = meta.get(key);
  if (list) list.push(value);
  else meta.set(key, [value]);
}

export function gatherPageFacts(root: AnyNode): PageFacts {
  const facts: PageFacts = { meta: new Map(), canonicalHref: '', htmlLang: '', titleText: '', h1Texts: [], times: [], bylineTexts: [] };
  const visit = (element: Element): void => {
    const name = element.name;
    const attribs = element.attribs;
    if (name === 'meta') {
      const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'] ?? '').trim().toLowerCase();
      const content = attribs.content ?? attribs.datetime;
      if (key !== '' && content !== undefined) remember(facts.meta, key, content.trim());
      return;
    }
    if (name === 'link') {
      const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('canonical') && facts.canonicalHref === '' && attribs.href) facts.canonicalHref = attribs.href.trim();
      return;
    }
    if (name === 'html' && facts.htmlLang === '') facts.htmlLang = attr(element, 'lang') || attr(element, 'xml:lang');
    if (name === 'title' && facts.titleText === '') facts.titleText = textOf(element, 500);
    if (name === 'h1' && facts.h1Texts.length < 3) facts.h1Texts.push(textOf(element, 500));
    if (name === 'time' && attribs.datetime) {
      facts.times.push({ datetime: attribs.datetime, published: attribs.pubdate !== undefined || attribs.itemprop === 'datePublished' });
    }
    const itemprop = attribs.itemprop;
    if (itemprop !== undefined && (itemprop === 'datePublished' || itemprop === 'dateModified') && attribs.datetime) {
      remember(facts.meta, itemprop.toLowerCase(), attribs.datetime);
    }
    if (facts.bylineTexts.length < 5 && name !== 'html' && name !== 'body') {
      const rel = attribs.rel ?? '';
      const { class: className, id } = element.attribs;
      if (rel === 'author' || itemprop === 'author' || (className !== undefined && BYLINE_NAME.test(className)) || (id !== undefined && BYLINE_NAME.test(id))) {
        const text = textOf(element, 300);
        if (text !== '') facts.bylineTexts.push(text);
        return;
      }
    }
    for (const child of element.children) if (isElement(child)) visit(child);
  };
  for (const child of 'children' in root ? root.children : []) if (isElement(child)) visit(child);
  return facts;
}
