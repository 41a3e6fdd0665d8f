// The comparable form of an article: what two captures are compared on, and
// the two fingerprints that tell "nothing changed", "only typography changed"
// and "the words changed" apart without reading old versions.
import { createHash } from 'node:crypto';

export interface PreparedContent {
  title: string;
  byline: string;
  /** Body blocks with volatile stamps removed, whitespace collapsed, empty blocks dropped. */
  paragraphs: string[];
  /** `paragraphs.join('\n\n')`. */
  text: string;
  /** sha256 hex of title, byline and paragraphs exactly as prepared. A different hash with the same looseArticle() is a boring change. */
  hash: string;
  /**
   * The page's dated update line ("Updated July 14, 2016 at 6:45 p.m. ET"), kept aside: it is left
   * out of the text and the hashes, so bumping it alone is no new version, but when an edit comes
   * with a new one, the classifier sees the newsroom marking the story updated.
   */
  updateLine: string | null;
}

// Every Unicode space (NBSP, thin, ideographic, line/paragraph separators), so
// a page that swaps a space for an NBSP hashes the same as before.
const ANY_SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

// Any whitespace but the plain space (\s has U+FEFF too), or two plain spaces in a row:
// a text with neither, and no space at either end, is already collapsed.
const NOT_COLLAPSED = /[\t\n\v\f\r\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]| {2}/;

function collapseWhitespace(text: string): string {
  // Most paragraphs arrive collapsed, and replacing every single space with itself costs more than the test.
  if (!NOT_COLLAPSED.test(text) && !text.startsWith(' ') && !text.endsWith(' ')) return text;
  return text.replace(ANY_SPACE, ' ').trim();
}

/**
 * Typography folded away: quote styles, dash styles, ellipsis, invisible
 * characters, spacing and letter case. Two texts with the same loose form read
 * the same to anyone auditing the words.
 */
export function looseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2212]/g, '-')
    .replace(/\s*(?:[\u2013\u2014\u2015]|--+)\s*/g, ' - ')
    .replace(ANY_SPACE, ' ')
    .trim()
    .toLowerCase();
}

/** The loose form of a whole article, as one string; paragraph breaks count as whitespace. */
export function looseArticle(article: { title: string; byline: string; paragraphs: string[] }): string {
  return JSON.stringify([looseText(article.title), looseText(article.byline), looseText(article.paragraphs.join(' '))]);
}

const MONTHS = 'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december';
const WEEKDAYS = 'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday';
const ZONES = 'et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|utc|bst|cet|cest|eet|eest|ist|jst|aest|aedt|z';
const DATE_WORD = new RegExp(
  `^(?:${MONTHS}|${WEEKDAYS}|${ZONES}|am|pm|a\\.m|p\\.m|at|on|of|the|today|yesterday|ago|now|just|\\d{1,4}(?:st|nd|rd|th)?|\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:am|pm|a\\.m|p\\.m)?|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}|\\d{4}-\\d{2}-\\d{2}(?:t[\\d:.]+(?:z|[+-]\\d{2}:?\\d{2})?)?)$`,
);

/** True for a run of words that only names a date or time ("July 14, 2016, 3:45 p.m. ET"). */
function isDateish(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[\s,|·•()]+/)
    .map((w) => w.replace(/[.:;-]+$/, ''))
    .filter(Boolean);
  return words.length > 0 && words.some((w) => /\d/.test(w) || w === 'today' || w === 'yesterday') && words.every((w) => DATE_WORD.test(w));
}

const UNIT = '(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)';
const RELATIVE_TIME = `(?:(?:updated|posted|published|edited|modified)\\s+)?(?:(?:about|around|over|almost|nearly|less than)\\s+)?(?:\\d+|an?|one|a few|few)\\s*${UNIT}\\.?\\s+ago|just now|moments? ago`;
const READ_TIME = `\\d+\\s*-?\\s*min(?:ute)?s?\\.?\\s+(?:read|listen)`;
const COUNTER = `\\d[\\d,.]*\\s*[km]?\\s*(?:views?|comments?|shares?|reads?|likes?|reactions?|replies|responses)|(?:comments?|views?|shares?|replies)\\s*[:(]?\\s*\\d[\\d,.]*\\s*[km]?\\)?`;
const STAMP_WORD = '(?:last\\s+)?(?:updated|modified|posted|published|edited)';

