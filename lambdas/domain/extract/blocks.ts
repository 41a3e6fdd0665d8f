// Turns the chosen article box into blocks of text, one per paragraph,
// heading, list item, quote or table cell, so no two words from different
// blocks are ever glued together and no block is split in the middle. Each
// block carries what the boilerplate filter needs to judge it.
import { HEADINGS, INLINE, isElement, isText, type Element } from './dom';
import type { ElementStats } from './measure';
import { detached, measureText, normaliseSpace } from './text';
import type { WorkBudget } from './work-budget';

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
  /** The block element itself (for text straight in the container, the container). */
  element: Element;
  /** Whether the boilerplate filter drops it, once judged (boilerplate.ts); null until then. */
  boilerplate: boolean | null;
}

interface Context {
  tag: string;
  heading: boolean;
  listItem: boolean;
  inChrome: boolean;
  inFigure: boolean;
  figcaption: boolean;
  preformatted: boolean;
  element: Element;
}

// A private-use marker for <br>, so line breaks survive whitespace collapsing and two in a row can end a paragraph.
const LINE_BREAK = '\u0001';
const PARAGRAPH_BREAK = /\u0001(?:[^\S\u0001]*\u0001)+/;
const NEWLINE = /\n/g;
const FIGURE_TAGS = new Set(['figure', 'figcaption']);
// Figures also wrap pull quotes, tables and code listings, which are part of the story; only the rest of a figure is caption and credit.
const FIGURE_CONTENT = new Set(['blockquote', 'table', 'pre', 'ul', 'ol', 'p']);

/** Lines of a paragraph that holds <br> breaks, each normalised, empty ones dropped. */
function linesOf(paragraph: string): string {
  let text = '';
  for (const raw of paragraph.split(LINE_BREAK)) {
    const line = normaliseSpace(raw);
    if (line === '') continue;
    text = text === '' ? line : `${text}\n${line}`;
  }
  return text;
}

function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (!(code === 32 || (code >= 9 && code <= 13))) return false;
  }
  return true;
}

export function collectBlocks(parts: Element[], stats: ElementStats, budget: WorkBudget): Block[] {
  const blocks: Block[] = [];
  const pieces: string[] = [];
  let linkChars = 0;
  /** Inside a link whose text was already counted as a whole. */
  let linkCounted = false;
  let current: Context | null = null;

  function flush(): void {
    if (pieces.length === 0 || !current) return;
    // A block of one text node would otherwise be a view into the whole page (pieces.join copies only two or more).
    const raw = pieces.length === 1 ? detached(pieces[0] as string) : pieces.join('');
    const context = current;
    const links = linkChars;
    pieces.length = 0;
    linkChars = 0;
    // Most blocks hold no line break at all; they need no splitting.
    const paragraphs = raw.includes(LINE_BREAK) ? raw.split(PARAGRAPH_BREAK) : [raw];
    for (const paragraph of paragraphs) {
      const text = paragraph.includes(LINE_BREAK) ? linesOf(paragraph) : normaliseSpace(paragraph);
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
        element: context.element,
        boilerplate: null,
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
      budget.tick();
      if (isText(child)) {
        enter(context);
        const data = child.data;
        if (context.preformatted) pieces.push(data.replace(NEWLINE, LINE_BREAK));
        // Markup indentation is most of the text nodes of a big page; it only ever stands for one space.
        else pieces.push(isBlank(data) ? ' ' : data);
        if (inLink && !linkCounted) linkChars += measureText(data).chars;
        continue;
      }
      if (!isElement(child)) continue;
      const name = child.name;
      if (name === 'br') {
        enter(context);
        pieces.push(LINE_BREAK);
        continue;
      }
      if (!stats.has(child)) continue;
      const childChars = stats.chars[child.index] ?? 0;
      if (INLINE.has(name)) {
        if (name === 'a' && !inLink && childChars > 0 && stats.flowChars[child.index] === childChars) {
          // A link with no block inside lands whole in the current block: its measured length is its link text.
          enter(context);
          linkChars += childChars;
          const outer = linkCounted;
          linkCounted = true;
          visit(child, context, true);
          linkCounted = outer;
        } else {
          visit(child, context, inLink || name === 'a');
        }
        continue;
      }
      flush();
      current = null;
      // A block inside a link (card-style teasers) is all link text.
      visit(
        child,
        {
          tag: name,
          heading: context.heading || HEADINGS.has(name),
          listItem: context.listItem || name === 'li' || name === 'dd' || name === 'dt',
          inChrome: context.inChrome || stats.isChrome(child),
          inFigure: name === 'figcaption' || (context.inFigure ? context.figcaption || !FIGURE_CONTENT.has(name) : name === 'figure'),
          figcaption: context.figcaption || name === 'figcaption',
          preformatted: context.preformatted || name === 'pre',
          element: child,
        },
        inLink,
      );
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
      element: part,
    };
    flush();
    current = null;
    visit(part, context, false);
    flush();
    current = null;
  }
  return blocks;
}
