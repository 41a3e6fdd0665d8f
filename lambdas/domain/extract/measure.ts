// One bottom-up walk over the parsed page that measures every element that
// could hold article text: how much visible text it has, how much of that is
// link text, and how much is its own running prose. Chrome that can never be
// the article (hidden boxes, navigation, scripts) is left out of the numbers.
import { HEADINGS, INLINE, isElement, isText, NEVER_CONTENT, type Element, type Root } from './dom';
import {
  CLASS_CHROME,
  CLASS_DISCUSSION,
  CLASS_MAYBE_CONTENT,
  CLASS_OVERLAY,
  CLASS_UNLIKELY,
  elementWords,
  isChromeRole,
  isHiddenStyle,
  isMisusedChromeRole,
} from './hints';
import { measureText } from './text';
import type { WorkBudget } from './work-budget';

const KEPT = 1;
const CHROME = 2;

/**
 * What the walk measured, one table column per figure, indexed by the
 * element's place in the page (a page of 200,000 elements costs a few MB,
 * not a map of 200,000 objects).
 */
export class ElementStats {
  /** Visible characters in the element, whitespace runs counted once. */
  readonly chars: Int32Array;
  /** Of those, characters inside links. */
  readonly linkChars: Int32Array;
  /** Characters of running text directly in this block (not in child blocks). */
  readonly flowChars: Int32Array;
  readonly flowCommas: Int32Array;
  /** Of the running text, characters inside links. */
  readonly flowLinkChars: Int32Array;
  /** Characters of real prose below: paragraphs long enough and not mostly links. */
  readonly prose: Int32Array;
  private readonly marks: Uint8Array;

  constructor(elements: number) {
    this.chars = new Int32Array(elements);
    this.linkChars = new Int32Array(elements);
    this.flowChars = new Int32Array(elements);
    this.flowCommas = new Int32Array(elements);
    this.flowLinkChars = new Int32Array(elements);
    this.prose = new Int32Array(elements);
    this.marks = new Uint8Array(elements);
  }

  /** Kept for reading; an element left out is left out with all it holds. */
  has(element: Element): boolean {
    return ((this.marks[element.index] ?? 0) & KEPT) !== 0;
  }

  /** Named as chrome (share bar, caption, related links) and holding too little prose to be anything else. */
  isChrome(element: Element): boolean {
    return ((this.marks[element.index] ?? 0) & CHROME) !== 0;
  }

  linkDensity(element: Element): number {
    const chars = this.chars[element.index] ?? 0;
    return chars === 0 ? 0 : (this.linkChars[element.index] ?? 0) / chars;
  }

  keep(index: number, chrome: boolean): void {
    this.marks[index] = chrome ? KEPT | CHROME : KEPT;
  }

  leaveOut(index: number): void {
    this.marks[index] = 0;
  }
}

export interface Measured {
  stats: ElementStats;
  /** Elements that hold running text of their own (each listed before its ancestors). */
  textBlocks: Element[];
  /** What the rest of the page's extraction may still spend. */
  budget: WorkBudget;
}

export interface MeasureOptions {
  /** Leave out regions whose class or id marks them as chrome (comments, sidebars, related links). */
  skipUnlikely: boolean;
  budget: WorkBudget;
}

/** Shorter runs of text are labels, teasers and buttons as often as they are prose. */
const PROSE_MIN_CHARS = 60;

const STREAMED_BOUNDARY = /^S:[\da-f]+$/;

/** Tags that are page chrome by definition. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer']);
/** Containers that cannot be ruled out by their class names: the page itself and explicit article markup. */
const NEVER_UNLIKELY = new Set(['html', 'body', 'article', 'main', 'a', 'table', 'tbody', 'tr', 'td', 'th', 'p', 'li', 'pre', 'code']);

const PANEL_ROLES = new Set(['tabpanel', 'region']);

function isLabelledPanel(attribs: Record<string, string>): boolean {
  const role = attribs.role;
  return role !== undefined && PANEL_ROLES.has(role) && attribs['aria-labelledby'] !== undefined;
}

/** Excluded whatever they hold: the tag or the markup says no reader sees them as the story. */
function isExcluded(element: Element, options: MeasureOptions): boolean {
  const name = element.name;
  if (NEVER_CONTENT.has(name)) return true;
  // Broken markup can leave a whole page inside an unclosed <aside>; the lenient pass looks there too.
  if (!options.skipUnlikely) return false;
  if (CHROME_TAGS.has(name)) return true;
  const attribs = element.attribs;
  const role = attribs.role;
  if (role !== undefined && isChromeRole(role)) return true;
  // A collapsed accordion answer or "read more" body is one click away, however its markup hides it.
  if (element.opensOnClick) return false;
  // React streams late parts of a server-rendered page into hidden <div id="S:n"> boxes that a script moves into place at once.
  if (attribs['aria-hidden'] === 'true') return true;
  // A collapsed accordion or tab panel is named by the control that opens it: the reader sees it with one click.
  if (isLabelledPanel(attribs)) return false;
  if (attribs.hidden !== undefined && !STREAMED_BOUNDARY.test(attribs.id ?? '')) return true;
  const style = attribs.style;
  return style !== undefined && isHiddenStyle(style);
}