const WHOLE_VOLATILE = new RegExp(`^(?:${RELATIVE_TIME}|${READ_TIME}|${COUNTER})[.!]?$`, 'i');
const DATE_STAMP = new RegExp(`^${STAMP_WORD}(?:\\s+(?:on|at))?\\s*:?\\s*(.+)$`, 'i');
const SEPARATOR = '\\s*[·•|]\\s*';
const LEADING_STAMP = new RegExp(`^(?:${RELATIVE_TIME}|${READ_TIME})(?:${SEPARATOR}|\\s*[:—–-]\\s+|\\s+(?=[A-Z"“]))`, 'i');
// A bare "5 minutes ago" at a paragraph's end may be the sentence's own words
// ("the blast came 5 minutes ago"); only strip it behind a separator, a
// sentence end, or when it names itself as a stamp.
const TRAILING_STAMP = new RegExp(
  `(?:${SEPARATOR}(?:${RELATIVE_TIME}|${READ_TIME}|${COUNTER})|(?<=[.!?"”])\\s+(?:${RELATIVE_TIME}|${READ_TIME})|\\s+(?:updated|posted|published|edited)\\s+(?:${RELATIVE_TIME}))\\.?$`,
  'i',
);
const LEADING_DATE_STAMP = new RegExp(`^${STAMP_WORD}(?:\\s+(?:on|at))?\\s*:?\\s*([^·•|]+?)${SEPARATOR}`, 'i');
const TRAILING_DATE_STAMP = new RegExp(`${SEPARATOR}${STAMP_WORD}(?:\\s+(?:on|at))?\\s*:?\\s*([^·•|]+)$`, 'i');

/** A block that only says when the page was updated, how long ago, how long it takes to read, or how many viewed it. */
function isVolatileParagraph(paragraph: string): boolean {
  return isVolatileCollapsed(collapseWhitespace(paragraph));
}

function isVolatileCollapsed(text: string): boolean {
  if (WHOLE_VOLATILE.test(text)) return true;
  const stamp = DATE_STAMP.exec(text);
  return stamp?.[1] !== undefined && isDateish(stamp[1]);
}

// The stamps at a paragraph's end are tried at every position of it, so they are only tried when they
// could match: the date stamps and the counters need a separator; the others end in one of these words.
const HAS_SEPARATOR = /[·•|]/;
const STAMP_ENDING = /(?:ago|now|read|listen)\.?$/i;

