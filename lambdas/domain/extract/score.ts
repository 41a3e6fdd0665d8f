// Which element holds the article. Every block of running prose votes for the
// boxes around it (most for its parent, less for each box further out), the
// votes are discounted by how much of a box is links, and class names like
// "article-body" or "sidebar" tip the balance. The winner may then grow to
// take in the sibling boxes that clearly continue it.
import { classAndId, HEADINGS, isElement, type Element } from './dom';
import { classWeight } from './hints';
import type { ElementStats, Measured } from './measure';

interface Candidate {
  element: Element;
  score: number;
}

const TAG_BASE: Record<string, number> = {
  div: 5, article: 10, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

function initialScore(element: Element): number {
  let base = TAG_BASE[element.name] ?? 0;
  if (element.attribs.itemprop === 'articleBody') base += 30;
  return base + classWeight(classAndId(element));
}

function paragraphScore(stats: ElementStats, block: Element): number {
  return 1 + (stats.flowCommas[block.index] ?? 0) + Math.min(Math.floor((stats.flowChars[block.index] ?? 0) / 100), 3);
}

/** Elements whose content score was raised by some paragraph, with their final score. */
function scoreCandidates(measured: Measured): Map<Element, number> {
  const raw = new Map<Element, number>();
  for (const block of measured.textBlocks) {
    measured.budget.tick();
    if (HEADINGS.has(block.name)) continue;
    const stats = measured.stats;
    if (!stats.has(block)) continue;
    const points = paragraphScore(stats, block);
    // A block with prose and child blocks side by side is itself the paragraph's box.
    let ancestor: Element | null = (stats.chars[block.index] ?? 0) > (stats.flowChars[block.index] ?? 0) * 1.5 ? block : parentElement(block);
    for (let level = 0; ancestor && level < 5 && ancestor.name !== 'html'; level++) {
      if (!raw.has(ancestor)) raw.set(ancestor, initialScore(ancestor));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      raw.set(ancestor, (raw.get(ancestor) ?? 0) + points / divider);
      ancestor = parentElement(ancestor);
    }
  }
  const final = new Map<Element, number>();
  for (const [element, score] of raw) {
    if (!measured.stats.has(element)) continue;
    final.set(element, score * (1 - measured.stats.linkDensity(element)));
  }
  return final;
}

function parentElement(element: Element): Element | null {
  const parent = element.parent;
  return parent && isElement(parent) ? parent : null;
}

function isAncestor(ancestor: Element, node: Element): boolean {
  for (let current: Element | null = node; current; current = parentElement(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

function topCandidates(scores: Map<Element, number>, count: number): Candidate[] {
  const top: Candidate[] = [];
  for (const [element, score] of scores) {
    // Ties keep document order (Map order), so the choice never depends on anything but the page.
    let index = top.length;
    while (index > 0 && (top[index - 1]?.score ?? 0) < score) index--;
    if (index < count) {
      top.splice(index, 0, { element, score });
      if (top.length > count) top.pop();
    }
  }
  return top;
}

/** When several strong candidates sit side by side, the article is the box that holds them. */
function commonAncestorOfStrongCandidates(top: Candidate[]): Element | null {
  const best = top[0];
  if (!best) return null;
  const strong = top.slice(1).filter((c) => c.score / best.score >= 0.75).map((c) => c.element);
  if (strong.length < 3) return null;
  for (let parent = parentElement(best.element); parent && parent.name !== 'body'; parent = parentElement(parent)) {
    let contained = 0;
    for (const element of strong) if (isAncestor(parent, element)) contained++;
    if (contained >= 3) return parent;
  }
  return null;
}

export interface Selection {
  /** The article's box. */
  top: Element;
  /** The top box and the siblings that continue it, in document order. */
  parts: Element[];
}

export function selectArticle(measured: Measured): Selection | null {
  const scores = scoreCandidates(measured);
  const top = topCandidates(scores, 5);
  const first = top[0];
  if (!first) return null;
  let chosen = commonAncestorOfStrongCandidates(top) ?? first.element;
  let chosenScore = scores.get(chosen) ?? first.score;

  // A parent that scores better than its best child is the real article box (the child was one section of it).
  let lastScore = chosenScore;
  const threshold = lastScore / 3;
  for (let parent = parentElement(chosen); parent && parent.name !== 'body'; parent = parentElement(parent)) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      chosen = parent;
      chosenScore = parentScore;
      break;
    }
    lastScore = parentScore;
  }

  chosen = widenToDeclaredBody(widenToHoldTheProse(chosen, measured), measured);
  chosenScore = Math.max(chosenScore, scores.get(chosen) ?? 0);

  // An only child adds nothing; its parent's siblings are the ones worth comparing.
  for (let parent = parentElement(chosen); parent && parent.name !== 'body' && onlyElementChild(parent) === chosen; parent = parentElement(parent)) {
    chosen = parent;
    chosenScore = scores.get(parent) ?? chosenScore;
  }

  return { top: chosen, parts: withContinuingSiblings(chosen, chosenScore, scores, measured) };
}

/**
 * Page builders split one story over many sibling sections, each a box of
 * its own, so the best-scoring box may hold only a part of it. Going up, an
 * ancestor that adds a good share of prose to what the box holds is taken.
 */
function widenToHoldTheProse(chosen: Element, measured: Measured): Element {
  const stats = measured.stats;
  if (!stats.has(chosen)) return chosen;
  let held = stats.prose[chosen.index] ?? 0;
  let density = stats.linkDensity(chosen);
  let widened = chosen;
  for (let parent = parentElement(chosen); parent && parent.name !== 'body' && parent.name !== 'html'; parent = parentElement(parent)) {
    if (!stats.has(parent)) break;
    const prose = stats.prose[parent.index] ?? 0;
    // Lists of teasers add prose too, but they bring their links with them.
    if (prose >= held * WIDEN_GAIN && stats.linkDensity(parent) <= Math.max(density + WIDEN_LINK_DENSITY, 0.2)) {
      widened = parent;
      held = prose;
      density = stats.linkDensity(parent);
    }
  }
  return widened;
}

/**
 * A box the publisher marks as the article body (itemprop="articleBody") that
 * holds the chosen box is the article: a standfirst or intro often sits in it
 * beside the main run of paragraphs, too short to win on its own. Taken only
 * when it is not much more link-heavy than the box (a mark on a whole page
 * wrapper with its teaser lists is not taken).
 */
function widenToDeclaredBody(chosen: Element, measured: Measured): Element {
  const stats = measured.stats;
  if (!stats.has(chosen) || chosen.attribs.itemprop === 'articleBody') return chosen;
  const density = stats.linkDensity(chosen);
  for (let parent = parentElement(chosen); parent && parent.name !== 'body' && parent.name !== 'html'; parent = parentElement(parent)) {
    if (parent.attribs.itemprop !== 'articleBody') continue;
    if (stats.has(parent) && stats.linkDensity(parent) <= Math.max(density + WIDEN_LINK_DENSITY, 0.2)) return parent;
    return chosen;
  }
  return chosen;
}

function onlyElementChild(parent: Element): Element | null {
  let only: Element | null = null;
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    if (only) return null;
    only = child;
  }
  return only;
}

/** An ancestor must hold this many times the prose of the box to replace it. */
const WIDEN_GAIN = 1.5;
/** How much more link-heavy than the box an ancestor may be (teaser lists add prose, and their links). */
const WIDEN_LINK_DENSITY = 0.1;

const SENTENCE_END = /[.!?…"”'’)]\s*$|\.\s/;

function withContinuingSiblings(top: Element, topScore: number, scores: Map<Element, number>, measured: Measured): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const parts: Element[] = [];
  for (const sibling of parent.children) {
    if (!isElement(sibling)) continue;
    if (sibling === top) {
      parts.push(sibling);
      continue;
    }
    const stats = measured.stats;
    if (!stats.has(sibling)) continue;
    const bonus = topClass !== '' && sibling.attribs.class === topClass ? topScore * 0.2 : 0;
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      parts.push(sibling);
      continue;
    }
    if (sibling.name === 'p') {
      const density = stats.linkDensity(sibling);
      const chars = stats.chars[sibling.index] ?? 0;
      if (chars > 80 && density < 0.25) parts.push(sibling);
      else if (chars > 0 && chars <= 80 && density === 0 && SENTENCE_END.test(textOfSmall(sibling))) parts.push(sibling);
    }
  }
  return parts;
}

/** Text of a short element (used only on paragraphs under 80 characters). */
function textOfSmall(element: Element): string {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += child.data;
    else if (isElement(child)) text += textOfSmall(child);
  }
  return text;
}
