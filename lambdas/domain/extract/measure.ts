// One bottom-up walk over the parsed page that measures every element that
// could hold article text: how much visible text it has, how much of that is
// link text, and how much is its own running prose. Chrome that can never be
// the article (hidden boxes, navigation, scripts) is left out of the numbers.
import { HEADINGS, INLINE, isElement, isText, NEVER_CONTENT, type AnyNode, type Element } from './dom';
import { CLASS_CHROME, CLASS_DISCUSSION, CLASS_MAYBE_CONTENT, CLASS_UNLIKELY, classWords, isChromeRole, isHiddenStyle, isMisusedChromeRole } from './hints';
import { measureText } from './text';
import type { WorkBudget } from './work-budget';

export interface ElementStats {
  /** Visible characters in the element, whitespace runs counted once. */
  chars: number;
  /** Of those, characters inside links. */
  linkChars: number;
  /** Characters of running text directly in this block (not in child blocks). */
  flowChars: number;
  flowCommas: number;
  /** Of the running text, characters inside links. */
  flowLinkChars: number;
  /** Characters of real prose below: paragraphs long enough and not mostly links. */
  prose: number;
  /** Named as chrome (share bar, caption, related links) and holding too little prose to be anything else. */
  chrome: boolean;
}

export interface Measured {
  /** Every element kept for reading; an element missing here was left out with all it holds. */
  stats: Map<Element, ElementStats>;
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

const STREAMED_BOUNDARY = /^S:\d+$/;

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
  // React streams late parts of a server-rendered page into hidden <div id="S:n"> boxes that a script moves into place at once.
  if (attribs['aria-hidden'] === 'true') return true;
  // A collapsed accordion or tab panel is named by the control that opens it: the reader sees it with one click.
  if (isLabelledPanel(attribs)) return false;
  if (attribs.hidden !== undefined && !STREAMED_BOUNDARY.test(attribs.id ?? '')) return true;
  const style = attribs.style;
  return style !== undefined && isHiddenStyle(style);
}

/** Substantial prose, mostly not links: what rescues a box from a chrome-sounding name. */
function holdsProse(own: ElementStats, minimum: number, maxLinkDensity: number): boolean {
  return own.chars >= minimum && linkDensity(own) < maxLinkDensity;
}

/**
 * A region named like chrome (sidebar, newsletter, related) is left out unless
 * it turns out to hold a good deal of prose: sites do put stories in boxes
 * called "inline-and-sidebar-container" or "newsletter-content".
 */
function isUnlikelyRegion(element: Element, hints: number, own: ElementStats): boolean {
  if (NEVER_UNLIKELY.has(element.name)) return false;
  const role = element.attribs.role;
  if (role !== undefined && isMisusedChromeRole(role)) return !holdsProse(own, 500, 0.3);
  if (element.name !== 'header' && element.name !== 'form' && (hints & UNLIKELY_NAME) === 0) return false;
  if ((hints & DISCUSSION_NAME) !== 0) return true;
  return !holdsProse(own, 500, 0.3);
}

/**
 * A box named like chrome inside the article is chrome unless it holds a good
 * deal of prose: page builders call every box a "widget" and some sites put
 * the story in a "post-meta" wrapper, but a real share bar or caption is short
 * or all links.
 */
function isChromeBox(hints: number, own: ElementStats): boolean {
  return (hints & CHROME_NAME) !== 0 && !holdsProse(own, 400, 0.25);
}

const UNLIKELY_NAME = 1;
const DISCUSSION_NAME = 2;
const CHROME_NAME = 4;

/** What an element's class and id say, as bit flags. */
function hintsOf(element: Element): number {
  const { class: className, id } = element.attribs;
  // Class and id are read apart and their words combined, so no joined string is built for each element.
  const words = (className ? classWords(className) : 0) | (id ? classWords(id) : 0);
  // Unlikely by name unless a word of either says it may be the story ("article-header").
  const unlikely = (words & CLASS_UNLIKELY) !== 0 && (words & CLASS_MAYBE_CONTENT) === 0 ? UNLIKELY_NAME : 0;
  return unlikely | ((words & CLASS_DISCUSSION) !== 0 ? DISCUSSION_NAME : 0) | ((words & CLASS_CHROME) !== 0 ? CHROME_NAME : 0);
}

export function measure(root: AnyNode, options: MeasureOptions): Measured {
  const stats = new Map<Element, ElementStats>();
  const textBlocks: Element[] = [];

  // Returns the element's stats; inline elements also hand their running text up to the block they sit in.
  const budget = options.budget;
  function visit(element: Element, inLink: boolean): ElementStats {
    budget.tick();
    const own: ElementStats = { chars: 0, linkChars: 0, flowChars: 0, flowCommas: 0, flowLinkChars: 0, prose: 0, chrome: false };
    const isLink = inLink || element.name === 'a';
    for (const child of element.children) {
      if (isText(child)) {
        const { chars, commas } = measureText(child.data);
        if (chars === 0) continue;
        own.chars += chars;
        own.flowChars += chars;
        own.flowCommas += commas;
        if (isLink) {
          own.linkChars += chars;
          own.flowLinkChars += chars;
        }
      } else if (isElement(child)) {
        if (isExcluded(child, options)) continue;
        const blocksBefore = textBlocks.length;
        const childStats = visit(child, isLink);
        const hints = hintsOf(child);
        if (options.skipUnlikely && isUnlikelyRegion(child, hints, childStats)) {
          stats.delete(child);
          textBlocks.length = blocksBefore;
          continue;
        }
        own.chars += childStats.chars;
        own.linkChars += childStats.linkChars;
        // Prose in a box named as chrome (author bio, disclaimer) does not make its surroundings the story.
        childStats.chrome = isChromeBox(hints, childStats);
        if (!childStats.chrome) own.prose += childStats.prose;
        if (INLINE.has(child.name)) {
          own.flowChars += childStats.flowChars;
          own.flowCommas += childStats.flowCommas;
          own.flowLinkChars += childStats.flowLinkChars;
        }
      }
    }
    stats.set(element, own);
    if (!INLINE.has(element.name) && own.flowChars >= 25) {
      textBlocks.push(element);
      if (own.flowChars >= PROSE_MIN_CHARS && own.flowLinkChars < own.flowChars * 0.35 && !HEADINGS.has(element.name)) {
        own.prose += own.flowChars;
      }
    }
    return own;
  }

  for (const child of 'children' in root ? root.children : []) {
    if (isElement(child) && !isExcluded(child, options)) visit(child, false);
  }
  return { stats, textBlocks, budget };
}

export function linkDensity(stats: ElementStats): number {
  return stats.chars === 0 ? 0 : stats.linkChars / stats.chars;
}
