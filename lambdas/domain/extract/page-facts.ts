// What the metadata needs from the page, gathered while it is parsed: meta
// tags, link relations, the <title>, the first headings, time elements and
// byline-like boxes, so neither a selector query per field nor a walk of its
// own is needed.
import { attr, isElement, type AnyNode, type Element } from './dom';
import type { SourceSpan } from './page-tree';
import { normaliseSpace } from './text';
import { CLASS_BYLINE, elementWords } from './hints';

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
  /** Where each meta tag lies, by the same key as `meta`. */
  metaSpans: Map<string, SourceSpan[]>;
  /**
   * Where the canonical link, the <title>, the first headings and the byline boxes lie: with the
   * meta tags and JSON-LD, every place the title, byline and address are read from.
   */
  factSpans: SourceSpan[];
}

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

const spanOf = (element: Element): SourceSpan => ({ start: element.start, end: element.end });

function remember<T>(meta: Map<string, T[]>, key: string, value: T): void {
  const list = meta.get(key);
  if (list) list.push(value);
  else meta.set(key, [value]);
}

/**
 * Gathers the facts while the tree is being built, so no second walk is
 * needed: told of each element as it opens (its attributes are known) and as
 * it closes (its text is). What it keeps is what a walk of the finished tree
 * in document order would keep, a byline box's inside left unread.
 */
export class PageFactsCollector {
  private readonly facts: PageFacts = {
    meta: new Map(),
    canonicalHref: '',
    htmlLang: '',
    titleText: '',
    h1Texts: [],
    times: [],
    bylineTexts: [],
    metaSpans: new Map(),
    factSpans: [],
  };
  /** The byline box being read: nothing inside it is a fact of its own. */
  private insideByline: Element | null = null;
  /** The first headings, by where their text goes once they close. */
  private readonly headings = new Map<Element, number>();

  opened(element: Element): void {
    if (this.insideByline) return;
    const facts = this.facts;
    const name = element.name;
    const attribs = element.attribs;
    if (name === 'meta') {
      const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'] ?? '').trim().toLowerCase();
      const content = attribs.content ?? attribs.datetime;
      if (key !== '' && content !== undefined) {
        remember(facts.meta, key, content.trim());
        remember(facts.metaSpans, key, spanOf(element));
      }
      return;
    }
    if (name === 'link') {
      const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('canonical') && facts.canonicalHref === '' && attribs.href) {
        facts.canonicalHref = attribs.href.trim();
        facts.factSpans.push(spanOf(element));
      }
      return;
    }
    if (name === 'html' && facts.htmlLang === '') facts.htmlLang = attr(element, 'lang') || attr(element, 'xml:lang');
    if (name === 'h1' && facts.h1Texts.length < 3) {
      this.headings.set(element, facts.h1Texts.length);
      facts.h1Texts.push('');
    }
    if (name === 'time' && attribs.datetime) {
      facts.times.push({ datetime: attribs.datetime, published: attribs.pubdate !== undefined || attribs.itemprop === 'datePublished' });
    }
    const itemprop = attribs.itemprop;
    if (itemprop !== undefined && (itemprop === 'datePublished' || itemprop === 'dateModified') && attribs.datetime) {
      remember(facts.meta, itemprop.toLowerCase(), attribs.datetime);
    }
    if (facts.bylineTexts.length < 5 && name !== 'html' && name !== 'body') {
      const rel = attribs.rel;
      if (rel === 'author' || itemprop === 'author' || (elementWords(element) & CLASS_BYLINE) !== 0) {
        this.insideByline = element;
      }
    }
  }

  closed(element: Element): void {
    if (this.insideByline) {
      if (element !== this.insideByline) return;
      this.insideByline = null;
      const text = textOf(element, 300);
      if (text !== '') this.facts.bylineTexts.push(text);
      this.facts.factSpans.push(spanOf(element));
      return;
    }
    // A first <title> with no text leaves the place to the next one, as a walk in document order would.
    if (element.name === 'title' && this.facts.titleText === '') {
      this.facts.titleText = textOf(element, 500);
      this.facts.factSpans.push(spanOf(element));
    }
    const heading = this.headings.get(element);
    if (heading !== undefined) {
      this.facts.h1Texts[heading] = textOf(element, 500);
      this.facts.factSpans.push(spanOf(element));
    }
  }

  /** The facts, once every element has closed. */
  result(): PageFacts {
    return this.facts;
  }
}
