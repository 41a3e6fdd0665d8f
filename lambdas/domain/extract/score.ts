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
  div: 5,
  article: 10,
  main: 5,
  section: 3,
  pre: 3,
  td: 3,
  blockquote: 3,
  address: -3,
  ol: -3,
  ul: -3,
  dl: -3,
  dd: -3,
  dt: -3,
  li: -3,
  form: -3,
  h1: -5,
  h2: -5,
  h3: -5,
  h4: -5,
  h5: -5,
  h6: -5,
  th: -5,
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
    for (let level = 0; ancestor && level < 5 && !(ancestor.name === 'html' && isPageFrame(ancestor)); level++) {
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

/**
 * The page's own <html> or <body>, where climbing stops. Broken templates
 * nest a whole document inside the article box; its <html> and <body> are
 * just boxes of the story.
 */
function isPageFrame(element: Element): boolean {
  if (element.name !== 'body' && element.name !== 'html') return false;
  const parent = parentElement(element);
  return parent === null || (parent.name === 'html' && parentElement(parent) === null);
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
  const strong = top
    .slice(1)
    .filter((c) => c.score / best.score >= 0.75)
    .map((c) => c.element);
  if (strong.length < 3) return null;
  for (let parent = parentElement(best.element); parent && !isPageFrame(parent); parent = parentElement(parent)) {
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

/** Elements the guard refused as the article: a settled choice never climbs to them (their ancestors would hold them). */
type Refused = ReadonlySet<Element>;

/** From a first choice to the article's box: its better parent, the box that holds all the prose, the siblings that continue it. */
function settle(start: Element, startScore: number, scores: Map<Element, number>, measured: Measured, refused: Refused): Selection {
  let chosen = start;
  let chosenScore = startScore;
  // A parent that scores better than its best child is the real article box (the child was one section of it).
  let lastScore = chosenScore;
  const threshold = lastScore / 3;
  for (let parent = parentElement(chosen); parent && !isPageFrame(parent) && !refused.has(parent); parent = parentElement(parent)) {
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

  chosen = widenToDeclaredBody(widenToHoldTheProse(chosen, measured, refused), measured, refused);
  chosenScore = Math.max(chosenScore, scores.get(chosen) ?? 0);

  // An only child adds nothing; its parent's siblings are the ones worth comparing.
  for (
    let parent = parentElement(chosen);
    parent && !isPageFrame(parent) && !refused.has(parent) && onlyElementChild(parent) === chosen;
    parent = parentElement(parent)
  ) {
    chosen = parent;
    chosenScore = scores.get(parent) ?? chosenScore;
  }

  return { top: chosen, parts: withContinuingSiblings(chosen, chosenScore, scores, measured, refused) };
}

/** How many other boxes the guard may try before keeping the first choice. */
const ALTERNATIVES = 6;

/**
 * The boxes that may hold the article, best first: the usual choice, then,
 * for when the caller finds it reads like a footer, menu or contact block or
 * holds far less than the page's densest run of paragraphs, the box of that
 * run and the other strong candidates, each settled as the first was but
 * never grown back into a box already refused.
 */
export function* candidateSelections(measured: Measured, refused: Set<Element>): Generator<Selection> {
  const scores = scoreCandidates(measured);
  const top = topCandidates(scores, ALTERNATIVES);
  const first = top[0];
  if (!first) return;
  const chosen = commonAncestorOfStrongCandidates(top) ?? first.element;
  yield settle(chosen, scores.get(chosen) ?? first.score, scores, measured, refused);
  const tried = new Set<Element>([chosen]);
  const run = densestRun(measured);
  const starts = [...(run ? [run.box] : []), ...top.map((candidate) => candidate.element)];
  let alternatives = 0;
  for (const start of starts) {
    if (tried.has(start) || refused.has(start) || alternatives >= ALTERNATIVES) continue;
    tried.add(start);
    alternatives++;
    yield settle(start, scores.get(start) ?? 0, scores, measured, refused);
  }
}

/** Paragraphs of running prose, the characters each holds, as the densest-run measure counts them. */
function proseChars(measured: Measured, block: Element): number {
  const stats = measured.stats;
  const flow = stats.flowChars[block.index] ?? 0;
  if (flow < 60 || HEADINGS.has(block.name) || (stats.flowLinkChars[block.index] ?? 0) >= flow * 0.35) return 0;
  return flow;
}

/** The box holding the most characters of prose paragraphs side by side: where a reader sees the story. */
export function densestRun(measured: Measured): { box: Element; chars: number } | null {
  const runs = new Map<Element, number>();
  let best: Element | null = null;
  let bestChars = 0;
  for (const block of measured.textBlocks) {
    const chars = proseChars(measured, block);
    const parent = chars > 0 ? parentElement(block) : null;
    if (!parent) continue;
    const total = (runs.get(parent) ?? 0) + chars;
    runs.set(parent, total);
    if (total > bestChars) {
      best = parent;
      bestChars = total;
    }
  }
  return best ? { box: best, chars: bestChars } : null;
}

/**
 * Page builders split one story over many sibling sections, each a box of
 * its own, so the best-scoring box may hold only a part of it. Going up, an
 * ancestor that adds a good share of prose to what the box holds is taken.
 */
function widenToHoldTheProse(chosen: Element, measured: Measured, refused: Refused): Element {
  const stats = measured.stats;
  if (!stats.has(chosen)) return chosen;
  let held = stats.prose[chosen.index] ?? 0;
  let density = stats.linkDensity(chosen);
  let widened = chosen;
  for (let parent = parentElement(chosen); parent && !isPageFrame(parent) && !refused.has(parent); parent = parentElement(parent)) {
    if (!stats.has(parent)) break;
    const prose = stats.prose[parent.index] ?? 0;
    // Lists of teasers add prose too, but they bring their links with them.
    if (prose >= held * WIDEN_GAIN && stats.linkDensity(parent) <= Math.max(density + WIDEN_LINK_DENSITY, 0.2)) {
      widened = parent;
      held = prose;
      density = stats.linkDensity(parent);
    }
  }
  // Then the intro or summary boxes before it, up through the wrappers that add nothing.
  for (let parent = parentElement(widened); parent && !isPageFrame(parent) && !refused.has(parent); parent = parentElement(parent)) {
    if (!stats.has(parent)) break;
    if (addsAnIntro(parent, widened, measured)) widened = parent;
    else if ((stats.chars[parent.index] ?? 0) - (stats.chars[widened.index] ?? 0) > INTRO_AFTER_CHARS) break;
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
function widenToDeclaredBody(chosen: Element, measured: Measured, refused: Refused): Element {
  const stats = measured.stats;
  if (!stats.has(chosen) || chosen.attribs.itemprop === 'articleBody') return chosen;
  const density = stats.linkDensity(chosen);
  for (let parent = parentElement(chosen); parent && !isPageFrame(parent) && !refused.has(parent); parent = parentElement(parent)) {
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

/**
 * An intro, standfirst or summary box before the body: the parent adds only
 * that (prose, few links) and nothing after the body, where comments and
 * related posts would sit.
 */
function addsAnIntro(parent: Element, box: Element, measured: Measured): boolean {
  const stats = measured.stats;
  const held = stats.prose[box.index] ?? 0;
  const added = (stats.prose[parent.index] ?? 0) - held;
  const addedChars = (stats.chars[parent.index] ?? 0) - (stats.chars[box.index] ?? 0);
  if (added < INTRO_MIN_PROSE || added < addedChars * INTRO_PROSE_SHARE || added > held * INTRO_MAX_SHARE) return false;
  if (stats.linkDensity(parent) > stats.linkDensity(box) + INTRO_LINK_DENSITY) return false;
  let branch: Element = box;
  while (branch.parent !== parent && isElement(branch.parent)) branch = branch.parent;
  let after = false;
  for (const child of parent.children) {
    if (child === branch) after = true;
    else if (after && isElement(child) && stats.has(child) && (stats.chars[child.index] ?? 0) > INTRO_AFTER_CHARS) return false;
  }
  return true;
}

const INTRO_MIN_PROSE = 150;
const INTRO_PROSE_SHARE = 0.8;
/** An intro is shorter than the body it opens. */
const INTRO_MAX_SHARE = 0.6;
const INTRO_LINK_DENSITY = 0.03;
const INTRO_AFTER_CHARS = 100;

/** An ancestor must hold this many times the prose of the box to replace it. */
const WIDEN_GAIN = 1.5;
/** How much more link-heavy than the box an ancestor may be (teaser lists add prose, and their links). */
const WIDEN_LINK_DENSITY = 0.1;

const SENTENCE_END = /[.!?…"”'’)]\s*$|\.\s/;

function withContinuingSiblings(top: Element, topScore: number, scores: Map<Element, number>, measured: Measured, refused: Refused): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClasses = classesDown(top);
  const parts: Element[] = [];
  for (const sibling of parent.children) {
    if (!isElement(sibling)) continue;
    if (sibling === top) {
      parts.push(sibling);
      continue;
    }
    const stats = measured.stats;
    if (!stats.has(sibling) || refused.has(sibling)) continue;
    const bonus = sharesAClass(topClasses, sibling) ? topScore * 0.2 : 0;
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

/**
 * The class names of a box and of the boxes it only wraps, down to the first
 * that holds more than one element. Templates wrap each part of one story
 * (the intro, the body after a box of product cards) in a box of the same
 * class inside wrappers of their own.
 */
function classesDown(box: Element): Set<string> {
  const classes = new Set<string>();
  for (let element: Element | null = box; element; element = onlyElementChild(element)) {
    const name = element.attribs.class;
    if (name) classes.add(name);
  }
  return classes;
}

function sharesAClass(classes: Set<string>, box: Element): boolean {
  for (let element: Element | null = box; element; element = onlyElementChild(element)) {
    const name = element.attribs.class;
    if (name && classes.has(name)) return true;
  }
  return false;
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
