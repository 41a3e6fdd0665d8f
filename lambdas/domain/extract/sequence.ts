// Judging blocks by their neighbours. Chrome gathers at the edges of the
// article box (a kicker and the title above the story, price cards and
// sign-up prompts below it), and responsive templates print the same story
// twice; a block's own words cannot tell those apart, its place can.
import { withoutWww } from '../url';
import { type Block, isTableBlock } from './blocks';
import { isBoilerplateBlock, isBoilerplateOnlyAsDate, isBoilerplateOnlyForLinks, isDatedUpdateNotice } from './boilerplate';
import { INLINE, isElement, type Element } from './dom';
import { normaliseSpace } from './text';
import type { WorkBudget } from './work-budget';
import { anyOf, compile } from './vocabulary/notation';
import { chromeHeadingLeads, chromeHeadingOpenings, chromeHeadings, writerTrades } from './vocabulary/section-phrases';

const SENTENCE_END = /[.!?…:;"”’)\]]$/;

/** A block this long is a paragraph: prose when it is mostly not links, and never a label the story uses again. */
const PARAGRAPH_CHARS = 80;

/** Prose a reader came for: a long run of text that is mostly not links. */
function isProse(block: Block): boolean {
  if (block.heading) return false;
  if (block.chars >= PARAGRAPH_CHARS && block.linkChars < block.chars * 0.35) return true;
  return block.chars >= 40 && block.linkChars === 0 && SENTENCE_END.test(block.text);
}

/** A label-like block: too short to be prose and not a sentence. */
function isLabel(block: Block): boolean {
  return !block.heading && block.chars < 60 && !SENTENCE_END.test(block.text) && !isDatedUpdateNotice(block.text);
}

/** Where the story's prose starts and ends among the blocks: the first and last prose block (-1 and the last index when there is none). */
function proseBounds(blocks: Block[]): { first: number; last: number } {
  const first = blocks.findIndex(isProse);
  let last = blocks.length - 1;
  while (last > first && !isProse(blocks[last] as Block)) last--;
  return { first, last };
}

/**
 * A table's row or cell, or a list's item. Below the last paragraph these are the
 * story's own (a training plan's weekly tables, a guide's closing list of
 * brands): link lists and chrome boxes are gone by then, and what a reader
 * audits in a table is each row.
 */
function isStoryStructure(block: Block): boolean {
  return isTableBlock(block) || block.listItem;
}

/** Whether a heading (or a run of headings) leads straight into a table or list. */
function headsStructure(blocks: Block[], index: number): boolean {
  for (let next = index + 1; next < blocks.length; next++) {
    const block = blocks[next] as Block;
    if (isStoryStructure(block)) return true;
    if (!block.heading) return false;
  }
  return false;
}

export function trimEdges(blocks: Block[]): Block[] {
  const { first, last } = proseBounds(blocks);
  if (first < 0) return blocks;
  const kept: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (index < first) {
      // Above the story: the title (an h1) and labels such as kickers, dates and reading times.
      if (block.tag === 'h1' || isLabel(block)) continue;
    } else if (index > last) {
      // Below the story: a heading with no prose after it, or a run of labels, unless they are or head a table or list.
      if (isStoryStructure(block) || (block.heading && headsStructure(blocks, index))) {
        kept.push(block);
        continue;
      }
      if (block.heading || isLabel(block)) continue;
    }
    kept.push(block);
  }
  return kept;
}

/**
 * Responsive templates repeat the story for another screen size; a paragraph
 * seen before is not news. A short line seen before is often the story's own
 * structure (each product's "Pros", "Price: $20", "Read our review"), so it
 * goes only when it carries on a repeat already dropped, in the order the
 * story first gave them.
 */
export function dropRepeats(blocks: Block[]): Block[] {
  const seen = new Map<string, number>();
  const kept: Block[] = [];
  /** Where the block after the last dropped repeat first appeared, or -1 when the last block was no repeat. */
  let continues = -1;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (block.chars >= 20) {
      const first = seen.get(block.text);
      if (first !== undefined && (block.chars >= PARAGRAPH_CHARS || first === continues)) {
        continues = first + 1;
        continue;
      }
      if (first === undefined) seen.set(block.text, index);
    }
    continues = -1;
    kept.push(block);
  }
  return kept;
}

/** The site a page belongs to, for telling links elsewhere from its own: the host of its address, less "www.". */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? withoutWww(hostname) : null;
  } catch {
    return null;
  }
}

/** An address with its own host ("https://…", "//…"); any other is relative, on the page's own site. */
const ABSOLUTE_LINK = /^(?:https?:)?\/\//i;

