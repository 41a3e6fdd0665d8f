// Which blocks of the article box are chrome rather than the story: the
// caption and credit lines, ad labels, share and comment prompts, read-more
// and related links, newsletter and cookie promos, time stamps that change on
// every fetch, tag lists and copyright lines. Judged from the block's words,
// its links and where it sits, never from one site's markup.
import { type Block, isTableBlock } from './blocks';
import {
  agenciesAlone,
  agenciesAtEnd,
  creditLabels,
  creditLinks,
  disclosureTerms,
  elapsedUnits,
  engagementCounters,
  labelPhrases,
  monthStems,
  parenthesisedCreditWords,
  photoAgencies,
  promptOpeningWords,
  promptOpenings,
  readingActivities,
  readingTimeLabels,
  selfReferences,
  stampVerbs,
  tagListLabels,
  trailingCreditLabels,
  updateVerbs,
  viaAgencies,
  weekdayStems,
} from './vocabulary/block-phrases';
import { anyOf, compile, phrasesIn } from './vocabulary/notation';

// A block that is a label whole, maybe with a colon or full stop: "Advertisement", "Related stories:".
const LABEL = compile(`^${anyOf(labelPhrases)}\\s*[:.!]?$`);

// A short block that opens with a prompt: caption controls, share/follow/subscribe widgets and read-more teasers.
const PROMPT = compile(`^(?:${anyOf(promptOpenings)}|${anyOf(promptOpeningWords)}\\b)`);

// Caption and credit lines: "SANA via AP", "Photo: Jane Doe/Reuters", "(Getty Images)".
const CREDIT = compile(
  `^(?:\\(?${anyOf(creditLabels)}s?(?: ${anyOf(creditLinks)})?\\s*[:|/-]|\\(?${anyOf(agenciesAlone)}(?: photo)?\\)?$)` +
    `|(?:\\bvia ${anyOf(viaAgencies)}|\\/ ?${anyOf(photoAgencies)}(?: photo)?|${anyOf(agenciesAtEnd)})\\)?$`,
);

// Stamps that change while the story does not: "Updated 5 minutes ago", "Published 3 hours ago", "2 min read".
const STAMP = compile(
  `^(?:(?:last )?${anyOf(stampVerbs)}(?: on| at)?\\b.{0,60}|\\d+\\s*${anyOf(elapsedUnits)}\\s+ago` +
    `|\\d+\\s*min(?:ute)?s?\\s+${anyOf(readingActivities)}|${anyOf(readingTimeLabels)}:?.{0,20}` +
    `|\\d+\\s*${anyOf(engagementCounters)}|\\(?visited [\\d,.]+ times?\\b.*)$`,
);

const WEEKDAY = `${anyOf(weekdayStems)}[a-z]*`;
const MONTH = `${anyOf(monthStems)}[a-z]*`;

/**
 * An update notice with an absolute date or clock time: "Updated July 14, 2016
 * at 6:45 p.m. ET", "Published 9 a.m. | Updated 14.07.2016". A press critic
 * wants it kept, and it only changes when the story is updated again, unlike
 * "Updated 5 minutes ago", which changes on every fetch.
 */
const UPDATE_STAMP = compile(
  `\\b${anyOf(updateVerbs)}\\b[:\\s]*(?:on\\s+|at\\s+)?(?:${WEEKDAY},?\\s+)?` +
    `(?:${MONTH}\\.?\\s+(?:\\d{1,2}|\\d{4})\\b|\\d{1,2}\\.?\\s+${MONTH}\\b|\\d{4}-\\d{2}-\\d{2}\\b|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}\\b|\\d{1,2}[:.]\\d{2}\\b|\\d{1,2}\\s*[ap]\\.?m\\b)`,
);
const RELATIVE_TIME = /\bago\b/i;

/** A short line that notes when the story was updated, by date or clock: kept in the body wherever it sits. */
export function isDatedUpdateNotice(text: string): boolean {
  return text.length <= 120 && UPDATE_STAMP.test(text) && !RELATIVE_TIME.test(text);
}
const DATE_ONLY = compile(
  `^(?:${WEEKDAY},?\\s+)?(?:\\d{1,2}\\s+${MONTH}\\.?,?\\s+\\d{4}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}` +
    `|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})(?:,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[a-z]{2,4})?)?$`,
);

