// The article body: find the box, cut it into blocks, drop the chrome.
import type { Element, Root } from './dom';
import { collectBlocks, type Block } from './blocks';
import { isBoilerplateBlock } from './boilerplate';
import { measure, type MeasureOptions } from './measure';
import { selectArticle } from './score';
import { dropChromeSections, dropRepeats, dropAuthorBios, trimEdges } from './sequence';
import type { WorkBudget } from './work-budget';

/** Below this many characters the strict pass probably cut the story itself, so a lenient pass is tried. */
const SHORT_BODY = 250;

export function paragraphsOf(blocks: Block[], budget: WorkBudget): string[] {
  const kept = trimEdges(dropAuthorBios(dropRepeats(dropChromeSections(blocks, budget).filter((block) => !isBoilerplateBlock(block)))));
  return kept.map((block) => block.text);
}

function bodyWith(root: Root, options: MeasureOptions): string[] {
  const measured = measure(root, options);
  const selection = selectArticle(measured);
  if (!selection) return [];
  return paragraphsOf(collectBlocks(selection.parts, measured.stats, options.budget), options.budget);
}

function totalLength(paragraphs: string[]): number {
  let length = 0;
  for (const paragraph of paragraphs) length += paragraph.length;
  return length;
}

export function extractBody(root: Root, budget: WorkBudget): string[] {
  const strict = bodyWith(root, { skipUnlikely: true, budget });
  if (totalLength(strict) >= SHORT_BODY) return strict;
  const lenient = bodyWith(root, { skipUnlikely: false, budget });
  return totalLength(lenient) > totalLength(strict) ? lenient : strict;
}

/** Body text of the boxes a source's include rules name, in document order, with the same chrome left out. */
export function bodyOfParts(root: Root, parts: Element[], budget: WorkBudget): string[] {
  const strict = paragraphsOf(collectBlocks(parts, measure(root, { skipUnlikely: true, budget }).stats, budget), budget);
  if (strict.length > 0) return strict;
  // The named box may sit inside something the strict pass leaves out (a hidden or oddly named wrapper).
  return paragraphsOf(collectBlocks(parts, measure(root, { skipUnlikely: false, budget }).stats, budget), budget);
}