/** Removes stamps glued to a paragraph's start or end by the extractor. */
function stripEmbeddedStamps(paragraph: string): string {
  let text = paragraph;
  for (let guard = 0; guard < 4; guard++) {
    const before = text;
    text = text.replace(LEADING_STAMP, '');
    const separated = HAS_SEPARATOR.test(text);
    if (separated || STAMP_ENDING.test(text.slice(-'listen.'.length))) text = text.replace(TRAILING_STAMP, '');
    text = text.trim();
    const leadingDate = LEADING_DATE_STAMP.exec(text);
    if (leadingDate?.[1] !== undefined && isDateish(leadingDate[1])) text = text.slice(leadingDate[0].length).trim();
    const trailingDate = separated ? TRAILING_DATE_STAMP.exec(text) : null;
    if (trailingDate?.[1] !== undefined && isDateish(trailingDate[1])) text = text.slice(0, trailingDate.index).trim();
    if (text === before) break;
  }
  return text;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function prepareContent(article: { title: string; byline: string; paragraphs: string[] }): PreparedContent {
  const paragraphs: string[] = [];
  let updateLine: string | null = null;
  for (const raw of article.paragraphs) {
    const collapsed = collapseWhitespace(raw);
    if (collapsed && updateLine === null && isDatedUpdateLineCollapsed(collapsed)) updateLine = collapsed;
    if (!collapsed || isVolatileCollapsed(collapsed)) continue;
    const stripped = stripEmbeddedStamps(collapsed);
    if (stripped) paragraphs.push(stripped);
  }
  const title = collapseWhitespace(article.title);
  const byline = collapseWhitespace(article.byline);
  return {
    title,
    byline,
    paragraphs,
    text: paragraphs.join('\n\n'),
    hash: sha256(JSON.stringify([title, byline, paragraphs])),
    updateLine,
  };
}

// Notices open with a label, sometimes behind decoration ("*", "[", "—").
const NOTICE_LEAD = '^[\\s*_\\[(—–-]*';
const CORRECTION_PATTERNS = [
  new RegExp(
    `${NOTICE_LEAD}(?:corrections?|clarifications?|correction\\s+appended|editor['’]?s['’]?\\s+note|erratum|retraction)\\b\\s*(?:\\([^)]*\\))?\\s*[:.—–-]`,
    'i',
  ),
  /^[\s*_[(]*(?:an?\s+|the\s+)?(?:earlier|previous|prior|original)\s+version\s+of\s+this\s+(?:article|story|report|post|piece|headline|item)\b/i,
  /\bthis\s+(?:article|story|report|post|piece)\s+(?:has\s+been|was)\s+(?:corrected|amended)\b/i,
  /\bwe\s+regret\s+the\s+errors?\b/i,
];

/** A correction, clarification or editor's note: the newsroom admitting the text changed. */
export function isCorrectionNotice(paragraph: string): boolean {
  const text = collapseWhitespace(paragraph);
  return CORRECTION_PATTERNS.some((pattern) => pattern.test(text));
}

const UPDATE_PATTERNS = [
  new RegExp(`${NOTICE_LEAD}update[ds]?\\b\\s*(?:\\([^)]*\\))?\\s*[:—–-]`, 'i'),
  new RegExp(`${NOTICE_LEAD}updated?\\s+(?:at|on)\\s+.{1,60}?\\b(?:with|to|after|for)\\b`, 'i'),
  /^[\s*_[(]*(?:this|the)\s+(?:article|story|report|post|piece|item)\s+(?:has\s+been|was|is\s+being|will\s+be|has)\s+(?:been\s+)?updated\b/i,
  /^[\s*_[(]*this\s+(?:is\s+a\s+)?(?:developing|breaking)(?:\s+news)?\s+story\b/i,
  /^[\s*_[(]*this\s+(?:story|article)\s+is\s+developing\b/i,
];

/** An update notice ("UPDATE:", "This story has been updated to…"), as opposed to a volatile "Updated 5 minutes ago" stamp. */
export function isUpdateNotice(paragraph: string): boolean {
  const text = collapseWhitespace(paragraph);
  if (isVolatileParagraph(text)) return false;
  return UPDATE_PATTERNS.some((pattern) => pattern.test(text));
}

// "Updated July 14, 2016 at 6:45 p.m. ET", "Updated: 14 July 2016 10:45 BST",
// "UPDATE (3:15 p.m.):": a label, then only a date or time, perhaps in brackets
// or behind the same decoration as a notice.
const DATED_UPDATE = new RegExp(`${NOTICE_LEAD}(?:last\\s+)?(?:update[ds]?|modified)(?:\\s+(?:on|at))?\\s*[:—–-]?\\s*\\(?([^()]+?)\\)?[\\s*_\\]:.—–-]*$`, 'i');

/**
 * A line that only says when the story was updated. On its own it is no
 * notice (isUpdateNotice): a page may carry such a stamp on every version.
 * What makes it one is context: a dated update line that appears, or whose
 * date changes, is the newsroom marking the story updated (see update-notice).
 * Relative stamps ("Updated 5 minutes ago") change on every fetch and are not
 * dated lines.
 */
export function isDatedUpdateLine(paragraph: string): boolean {
  return isDatedUpdateLineCollapsed(collapseWhitespace(paragraph));
}

function isDatedUpdateLineCollapsed(text: string): boolean {
  const stamp = DATED_UPDATE.exec(text);
  return stamp?.[1] !== undefined && isDateish(stamp[1]);
}
