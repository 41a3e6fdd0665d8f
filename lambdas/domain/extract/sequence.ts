// Judging blocks by their neighbours. Chrome gathers at the edges of the
// article box (a kicker and the title above the story, price cards and
// sign-up prompts below it), and responsive templates print the same story
// twice; a block's own words cannot tell those apart, its place can.
import type { Block } from './blocks';
import { isDatedUpdateNotice } from './boilerplate';
import { isElement, type Element } from './dom';
import type { WorkBudget } from './work-budget';
import { anyOf, compile } from './vocabulary/notation';
import { chromeHeadingLeads, chromeHeadingOpenings, chromeHeadings, writerTrades } from './vocabulary/section-phrases';

const SENTENCE_END = /[.!?…:;"”’)\]]$/;

/** Prose a reader came for: a long run of text that is mostly not links. */
function isProse(block: Block): boolean {
  if (block.heading) return false;
  if (block.chars >= 80 && block.linkChars < block.chars * 0.35) return true;
  return block.chars >= 40 && block.linkChars === 0 && SENTENCE_END.test(block.text);
}

/** A label-like block: too short to be prose and not a sentence. */
function isLabel(block: Block): boolean {
  return !block.heading && block.chars < 60 && !SENTENCE_END.test(block.text) && !isDatedUpdateNotice(block.text);
}

export function trimEdges(blocks: Block[]): Block[] {
  const first = blocks.findIndex(isProse);
  if (first < 0) return blocks;
  let last = blocks.length - 1;
  while (last > first && !isProse(blocks[last] as Block)) last--;
  const kept: Block[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (index < first) {
      // Above the story: the title (an h1) and labels such as kickers, dates and reading times.
      if (block.tag === 'h1' || isLabel(block)) continue;
    } else if (index > last) {
      // Below the story: a heading with no prose after it, or a run of labels.
      if (block.heading || isLabel(block)) continue;
    }
    kept.push(block);
  }
  return kept;
}

/** Responsive templates repeat the story for another screen size; a block seen before is not news. */
export function dropRepeats(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  const kept: Block[] = [];
  for (const block of blocks) {
    if (block.chars >= 20) {
      if (seen.has(block.text)) continue;
      seen.add(block.text);
    }
    kept.push(block);
  }
  return kept;
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

/**
 * A chrome heading takes the blocks under it along, up to the next heading of
 * its rank or higher, and never past the box it shares with them: a
 * "Recommended reading" module dropped between two paragraphs takes its
 * teasers, and the story goes on after it.
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
        skippingBelow = level;
        skippingIn = sectionBox(block, blocks[index + 1], budget);
        continue;
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
