// Turns the chosen article box into blocks of text, one per paragraph,
// heading, list item, quote, table row or table cell, so no two words from
// different blocks are ever glued together and no block is split in the
// middle. Each block carries what the boilerplate filter needs to judge it.
import { HEADINGS, INLINE, isElement, isText, type Element } from './dom';
import type { ElementStats } from './measure';
import { detached, measureText, normaliseSpace } from './text';
import type { WorkBudget } from './work-budget';

export interface Block {
  text: string;
  /** The block element the text came from (p, li, h2, td, tr, div...). */
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
  /** A data table's row, read as one line of its cells. */
  inRow: boolean;
  element: Element;
}

// A private-use marker for <br>, so line breaks survive whitespace collapsing and two in a row can end a paragraph.
const LINE_BREAK = '\u0001';
const PARAGRAPH_BREAK = /\u0001(?:[^\S\u0001]*\u0001)+/;
const NEWLINE = /\n/g;
const FIGURE_TAGS = new Set(['figure', 'figcaption']);
const TABLE_CELLS = new Set(['td', 'th']);
/** Between the cells of a row read as one line: a reader sees columns, and the metric's words are the same. */
const CELL_SEPARATOR = ' | ';
/** A cell longer than this is prose laid out in a table (an old site's layout), so its row is read cell by cell. */
const LONGEST_DATA_CELL = 200;

/** Whether a block is a table's row or cell: data, never judged as a line of links. */
export function isTableBlock(block: Block): boolean {
  return block.tag === 'tr' || TABLE_CELLS.has(block.tag);
}

/**
 * A row of a data table: two or more cells of short running text, no block
 * inside any, none named as chrome. Read as one line, so a diff shows which
 * row a changed figure sits in, and a table of 30,000 rows is 30,000 blocks,
 * not 150,000.
 */
function isDataRow(row: Element, stats: ElementStats): boolean {
  let cells = 0;
  for (const child of row.children) {
    if (isText(child)) {
      if (!isBlank(child.data)) return false;
      continue;
    }
    if (!isElement(child) || !stats.has(child)) continue;
    const chars = stats.chars[child.index] ?? 0;
    if (chars === 0) continue;
    if (!TABLE_CELLS.has(child.name) || chars > LONGEST_DATA_CELL || stats.flowChars[child.index] !== chars || stats.isChrome(child)) return false;
    cells++;
  }
  return cells >= 2;
}

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
        // A break inside a short cell only wraps its text; a row is one line.
        pieces.push(context.inRow ? ' ' : LINE_BREAK);
        continue;
      }
      if (!stats.has(child)) continue;
      const childChars = stats.chars[child.index] ?? 0;
      // A data row's cells hold no text in blocks (isDataRow); an empty one must not end the line.
      if (context.inRow && !INLINE.has(name)) continue;
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
      const inner: Context = {
        tag: name,
        heading: context.heading || HEADINGS.has(name),
        listItem: context.listItem || name === 'li' || name === 'dd' || name === 'dt',
        inChrome: context.inChrome || stats.isChrome(child),
        inFigure: name === 'figcaption' || (context.inFigure ? context.figcaption || !FIGURE_CONTENT.has(name) : name === 'figure'),
        figcaption: context.figcaption || name === 'figcaption',
        preformatted: context.preformatted || name === 'pre',
        inRow: name === 'tr' && !context.preformatted && isDataRow(child, stats),
        element: child,
      };
      // A block inside a link (card-style teasers) is all link text.
      if (inner.inRow) visitRow(child, inner, inLink);
      else visit(child, inner, inLink);
      flush();
      current = null;
    }
  }

  /** The row's cells into the row's one block, the cells' own text only (isDataRow). */
  function visitRow(row: Element, context: Context, inLink: boolean): void {
    let cells = 0;
    for (const cell of row.children) {
      if (!isElement(cell) || !stats.has(cell) || (stats.chars[cell.index] ?? 0) === 0) continue;
      if (cells++ > 0) {
        enter(context);
        pieces.push(CELL_SEPARATOR);
      }
      visit(cell, context, inLink);
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
      inRow: false,
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
