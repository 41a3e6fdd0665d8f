// Whether the box chosen as the article reads like the story or like the
// page's chrome: a footer of addresses, phone numbers and copyright lines, a
// block of site links, a menu of labels and blurbs. Judged from its blocks'
// words and links, so a box with a neutral name is caught too.
import { type Block, isTableBlock } from './blocks';
import { isBoilerplateBlock } from './boilerplate';
import { contactLabels, siteLinkPhrases, streetWords } from './vocabulary/block-phrases';
import { anyOf, compile, phrasesIn } from './vocabulary/notation';

const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const STREET = compile(`\\b\\d{1,5}[a-z]?\\s+(?:\\S+\\s+){0,4}${anyOf(streetWords)}\\b|\\b(?:suite|ste|floor|unit|p\\.?\\s?o\\.? box)\\s+\\d`);
/** A US state and ZIP code, or a UK postcode. */
const POSTCODE = /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b/;
const CONTACT_LABEL = compile(`\\b${anyOf(contactLabels)}\\s*[:.]`);
const COPYRIGHT = /©|\bcopyright\b|\ball rights reserved\b/i;
const SITE_LINK_PHRASE = phrasesIn(siteLinkPhrases);
const SITE_LINK = new RegExp(SITE_LINK_PHRASE.source, 'gi');
const WORD = /[\p{L}\p{N}]+/gu;

/** Each list's compiled matcher, by the rule it serves (for the vocabulary tests). */
export const chromeLineMatchers = { siteLink: SITE_LINK_PHRASE, contactLabel: CONTACT_LABEL, street: STREET } as const;

/** Above this share of its text in chrome lines, a box is chrome however it scored. */
const CHROME_SHARE = 0.5;

function digitsIn(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}

function contactSignals(text: string): number {
  const digits = digitsIn(text);
  return (
    (digits >= 7 && PHONE.test(text) ? 1 : 0) +
    (text.includes('@') && EMAIL.test(text) ? 1 : 0) +
    (digits > 0 && (STREET.test(text) || POSTCODE.test(text)) ? 1 : 0) +
    (CONTACT_LABEL.test(text) ? 1 : 0)
  );
}

function words(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

function siteLinks(text: string): number {
  return text.match(SITE_LINK)?.length ?? 0;
}

/** A line of a footer, a menu or a contact box: mostly links, or see isContactOrLegalLine. */
function isChromeLine(block: Block): boolean {
  return block.linkChars >= block.chars * 0.5 || isContactOrLegalLine(block);
}

/** A contact or legal line is never a long paragraph. */
const LONGEST_CONTACT_LINE = 400;

/** Contact details, a copyright line, a row of site links written out. */
function isContactOrLegalLine(block: Block): boolean {
  const text = block.text;
  if (text.length > LONGEST_CONTACT_LINE) return false;
  if (text.length <= 300 && COPYRIGHT.test(text)) return true;
  const signals = contactSignals(text);
  if (signals >= 2 || (signals === 1 && words(text) <= 25)) return true;
  return siteLinks(text) >= 3;
}

function isLinkLabel(block: Block): boolean {
  return block.chars <= 80 && block.linkChars >= block.chars * 0.9;
}

/**
 * A menu or teaser grid: item after item of a link label and the one short
 * blurb under it. Articles link names too (a list of companies, each with its
 * headquarters, size and revenue, or a table of them), but not as nearly
 * every other block with one line each.
 */
function readsLikeMenu(all: Block[]): boolean {
  // A table's rows of name and figure are data, whatever their links.
  const blocks = all.filter((block) => !isTableBlock(block));
  let labels = 0;
  let items = 0;
  const blurbs: number[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (isLinkLabel(block)) {
      labels++;
      const blurb = blocks[index + 1];
      const after = blocks[index + 2];
      if (blurb && !blurb.heading && !isLinkLabel(blurb) && (!after || isLinkLabel(after))) items++;
    } else if (!block.heading) {
      blurbs.push(block.chars);
    }
  }
  if (labels < 8 || items < labels * 0.7 || labels < blocks.length * 0.35 || blurbs.length === 0) return false;
  blurbs.sort((a, b) => a - b);
  return (blurbs[Math.floor(blurbs.length / 2)] ?? 0) < 160;
}

/** Whether at least CHROME_SHARE of the blocks' text is chrome; stops as soon as the rest decides it. */
function mostlyChrome(blocks: Block[], isChrome: (block: Block) => boolean): boolean {
  let total = 0;
  for (const block of blocks) total += block.chars;
  if (total === 0) return false;
  let chrome = 0;
  let story = 0;
  for (const block of blocks) {
    if (isChrome(block)) chrome += block.chars;
    else story += block.chars;
    if (chrome >= total * CHROME_SHARE) return true;
    if (story > total * (1 - CHROME_SHARE)) return false;
  }
  return false;
}

/**
 * The box as a whole is a footer, menu or contact block, however it scored.
 * Its lines are judged as the body would keep them: lines of links go
 * anyway, so a story above a long list of teaser links is still a story.
 */
export function readsLikeChrome(blocks: Block[]): boolean {
  const kept = blocks.filter((block) => !isBoilerplateBlock(block));
  return mostlyChrome(kept, isChromeLine) || readsLikeMenu(blocks);
}

/**
 * A box beside the story that is contact details, legal lines or a menu.
 * Not mere links: a sibling list of linked sources or products can be part
 * of the story, and links alone are left to the block filter.
 */
export function readsLikeChromeBeside(blocks: Block[]): boolean {
  return mostlyChrome(blocks, isContactOrLegalLine) || readsLikeMenu(blocks);
}