// A caption written as a paragraph ends with its credit: "… Photo by: 'Jane Doe'." or "… (AP Photo/John Locher)".
const TRAILING_CREDIT = compile(
  `(?:\\b${anyOf(trailingCreditLabels)}s?(?: ${anyOf(creditLinks)})?\\s*:\\s*[^.:]{2,60}` +
    `|\\((?:[^()]{0,40}\\b)?${anyOf(parenthesisedCreditWords)}\\b[^()]{0,60}\\))\\.?\\s*$`,
);

// The shopping disclosure at the top or foot of a review or guide: "This article contains affiliate links…",
// "…we may earn a commission". Needs the page speaking of itself, so reporting on commissions stays.
const DISCLOSURE_TERMS = phrasesIn(disclosureTerms);
const DISCLOSURE_SELF = phrasesIn(selfReferences);

const TAG_LIST = compile(`^${anyOf(tagListLabels)}\\s*:`);
const COPYRIGHT = /^(?:©|copyright\b|\(c\)\s*\d{4})|all rights reserved\.?$/i;
const BYLINE =
  /^(?:[Bb]y|[Ww]ritten by|[Ww]ords by|[Rr]eporting by|[Vv]on|[Pp]ar|[Pp]or)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*\s*$/u;

/** Each list's compiled matcher, by the rule it serves (for the vocabulary tests). */
export const blockMatchers = {
  label: LABEL,
  prompt: PROMPT,
  credit: CREDIT,
  stamp: STAMP,
  dateOnly: DATE_ONLY,
  trailingCredit: TRAILING_CREDIT,
  disclosureTerms: DISCLOSURE_TERMS,
  selfReference: DISCLOSURE_SELF,
  tagList: TAG_LIST,
  updateStamp: UPDATE_STAMP,
} as const;

/** True when the block is chrome by its words alone, wherever it sits. */
function isBoilerplateText(text: string): boolean {
  const length = text.length;
  if (length <= 60 && LABEL.test(text)) return true;
  if (length <= 160 && PROMPT.test(text)) return true;
  if (length <= 120 && CREDIT.test(text)) return true;
  if (length <= 80 && (STAMP.test(text) || DATE_ONLY.test(text)) && !isDatedUpdateNotice(text)) return true;
  if (length <= 400 && TAG_LIST.test(text)) return true;
  if (length <= 250 && TRAILING_CREDIT.test(text)) return true;
  if (length <= 250 && COPYRIGHT.test(text)) return true;
  if (length <= 80 && BYLINE.test(text)) return true;
  if (length <= 400 && DISCLOSURE_TERMS.test(text) && DISCLOSURE_SELF.test(text)) return true;
  return false;
}

export function isBoilerplateBlock(block: Block): boolean {
  block.boilerplate ??= judgeBlock(block);
  return block.boilerplate;
}

// Lists and lines of links are navigation or read-more teasers, not prose.
function isMostlyLinks(block: Block): boolean {
  return block.linkChars > block.chars * 0.7 && !block.heading && !isTableBlock(block);
}

function judgeBlock(block: Block): boolean {
  if (block.inFigure) return true;
  // Sites put the update notice in a box named as chrome (timestamp, dateline, article-meta).
  if (block.inChrome) return !isDatedUpdateNotice(block.text) || block.linkChars > 0;
  if (isBoilerplateText(block.text)) return true;
  return isMostlyLinks(block);
}

/**
 * Dropped for being a date and nothing else. Above or below the story a date
 * is the page's stamp (the story's own dates are read into their fields); amid
 * its paragraphs it is an event's date, a schedule's day or a data table's
 * row, which sequence.ts (dropBoilerplate) keeps.
 */
export function isBoilerplateOnlyAsDate(block: Block): boolean {
  return !block.inFigure && !block.inChrome && block.linkChars === 0 && block.chars <= 80 && DATE_ONLY.test(block.text);
}

/**
 * Dropped for being mostly links and for nothing else: neither its words nor
 * its box say chrome. Where it sits and where its links lead can still make it
 * the story's own (sequence.ts, dropBoilerplate).
 */
export function isBoilerplateOnlyForLinks(block: Block): boolean {
  return isBoilerplateBlock(block) && !block.inFigure && !block.inChrome && isMostlyLinks(block) && !isBoilerplateText(block.text);
}