/** Substantial prose, mostly not links: what rescues a box from a chrome-sounding name. */
function holdsProse(stats: ElementStats, element: Element, minimum: number, maxLinkDensity: number): boolean {
  return (stats.chars[element.index] ?? 0) >= minimum && stats.linkDensity(element) < maxLinkDensity;
}

/**
 * A region named like chrome (sidebar, newsletter, related) is left out unless
 * it turns out to hold a good deal of prose: sites do put stories in boxes
 * called "inline-and-sidebar-container" or "newsletter-content".
 */
function isUnlikelyRegion(element: Element, hints: number, stats: ElementStats): boolean {
  if (NEVER_UNLIKELY.has(element.name)) return false;
  const role = element.attribs.role;
  if (role !== undefined && isMisusedChromeRole(role)) return !holdsProse(stats, element, 500, 0.3);
  if (element.name !== 'header' && element.name !== 'form' && (hints & UNLIKELY_NAME) === 0) return false;
  if ((hints & NEVER_STORY_NAME) !== 0) return true;
  return !holdsProse(stats, element, 500, 0.3);
}

/**
 * A box named like chrome inside the article is chrome unless it holds a good
 * deal of prose: page builders call every box a "widget" and some sites put
 * the story in a "post-meta" wrapper, but a real share bar or caption is short
 * or all links.
 */
function isChromeBox(hints: number, stats: ElementStats, element: Element): boolean {
  // A panel's class often says "hidden" until it is opened; the control that opens it says it is content.
  if (element.opensOnClick) return false;
  return (hints & CHROME_NAME) !== 0 && !holdsProse(stats, element, 400, 0.25);
}

const UNLIKELY_NAME = 1;
/** Comments or a dialog over the page: no amount of prose makes either the story. */
const NEVER_STORY_NAME = 2;
const CHROME_NAME = 4;

/** What an element's class and id say, as bit flags. */
function hintsOf(element: Element): number {
  const words = elementWords(element);
  // Unlikely by name unless a word of either says it may be the story ("article-header").
  const unlikely = (words & CLASS_UNLIKELY) !== 0 && (words & CLASS_MAYBE_CONTENT) === 0 ? UNLIKELY_NAME : 0;
  return unlikely | ((words & (CLASS_DISCUSSION | CLASS_OVERLAY)) !== 0 ? NEVER_STORY_NAME : 0) | ((words & CLASS_CHROME) !== 0 ? CHROME_NAME : 0);
}

export function measure(root: Root, options: MeasureOptions): Measured {
  const stats = new ElementStats(root.elements);
  const { chars: charsOf, linkChars: linkCharsOf, flowChars: flowCharsOf, flowCommas: flowCommasOf, flowLinkChars: flowLinkCharsOf, prose: proseOf } = stats;
  const textBlocks: Element[] = [];
  const budget = options.budget;

  // Fills in the element's figures; inline elements also hand their running text up to the block they sit in.
  function visit(element: Element, inLink: boolean, inCode: boolean): void {
    budget.tick();
    let chars = 0;
    let linkChars = 0;
    let flowChars = 0;
    let flowCommas = 0;
    let flowLinkChars = 0;
    let prose = 0;
    const isLink = inLink || element.name === 'a';
    // Class names in a code listing are the highlighter's ("hljs-comment"), never the page's chrome.
    const isCode = inCode || element.name === 'pre' || element.name === 'code';
    for (const child of element.children) {
      if (isText(child)) {
        const measured = measureText(child.data);
        if (measured.chars === 0) continue;
        chars += measured.chars;
        flowChars += measured.chars;
        flowCommas += measured.commas;
        if (isLink) {
          linkChars += measured.chars;
          flowLinkChars += measured.chars;
        }
      } else if (isElement(child)) {
        if (isExcluded(child, options)) continue;
        const blocksBefore = textBlocks.length;
        visit(child, isLink, isCode);
        const hints = isCode ? 0 : hintsOf(child);
        if (options.skipUnlikely && isUnlikelyRegion(child, hints, stats)) {
          stats.leaveOut(child.index);
          textBlocks.length = blocksBefore;
          continue;
        }
        const index = child.index;
        chars += charsOf[index] ?? 0;
        linkChars += linkCharsOf[index] ?? 0;
        // Prose in a box named as chrome (author bio, disclaimer) does not make its surroundings the story.
        const chrome = isChromeBox(hints, stats, child);
        stats.keep(index, chrome);
        if (!chrome) prose += proseOf[index] ?? 0;
        if (INLINE.has(child.name)) {
          flowChars += flowCharsOf[index] ?? 0;
          flowCommas += flowCommasOf[index] ?? 0;
          flowLinkChars += flowLinkCharsOf[index] ?? 0;
        }
      }
    }
    if (!INLINE.has(element.name) && flowChars >= 25) {
      textBlocks.push(element);
      if (flowChars >= PROSE_MIN_CHARS && flowLinkChars < flowChars * 0.35 && !HEADINGS.has(element.name)) prose += flowChars;
    }
    const index = element.index;
    charsOf[index] = chars;
    linkCharsOf[index] = linkChars;
    flowCharsOf[index] = flowChars;
    flowCommasOf[index] = flowCommas;
    flowLinkCharsOf[index] = flowLinkChars;
    proseOf[index] = prose;
    stats.keep(index, false);
  }

  for (const child of root.children) {
    if (isElement(child) && !isExcluded(child, options)) visit(child, false, false);
  }
  return { stats, textBlocks, budget };
}