/** Another site's address; a relative one, or one on the site or a subdomain of it (blog.example.com), is the site's own. */
function leadsElsewhere(href: string, site: string): boolean {
  const trimmed = href.trim();
  if (!ABSOLUTE_LINK.test(trimmed)) return false;
  let host: string;
  try {
    host = withoutWww(new URL(trimmed, `https://${site}/`).hostname);
  } catch {
    return false;
  }
  return host !== site && !host.endsWith(`.${site}`) && !site.endsWith(`.${host}`);
}

/** Whether the block has links and every one of them, in its own text or around it, leads to another site. */
function linksOnlyElsewhere(block: Block, site: string, budget: WorkBudget): boolean {
  let links = 0;
  let elsewhere = true;
  const look = (element: Element): void => {
    const href = element.attribs.href;
    if (href === undefined) return;
    links++;
    if (!leadsElsewhere(href, site)) elsewhere = false;
  };
  // The block's own inline content only: a list item's nested list is blocks of its own.
  const walk = (element: Element): void => {
    for (const child of element.children) {
      budget.tick();
      if (!isElement(child) || !INLINE.has(child.name)) continue;
      if (child.name === 'a') look(child);
      walk(child);
    }
  };
  walk(block.element);
  const around = linkAround(block.element);
  if (around) look(around);
  return links > 0 && elsewhere;
}

/**
 * The boilerplate filter, and the one thing a block alone cannot show: an
 * item of a list of links to other sites, amid the story's paragraphs, is the
 * story's own (its sources, the tools or providers it names), and an auditor
 * wants a changed source seen. Links to the site's own pages are navigation
 * or teasers wherever they sit, and a linked line printed again and again is
 * a template's call to action. A line that is only a date is the page's
 * stamp above or below the story, but amid its paragraphs it is the story's
 * (an event's date, a schedule's day).
 */
export function dropBoilerplate(blocks: Block[], site: string | null, budget: WorkBudget): Block[] {
  const { first, last } = proseBounds(blocks);
  let printed: Map<string, number> | null = null;
  const kept: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (!isBoilerplateBlock(block)) {
      kept.push(block);
      continue;
    }
    const amidStory = index > first && index < last;
    if (amidStory && isBoilerplateOnlyAsDate(block)) {
      kept.push(block);
      continue;
    }
    if (site === null || !block.listItem || !amidStory || !isBoilerplateOnlyForLinks(block)) continue;
    printed ??= timesPrinted(blocks);
    if ((printed.get(block.text) ?? 0) === 1 && linksOnlyElsewhere(block, site, budget)) kept.push(block);
  }
  return kept;
}

function timesPrinted(blocks: Block[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const block of blocks) times.set(block.text, (times.get(block.text) ?? 0) + 1);
  return times;
}

// Headings that open a section of chrome rather than a part of the story.
const CHROME_HEADING = compile(`^(?:${anyOf(chromeHeadings)}|${anyOf(chromeHeadingLeads)}(?: \\w+){0,2}|${anyOf(chromeHeadingOpenings)}\\b.*)\\s*[:.!]?$`);

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function headingLevel(block: Block): number {
  const level = Number(block.tag.charAt(1));
  return block.tag.length === 2 && block.tag.charAt(0) === 'h' && level >= 1 && level <= 6 ? level : 7;
}

function contains(box: Element, element: Element, budget: WorkBudget): boolean {
  for (let current: Element | null = element; current; current = isElement(current.parent) ? current.parent : null) {
    budget.tick();
    if (current === box) return true;
  }
  return false;
}

/** The smallest box around a heading that also holds the block after it: how far the heading's section can reach. */
function sectionBox(heading: Block, next: Block | undefined, budget: WorkBudget): Element | null {
  if (!next) return null;
  let box = heading.element.parent;
  while (box && isElement(box) && !contains(box, next.element, budget)) box = box.parent;
  return box && isElement(box) ? box : null;
}

/** More prose than a module of teasers or offers ever holds: a section this long is the story's, whatever its heading says. */
const STORY_SECTION_PROSE = 2_000;

/** Whether the section under the heading at `start` holds a story's worth of prose ("Recommended providers", reviewed one by one). */
function holdsAStory(blocks: Block[], start: number, level: number, box: Element | null, budget: WorkBudget): boolean {
  let prose = 0;
  for (let index = start + 1; index < blocks.length && prose < STORY_SECTION_PROSE; index++) {
    const block = blocks[index] as Block;
    if (box && !contains(box, block.element, budget)) break;
    if (block.heading && headingLevel(block) <= level) break;
    if (isProse(block)) prose += block.chars;
  }
  return prose >= STORY_SECTION_PROSE;
}

/**
 * A chrome heading takes the blocks under it along, up to the next heading of
 * its rank or higher, and never past the box it shares with them: a
 * "Recommended reading" module dropped between two paragraphs takes its
 * teasers, and the story goes on after it. A section holding a story's
 * worth of prose is the story's, whatever its heading says.
 */
