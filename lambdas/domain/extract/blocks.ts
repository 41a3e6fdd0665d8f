// Turns the chosen article box into blocks of text, one per paragraph,
// heading, list item, quote or table cell, so no two words from different
// blocks are ever glued together and no block is split in the middle. Each
// block carries what the boilerplate filter needs to judge it.
import { HEADINGS, INLINE, isElement, isText, type Element } from './dom';
import type { ElementStats } from './measure';
import { measureText, normaliseSpace } from './text';

export interface Block {
  text: string;
  /** The block element the text came from (p, li, h2, td, div...). */
  tag: string;
  heading: boolean;
  listItem: boolean;
  /** Sits in a box named as chrome (share bar, caption, related links...) inside the article. */
  inChrome: boolean;
  /** Sits in a figure, a caption or a credit. */
  inFigure: boolean;
  chars: number;
  linkChars: number;
}

interface Context {
  tag: string;
  heading: boolean;
  listItem: boolean;
  inChrome: boolean;
  inFigure: boolean;
  figcaption: boolean;
  preformatted: boolean;
}

// A private-use marker for <br>, so line breaks survive whitespace collapsing and two in a row can end a paragraph.
const LINE_BREAK = '\u0001';
const PARAGRAPH_BREAK = /\u0001(?:[^\S\u0001]*\u0001)+/;
const NEWLINE = /\n/g;
const FIGURE_TAGS = new Set(['figure', 'figcaption']);
// Figures also wrap pull quotes, tables and code listings, which are part of the story; only the rest of a figure is caption and credit.
const FIGURE_CONTENT = new Set(['blockquote', 'table', 'pre', 'ul', 'ol', 'p']);

export function collectBlocks(parts: Element[], stats: Map<Element, ElementStats>): Block[] {
  const blocks: Block[] = [];
  let pieces: string[] = [];
  let linkChars = 0;
  let current: Context | null = null;

  function flush(): void {
    if (pieces.length === 0 || !current) return;
    const raw = pieces.join('');
    const context = current;
    const links = linkChars;
    pieces = [];
    linkChars = 0;
    for (const paragraph of raw.split(PARAGRAPH_BREAK)) {
      const text = paragraph
        .split(LINE_BREAK)
        .map(normaliseSpace)
        .filter((line) => line !== '')
        .join('\n');
      if (text === '') continue;
      blocks.push({
        text,
        tag: context.tag,
        heading: context.heading,
        listItem: context.listItem,
        inChrome: context.inChrome,
        inFigure: context.inFigure,
        chars: text.length,
        // Link text is counted before splitting; a paragraph split by <br><br> shares it out evenly enough.
        linkChars: Math.min(links, text.length),
      });
    }
  }

  function enter(context: Context): void {
    if (current === context) return;
    flush();
    current = context;
  }

  function visit(element: Element, context: Context, inLink: boolean): void {
    for (const child of element.children) {
      if (isText(child)) {
        enter(context);
        pieces.push(context.preformatted ? child.data.replace(NEWLINE, LINE_BREAK) : child.data);
        if (inLink) linkChars += measureText(child.data).chars;
        continue;
      }
      if (!isElement(child)) continue;
      const name = child.name;
      if (name === 'br') {
        enter(context);
        pieces.push(LINE_BREAK);
        continue;
      }
      const childStats = stats.get(child);
      if (!childStats) continue;
      if (INLINE.has(name)) {
        visit(child, context, inLink || name === 'a');
        continue;
      }
      flush();
      current = null;
      // A block inside a link (card-style teasers) is all link text.
      visit(child, {
        tag: name,
        heading: context.heading || HEADINGS.has(name),
        listItem: context.listItem || name === 'li' || name === 'dd' || name === 'dt',
        inChrome: context.inChrome || childStats.chrome,
        inFigure: name === 'figcaption' || (context.inFigure ? context.figcaption || !FIGURE_CONTENT.has(name) : name === 'figure'),
        figcaption: context.figcaption || name === 'figcaption',
        preformatted: context.preformatted || name === 'pre',
      }, inLink);
      flush();
      current = null;
    }
  }

  for (const part of parts) {
    const context: Context = {
      tag: part.name,
      heading: HEADINGS.has(part.name),
      listItem: part.name === 'li',
      inChrome: false,
      inFigure: FIGURE_TAGS.has(part.name),
      figcaption: part.name === 'figcaption',
      preformatted: part.name === 'pre',
    };
    flush();
    current = null;
    visit(part, context, false);
    flush();
    current = null;
  }
  return blocks;
}
