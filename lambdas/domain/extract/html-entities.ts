// Character references in page text and attribute values, decoded the way
// HTML parsers do (the WHATWG "character reference" rules, as htmlparser2
// applies them): the longest known name wins, the legacy names also count
// without their ";" ("&copy 2025"), except inside an attribute value when a
// letter, digit or "=" follows (so "?a=1&copy=2" stays a URL), and numbers
// map through the windows-1252 repairs for 0x80-0x9F.
import { NAMED_REFERENCES } from './html-entity-table';

const NAMED = new Map<string, string>(Object.entries(NAMED_REFERENCES));
/** The longest name, ";" included: no reference can be longer. */
const LONGEST_NAME = 32;
/** The longest legacy name (written without ";"). */
const LONGEST_LEGACY = 6;

/** What numeric references to 0x80-0x9F meant on the pages that wrote them (windows-1252). */
const C1_REPAIRS = new Map<number, number>([
  [0x80, 0x20ac],
  [0x82, 0x201a],
  [0x83, 0x0192],
  [0x84, 0x201e],
  [0x85, 0x2026],
  [0x86, 0x2020],
  [0x87, 0x2021],
  [0x88, 0x02c6],
  [0x89, 0x2030],
  [0x8a, 0x0160],
  [0x8b, 0x2039],
  [0x8c, 0x0152],
  [0x8e, 0x017d],
  [0x91, 0x2018],
  [0x92, 0x2019],
  [0x93, 0x201c],
  [0x94, 0x201d],
  [0x95, 0x2022],
  [0x96, 0x2013],
  [0x97, 0x2014],
  [0x98, 0x02dc],
  [0x99, 0x2122],
  [0x9a, 0x0161],
  [0x9b, 0x203a],
  [0x9c, 0x0153],
  [0x9e, 0x017e],
  [0x9f, 0x0178],
]);

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function fromNumber(value: number): string {
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(C1_REPAIRS.get(value) ?? value);
}

/**
 * The reference starting at `start` (just after "&"): what it stands for and
 * where it ends, or null when the "&" is only an ampersand.
 */
function referenceAt(text: string, start: number, inAttribute: boolean): { value: string; end: number } | null {
  const length = text.length;
  if (text.charCodeAt(start) === 35 /* # */) {
    let position = start + 1;
    const hex = text.charCodeAt(position) === 120 || text.charCodeAt(position) === 88; /* x X */
    if (hex) position++;
    const digitsStart = position;
    while (position < length && (hex ? isHexDigit(text.charCodeAt(position)) : isDigit(text.charCodeAt(position)))) position++;
    if (position === digitsStart) return null;
    const value = Number.parseInt(text.slice(digitsStart, position), hex ? 16 : 10);
    if (text.charCodeAt(position) === 59 /* ; */) position++;
    return { value: fromNumber(value), end: position };
  }
  let runEnd = start;
  while (runEnd < length && runEnd - start < LONGEST_NAME && isAlphanumeric(text.charCodeAt(runEnd))) runEnd++;
  if (runEnd === start) return null;
  if (text.charCodeAt(runEnd) === 59 /* ; */) {
    const whole = NAMED.get(text.slice(start, runEnd + 1));
    if (whole !== undefined) return { value: whole, end: runEnd + 1 };
  }
  // A legacy name, the longest that starts the run.
  for (let end = Math.min(runEnd, start + LONGEST_LEGACY); end > start; end--) {
    const legacy = NAMED.get(text.slice(start, end));
    if (legacy === undefined) continue;
    // In an attribute, "&copy=" or "&copyright" is part of a URL or a name, not a reference.
    if (inAttribute && (end !== runEnd || text.charCodeAt(end) === 61) /* = */) return null;
    return { value: legacy, end };
  }
  return null;
}

function decode(text: string, inAttribute: boolean): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let copied = 0;
  while (amp >= 0) {
    const reference = referenceAt(text, amp + 1, inAttribute);
    if (reference) {
      out += text.slice(copied, amp) + reference.value;
      copied = reference.end;
      amp = text.indexOf('&', reference.end);
    } else {
      amp = text.indexOf('&', amp + 1);
    }
  }
  return out + text.slice(copied);
}

/** Page text (between tags) with its character references decoded. */
export function decodeText(text: string): string {
  return decode(text, false);
}

/** An attribute value with its character references decoded. */
export function decodeAttribute(value: string): string {
  return decode(value, true);
}