export function dropChromeSections(blocks: Block[], budget: WorkBudget): Block[] {
  const kept: Block[] = [];
  let skippingBelow = 0;
  let skippingIn: Element | null = null;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (skippingBelow !== 0 && (!skippingIn || !contains(skippingIn, block.element, budget))) skippingBelow = 0;
    if (block.heading) {
      const level = headingLevel(block);
      if (skippingBelow !== 0 && level <= skippingBelow) skippingBelow = 0;
      // A heading may carry its teaser on a second line: "Related article\nHow to…".
      if (CHROME_HEADING.test(firstLine(block.text))) {
        const box = sectionBox(block, blocks[index + 1], budget);
        if (!holdsAStory(blocks, index, level, box, budget)) {
          skippingBelow = level;
          skippingIn = box;
          continue;
        }
      }
    }
    if (skippingBelow === 0) kept.push(block);
  }
  return kept;
}

// "Jane Doe is a freelance writer covering…", "Sam is a senior editor at…": a contributor note, not the story.
const BIO_SUBJECT = /^(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*\s+(?:is|was|has been|serves as)\s+(?:a|an|the|our)\s/u;
const BIO_TRADE = compile(`^[^.!?]{0,100}?\\b${anyOf(writerTrades)}s?\\b`);
/** How near the end a contributor note has to be: the story's last blocks and what follows them. */
const BIO_WINDOW = 6;
const BIO_MAX_CHARS = 700;

/** Each list's compiled matcher, by the rule it serves (for the vocabulary tests). */
export const sectionMatchers = { chromeHeading: CHROME_HEADING, writerTrade: BIO_TRADE } as const;

function isAuthorBio(block: Block): boolean {
  return !block.heading && block.chars <= BIO_MAX_CHARS && BIO_SUBJECT.test(block.text) && BIO_TRADE.test(block.text);
}

/** At most this many paragraphs may follow a closing bio: the writer's contact line, a promo. */
const PROSE_AFTER_BIO = 2;

/**
 * The note about the writer that closes many articles, and whatever the
 * template puts after it (the writer's contact line, a "liked this post?"
 * promo); or the same note in an author box beside the byline, before the
 * story starts. Only at the edges: the same words mid-story are reporting.
 */
export function dropAuthorBios(blocks: Block[]): Block[] {
  let end = blocks.length;
  let proseAfter = 0;
  for (let index = blocks.length - 1; index >= Math.max(0, blocks.length - BIO_WINDOW) && proseAfter <= PROSE_AFTER_BIO; index--) {
    const block = blocks[index] as Block;
    if (isAuthorBio(block)) end = index;
    else if (isProse(block)) proseAfter++;
  }
  const kept: Block[] = [];
  let storyStarted = false;
  for (let index = 0; index < end; index++) {
    const block = blocks[index] as Block;
    if (!storyStarted && isAuthorBio(block)) continue;
    if (isProse(block)) storyStarted = true;
    kept.push(block);
  }
  return kept;
}

/** A teaser's headline: a heading, or a short line, that is nothing but a link to another page. */
function isLinkedHeadline(block: Block): boolean {
  return (
    block.chars >= 12 &&
    block.chars <= TEASER_HEADLINE_CHARS &&
    block.linkChars >= block.chars * 0.9 &&
    (block.heading || !SENTENCE_END.test(block.text)) &&
    linksAway(block.element)
  );
}

/** The link the element sits in, a few levels up at most (a card that is one link). */
function linkAround(element: Element): Element | null {
  for (let current: Element | null = element, level = 0; current && level < 4; current = isElement(current.parent) ? current.parent : null, level++) {
    if (current.name === 'a') return current;
  }
  return null;
}

/** The first link in an element, or around it (a card that is one link). */
function linkOf(element: Element): Element | null {
  const around = linkAround(element);
  if (around) return around;
  const queue: Element[] = [element];
  for (let seen = 0; seen < queue.length && seen < 20; seen++) {
    for (const child of (queue[seen] as Element).children) {
      if (!isElement(child)) continue;
      if (child.name === 'a') return child;
      queue.push(child);
    }
  }
  return null;
}

/** A link to another page, not a toggle or a jump within this one (an FAQ's questions are links to their answers). */
function linksAway(element: Element): boolean {
  return leadsToAPage(linkOf(element)?.attribs.href?.trim() ?? '');
}

function leadsToAPage(href: string): boolean {
  return href !== '' && !href.startsWith('#') && !href.toLowerCase().startsWith('javascript:');
}

/** An excerpt cut short for a teaser: "…the streets of Kingstown i...". */
const CUT_SHORT = /(?:\.\.\.|…|\[(?:\.\.\.|…)\])$/;

/** A title as compared: its text as a block holds it (normaliseSpace), lower-cased. */
function comparableTitle(text: string): string {
  return normaliseSpace(text).toLowerCase();
}

/** The text of a link as comparableTitle compares it; a link this long is no title. */
function linkTitle(link: Element): string {
  let text = '';
  const walk = (element: Element): void => {
    for (const child of element.children) {
      if (text.length > TEASER_HEADLINE_CHARS) return;
      if (isElement(child)) walk(child);
      else text += child.data;
    }
  };
  walk(link);
  return comparableTitle(text);
}

/**
 * A card's headline printed as a plain heading, with the card's link to the
 * site's own page of that title beside it (the link line itself is gone by now,
 * judged as a line of links). A shop's link of the product's name is not one:
 * a story's closing list of products stays.
 */
function isCardHeadline(block: Block, site: string | null): boolean {
  if (!block.heading || block.linkChars > 0 || block.chars < 12 || block.chars > TEASER_HEADLINE_CHARS) return false;
  const title = comparableTitle(block.text);
  let card: Element = block.element;
  for (let level = 0; level < 3 && isElement(card.parent); level++) {
    card = card.parent;
    const link = linkOf(card);
    if (!link) continue;
    const href = link.attribs.href?.trim() ?? '';
    if (!leadsToAPage(href)) return false;
    const ownSite = site === null ? !ABSOLUTE_LINK.test(href) : !leadsElsewhere(href, site);
    return ownSite && linkTitle(link) === title;
  }
  return false;
}

function isTeaser(block: Block, site: string | null): boolean {
  return isLinkedHeadline(block) || (!block.heading && block.chars <= TEASER_BLURB_CHARS && CUT_SHORT.test(block.text)) || isCardHeadline(block, site);
}

/** What may sit in a teaser beside its headline: a blurb, a date or category label. */
function isTeaserExtra(block: Block): boolean {
  return block.heading ? block.chars < 30 && block.linkChars >= block.chars * 0.9 : block.chars <= TEASER_BLURB_CHARS;
}

const TEASER_HEADLINE_CHARS = 160;
const TEASER_BLURB_CHARS = 800;
const TEASER_BLURB_MIN_CHARS = 60;
/** A list of related posts shows several; one or two linked lines are a "read next" the block filter judges. */
const TEASERS_IN_A_LIST = 3;
/** A teaser has a headline and at most this many lines beside it. */
const TEASER_EXTRAS = 3;

function lowestCommonBox(a: Element, b: Element, budget: WorkBudget): Element | null {
  for (let box: Element | null = a; box; box = isElement(box.parent) ? box.parent : null) {
    if (contains(box, b, budget)) return box;
  }
  return null;
}

/**
 * A list of teasers for other pages after the story (each a linked headline
 * with a blurb or a date at most) that sits in a box of its own: related
 * posts, "more from this section". A list of linked names inside the story's
 * own box, each with a line about it, is part of the story and stays.
 */
export function dropTeaserTail(blocks: Block[], site: string | null, budget: WorkBudget): Block[] {
  let start = blocks.length;
  let second = blocks.length;
  let headlines = 0;
  let blurbs = 0;
  let extras = 0;
  /** Linked headlines straight after another, with no blurb or date between. */
  let headlinesInARow = 0;
  let nextIsLinkedHeadline = false;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index] as Block;
    if (!block.heading && block.chars >= TEASER_BLURB_MIN_CHARS) blurbs++;
    if (isTeaser(block, site)) {
      const linked = isLinkedHeadline(block);
      if (linked && nextIsLinkedHeadline) headlinesInARow++;
      nextIsLinkedHeadline = linked;
      headlines++;
      extras = 0;
      second = start;
      start = index;
    } else if (isTeaserExtra(block) && extras < TEASER_EXTRAS) {
      nextIsLinkedHeadline = false;
      extras++;
    } else {
      break;
    }
  }
  // Bare link lists (a list of templates, of sources) are left to the block filter, which knows lists from teasers.
  if (headlines < TEASERS_IN_A_LIST || blurbs < TEASERS_IN_A_LIST - 1) return blocks;
  // Headlines one after another, with the blurbs only after the last, are a bare list of links with the story going on after it.
  if (headlinesInARow === headlines - 1) return blocks;
  // The list's box holds its first two teasers; lines in it before the first headline (a date, a category) are the teaser's.
  const box = lowestCommonBox((blocks[start] as Block).element, (blocks[second] as Block).element, budget);
  if (!box) return blocks;
  let cut = start;
  while (cut > 0 && contains(box, (blocks[cut - 1] as Block).element, budget)) cut--;
  if (cut === 0 || start - cut > TEASER_EXTRAS) return blocks;
  return blocks.slice(0, cut);
}
