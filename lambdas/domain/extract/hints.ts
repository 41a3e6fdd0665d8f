// What a box's class, id and role say about it, read with the word lists of
// vocabulary/class-names.ts, each compiled once into a matcher.
import { classWordMatcher, roleSet } from './vocabulary/class-matcher';
import {
  chromeRoles, contentClassWords, discussionClassWords, inArticleChromeClassWords, maybeContentClassWords,
  misusedChromeRoles, negativeClassWords, unlikelyClassWords,
} from './vocabulary/class-names';

const UNLIKELY = classWordMatcher(unlikelyClassWords);
const MAYBE_CONTENT = classWordMatcher(maybeContentClassWords);
const POSITIVE = classWordMatcher(contentClassWords);
const NEGATIVE = classWordMatcher(negativeClassWords);
const IN_ARTICLE_CHROME = classWordMatcher(inArticleChromeClassWords);
const DISCUSSION = classWordMatcher(discussionClassWords);

/** An element's text is screen-reader or layout text when it is marked so (kept out whatever its words). */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

export const isChromeRole = roleSet(chromeRoles);
export const isMisusedChromeRole = roleSet(misusedChromeRoles);

/** Class or id words of regions that are rarely the story, unless contentWords says the box may hold it. */
export function unlikelyWords(names: string): boolean {
  return UNLIKELY.test(names);
}

/** Words that say a box may hold the story ("article-header", "main-content-with-comments"). */
export function contentWords(names: string): boolean {
  return MAYBE_CONTENT.test(names);
}

export function isDiscussion(classAndId: string): boolean {
  return DISCUSSION.test(classAndId);
}

export function isBoilerplateName(classAndId: string): boolean {
  return IN_ARTICLE_CHROME.test(classAndId);
}

export function classWeight(classAndId: string): number {
  if (classAndId === '') return 0;
  let weight = 0;
  if (NEGATIVE.test(classAndId)) weight -= 25;
  if (POSITIVE.test(classAndId)) weight += 25;
  return weight;
}

export function isHiddenStyle(style: string): boolean {
  return HIDDEN_STYLE.test(style);
}
