// The article body: find the box, cut it into blocks, drop the chrome.
import { isElement, type Element, type Root } from './dom';
import { collectBlocks, type Block } from './blocks';
import { readsLikeChrome, readsLikeChromeBeside } from './chrome-check';
import { measure, type MeasureOptions, type Measured } from './measure';
import { candidateSelections, densestRun, type Selection } from './score';
import { dropAuthorBios, dropBoilerplate, dropChromeSections, dropRepeats, dropTeaserTail, trimEdges } from './sequence';
import type { WorkBudget } from './work-budget';

/** Below this many characters the strict pass probably cut the story itself, so a lenient pass is tried. */
const SHORT_BODY = 250;

/** @param site the page's site (siteOf), to tell links to other sites; null when the page's address is not known. */
function paragraphsOf(blocks: Block[], site: string | null, budget: WorkBudget): string[] {
  const kept = trimEdges(dropTeaserTail(dropAuthorBios(dropRepeats(dropBoilerplate(dropChromeSections(blocks, budget), site, budget))), site, budget));
  return kept.map((block) => block.text);
}

/** A box with less than this share of the prose in the page's densest run of paragraphs is not the story's box. */
const FAR_LESS_PROSE = 1 / 3;
/** Another box replaces the first choice only with a story of its own. */
const ALTERNATIVE_MIN_PROSE = 150;

/** The selection's blocks, less any continuing sibling that reads like a footer, menu or contact block. */
function storyBlocks(selection: Selection, measured: Measured, budget: WorkBudget): Block[] {
  const blocks: Block[] = [];
  for (const part of selection.parts) {
    const partBlocks = collectBlocks([part], measured.stats, budget);
    if (part !== selection.top && readsLikeChromeBeside(partBlocks)) continue;
    for (const block of partBlocks) blocks.push(block);
  }
  return blocks;
}

function contains(box: Element, element: Element): boolean {
  for (let current: Element = element; ; current = current.parent as Element) {
    if (current === box) return true;
    if (!isElement(current.parent)) return false;
  }
}

function proseOf(selection: Selection, measured: Measured): number {
  let prose = 0;
  for (const part of selection.parts) prose += measured.stats.prose[part.index] ?? 0;
  return prose;
}

/** The story's paragraphs, and the box they were read from: the element around the chosen box and the siblings that continue it. */
export interface StoryBody {
  paragraphs: string[];
  /** Null when no box was chosen. */
  region: Element | null;
}

function regionOf(selection: Selection): Element {
  return isElement(selection.top.parent) ? selection.top.parent : selection.top;
}

/**
 * The best-scoring box, unless it reads like a footer, menu or contact block
 * or holds far less prose than the page's densest run of paragraphs: then
 * the next box that holds a story of its own and reads like one.
 */
function bodyWith(root: Root, site: string | null, options: MeasureOptions): StoryBody {
  const measured = measure(root, options);
  let run = densestRun(measured);
  const refused = new Set<Element>();
  let firstChoice: { blocks: Block[]; selection: Selection } | null = null;
  for (const selection of candidateSelections(measured, refused)) {
    const blocks = storyBlocks(selection, measured, options.budget);
    const prose = proseOf(selection, measured);
    const isFirst = firstChoice === null;
    firstChoice ??= { blocks, selection };
    // A box is judged without a list of teasers after its story: a story above a big grid of them is still a story.
    const chrome = readsLikeChrome(dropTeaserTail(blocks, site, options.budget));
    // The densest run of a box that reads like chrome (a footer of addresses) is no measure of the story.
    if (chrome && run && contains(selection.top, run.box)) run = null;
    const farLess = run !== null && prose < run.chars * FAR_LESS_PROSE;
    if (!farLess && !chrome && (isFirst || prose >= ALTERNATIVE_MIN_PROSE))
      return { paragraphs: paragraphsOf(blocks, site, options.budget), region: regionOf(selection) };
    refused.add(selection.top);
  }
  return firstChoice
    ? { paragraphs: paragraphsOf(firstChoice.blocks, site, options.budget), region: regionOf(firstChoice.selection) }
    : { paragraphs: [], region: null };
}

function totalLength(paragraphs: string[]): number {
  let length = 0;
  for (const paragraph of paragraphs) length += paragraph.length;
  return length;
}

export function extractBody(root: Root, site: string | null, budget: WorkBudget): StoryBody {
  const strict = bodyWith(root, site, { skipUnlikely: true, budget });
  if (totalLength(strict.paragraphs) >= SHORT_BODY) return strict;
  const lenient = bodyWith(root, site, { skipUnlikely: false, budget });
  return totalLength(lenient.paragraphs) > totalLength(strict.paragraphs) ? lenient : strict;
}

/** Body text of the boxes a source's include rules name, in document order, with the same chrome left out. */
export function bodyOfParts(root: Root, parts: Element[], site: string | null, budget: WorkBudget): string[] {
  const strict = paragraphsOf(collectBlocks(parts, measure(root, { skipUnlikely: true, budget }).stats, budget), site, budget);
  if (strict.length > 0) return strict;
  // The named box may sit inside something the strict pass leaves out (a hidden or oddly named wrapper).
  return paragraphsOf(collectBlocks(parts, measure(root, { skipUnlikely: false, budget }).stats, budget), site, budget);
}
