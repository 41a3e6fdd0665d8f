// What a box's class, id and role say about it, read with the word lists of
// vocabulary/class-names.ts, all compiled once into one scanner
// (vocabulary/class-matcher.ts).
import { type Element, HEADINGS } from './dom';
import { classWordScanner, roleSet } from './vocabulary/class-matcher';
import {
  bylineClassWords,
  chromeRoles,
  contentClassWords,
  discussionClassWords,
  inArticleChromeClassWords,
  maybeContentClassWords,
  misusedChromeRoles,
  negativeClassWords,
  overlayClassWords,
  unlikelyClassWords,
} from './vocabulary/class-names';

/** Regions that are rarely the story (unless CLASS_MAYBE_CONTENT says the box may hold it). */
export const CLASS_UNLIKELY = 1;
/** Words that say a box may hold the story ("article-header", "main-content-with-comments"). */
export const CLASS_MAYBE_CONTENT = 2;
/** Names that raise a box's score as the article. */
const CLASS_CONTENT = 4;
/** Names that lower it. */
const CLASS_NEGATIVE = 8;
/** Chrome inside the article: share bars, captions, related links. */
export const CLASS_CHROME = 16;
/** Reader comments: prose, but never the article, however long. */
export const CLASS_DISCUSSION = 32;
/** A box holding the writer's name. */
export const CLASS_BYLINE = 64;
/** A dialog over the page (modal, popup): prose, but never the article, however long. */
export const CLASS_OVERLAY = 128;

/** Every list in one scanner: one pass over a name answers all the CLASS_* questions. */
const scanNames = classWordScanner([
  [unlikelyClassWords, CLASS_UNLIKELY],
  [maybeContentClassWords, CLASS_MAYBE_CONTENT],
  [contentClassWords, CLASS_CONTENT],
  [negativeClassWords, CLASS_NEGATIVE],
  [inArticleChromeClassWords, CLASS_CHROME],
  [discussionClassWords, CLASS_DISCUSSION],
  [bylineClassWords, CLASS_BYLINE],
  [overlayClassWords, CLASS_OVERLAY],
]);

/**
 * What a class or id string says about the questions asked (CLASS_* bits).
 * One scan answers them all, and costs less than looking the string up in a
 * memory of earlier answers would (measured on the dev set's class strings),
 * so nothing is remembered.
 */
export function classWords(names: string, asked: number): number {
  return scanNames(names) & asked;
}

/** The questions asked of every element's names, answered together and kept on the element. */
const ELEMENT_WORDS = CLASS_UNLIKELY | CLASS_MAYBE_CONTENT | CLASS_DISCUSSION | CLASS_CHROME | CLASS_BYLINE | CLASS_OVERLAY;

/** What an element's class and id say between them (CLASS_UNLIKELY, _MAYBE_CONTENT, _DISCUSSION, _CHROME, _BYLINE, _OVERLAY). */
export function elementWords(element: Element): number {
  if (element.words >= 0) return element.words;
  const { class: className } = element.attribs;
  // A heading's id is the anchor a table of contents links to, made from its own words ("h-why-use-social-shopping").
  const id = HEADINGS.has(element.name) ? undefined : element.attribs.id;
  element.words = (className ? classWords(className, ELEMENT_WORDS) : 0) | (id ? classWords(id, ELEMENT_WORDS) : 0);
  return element.words;
}

/** An element's text is screen-reader or layout text when it is marked so (kept out whatever its words). */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

export const isChromeRole = roleSet(chromeRoles);
export const isMisusedChromeRole = roleSet(misusedChromeRoles);

export function classWeight(classAndId: string): number {
  if (classAndId === '') return 0;
  const words = classWords(classAndId, CLASS_NEGATIVE | CLASS_CONTENT);
  let weight = 0;
  if ((words & CLASS_NEGATIVE) !== 0) weight -= 25;
  if ((words & CLASS_CONTENT) !== 0) weight += 25;
  return weight;
}

export function isHiddenStyle(style: string): boolean {
  return HIDDEN_STYLE.test(style);
}
