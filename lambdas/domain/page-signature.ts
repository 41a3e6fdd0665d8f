// A validator of our own for pages that send none that works. Most article pages change on every
// request (an ad slot, a timestamp, a token), so neither ETag nor a hash of the page says "same
// article", and each check would read the page whole: parse, measure, extract. A reading knows the
// stretches of markup its title, byline, address and body came from (the extractor's `sources`);
// the signature keeps, for each, its first characters (to find it again), its length and a digest.
// When every stretch is found again byte for byte, the article reads as it did, without reading it.
// It is checked on the page's bytes as fetched, undecoded: stretches are kept as the UTF-8 of the
// text they were read from, so only a page whose bytes are that UTF-8 is signed (page-reading.ts).
//
// What this cannot see is a change elsewhere that would have made the extractor choose another box:
// the story moved on the page. So a signature stands for one day at most, after which the page is
// read whole again and signed afresh. A page whose stretches do not hold still (an inline ad with a
// fresh id in the story's box) is read whole on every check; its signature is left as it is until
// the day is out, so trying it costs no write.
import { createHash } from 'node:crypto';
import type { SourceSpan } from './extract/page-tree';

/** Where a reading came from, as the signature keeps it: comparable without the page. */
export interface SignedSources {
  /**
   * The address the page was read at (after redirects): with the canonical link among the stretches,
   * the same address means the article's effective URL is the same too.
   */
  url: string;
  /** Occurrences of the markup that could add a headline, a JSON-LD block or a title elsewhere on the page. */
  counts: number[];
  /**
   * `length` in bytes of UTF-8; `marker`, the first characters; `at`, where the stretch began in the
   * signed page's bytes. Signatures stored before `at` was kept have none, and are searched from the start.
   */
  spans: { marker: string; length: number; digest: string; at?: number }[];
}

interface StoredSignature extends SignedSources {
  format: 1;
  /** The prefix of the content hash the stretches read as. */
  hash: string;
  signedAt: string;
}

/** How long a signature may stand in for reading the page whole. */
export const SIGNATURE_TTL_MS = 24 * 3600_000;

const MARKER_CHARS = 40;
const MAX_SPANS = 24;
/** The signature lives in the head's INFO item; past this it is not worth its write units. */
const MAX_SIGNATURE_CHARS = 3_200;
/** Places a marker is tried at: a marker repeated all over a page must not make checking it quadratic. */
const MAX_PLACES_TRIED = 4;
/**
 * How far from its signed place a stretch is looked for first. The chrome before a story changes
 * length from request to request (a counter, a token) by a few bytes, seldom by a kilobyte. Trying
 * the places nearest finds a stretch whose first characters repeat all over the page (a page
 * builder's `<div class="elementor-element ...`), which a search from the page's start gave up on
 * after four places, and it reads the page near the stretch instead of from its start.
 */
const PLACE_SLACK_BYTES = 1_024;
const HASH_CHARS = 16;

/** Markup that could add a headline, a JSON-LD block or a title: counted as written, in either case, with plain searches (a regular expression over the page costs several times more). */
const COUNTED = [
  ['<h1', '<H1'],
  ['ld+json', 'LD+JSON'],
  ['<title', '<TITLE'],
];

function occurrences(bytes: Buffer, text: string): number {
  let count = 0;
  for (let at = bytes.indexOf(text, 0, 'utf8'); at >= 0; at = bytes.indexOf(text, at + text.length, 'utf8')) count++;
  return count;
}

function countsOf(bytes: Buffer): number[] {
  return COUNTED.map((forms) => forms.reduce((sum, form) => sum + occurrences(bytes, form), 0));
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}

/** Where each character position falls in the text's UTF-8, for the positions asked about. */
function byteOffsets(html: string, positions: readonly number[]): Map<number, number> {
  const offsets = new Map<number, number>();
  let char = 0;
  let byte = 0;
  for (const position of [...new Set(positions)].sort((a, b) => a - b)) {
    byte += Buffer.byteLength(html.slice(char, position), 'utf8');
    char = position;
    offsets.set(position, byte);
  }
  return offsets;
}

/** A marker never ends on half a surrogate pair, whose UTF-8 would not be the page's. */
function markerAt(html: string, start: number, end: number): string {
  let cut = Math.min(end, start + MARKER_CHARS);
  const last = html.charCodeAt(cut - 1);
  if (cut < end && last >= 0xd800 && last <= 0xdbff) cut--;
  return html.slice(start, cut);
}

/** Spans inside another one add nothing: the outer one's digest already covers them. */
function outermost(spans: readonly SourceSpan[], length: number): SourceSpan[] | null {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SourceSpan[] = [];
  let reach = -1;
  for (const span of sorted) {
    if (span.start < 0 || span.end > length || span.end <= span.start) return null;
    if (span.end <= reach) continue;
    kept.push(span);
    reach = Math.max(reach, span.end);
  }
  return kept;
}

/** The signature's view of a reading's sources, or null when they are too many to keep. */
export function signSources(html: string, url: string, sources: readonly SourceSpan[] | null): SignedSources | null {
  if (sources === null || sources.length === 0) return null;
  const spans = outermost(sources, html.length);
  if (spans === null || spans.length > MAX_SPANS) return null;
  // The page as a signable page's bytes are, encoded once: each stretch is digested where it lies in them.
  const bytes = Buffer.from(html, 'utf8');
  const offsets = byteOffsets(
    html,
    spans.flatMap((span) => [span.start, span.end]),
  );
  return {
    url,
    counts: countsOf(bytes),
    spans: spans.map((span) => {
      const start = offsets.get(span.start) ?? 0;
      const end = offsets.get(span.end) ?? 0;
      return { marker: markerAt(html, span.start, span.end), length: end - start, digest: digestOf(bytes.subarray(start, end)), at: start };
    }),
  };
}

/** The stored form, or null when it would be too big to store. */
export function encodeSignature(sources: SignedSources, contentHash: string, signedAt: Date): string | null {
  const stored: StoredSignature = { format: 1, hash: contentHash.slice(0, HASH_CHARS), signedAt: signedAt.toISOString(), ...sources };
  const text = JSON.stringify(stored);
  return text.length > MAX_SIGNATURE_CHARS ? null : text;
}

function decode(text: string | null): StoredSignature | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredSignature>;
    if (
      value.format !== 1 ||
      typeof value.hash !== 'string' ||
      typeof value.signedAt !== 'string' ||
      typeof value.url !== 'string' ||
      !Array.isArray(value.spans) ||
      !Array.isArray(value.counts)
    ) {
      return null;
    }
    return value as StoredSignature;
  } catch {
    // Written by another version of this code, or damaged: the page is read whole, which is always right.
    return null;
  }
}

/** How old a signature is; one that cannot be dated, or is dated in the future (a clock that was wrong), counts as expired. */
function ageMs(signature: StoredSignature, now: Date): number {
  const at = Date.parse(signature.signedAt);
  const age = now.getTime() - at;
  return Number.isNaN(at) || age < 0 ? Number.POSITIVE_INFINITY : age;
}

function standsAt(bytes: Buffer, span: SignedSources['spans'][number], place: number): boolean {
  return place + span.length <= bytes.length && digestOf(bytes.subarray(place, place + span.length)) === span.digest;
}

/** Whether the stretch stands at one of the first places its marker is found at. */
function foundFromStart(bytes: Buffer, span: SignedSources['spans'][number]): boolean {
  let place = bytes.indexOf(span.marker, 0, 'utf8');
  for (let tried = 0; place >= 0 && tried < MAX_PLACES_TRIED; tried++) {
    if (standsAt(bytes, span, place)) return true;
    place = bytes.indexOf(span.marker, place + 1, 'utf8');
  }
  return false;
}

/** Whether the stretch stands at one of the places its marker is found at nearest to where it was signed. */
function foundNear(bytes: Buffer, span: SignedSources['spans'][number], signedAt: number): boolean {
  const places: number[] = [];
  const last = signedAt + PLACE_SLACK_BYTES;
  for (let place = bytes.indexOf(span.marker, Math.max(0, signedAt - PLACE_SLACK_BYTES), 'utf8'); place >= 0 && place <= last; ) {
    places.push(place);
    place = bytes.indexOf(span.marker, place + 1, 'utf8');
  }
  places.sort((a, b) => Math.abs(a - signedAt) - Math.abs(b - signedAt));
  return places.slice(0, MAX_PLACES_TRIED).some((place) => standsAt(bytes, span, place));
}

function found(bytes: Buffer, span: SignedSources['spans'][number]): boolean {
  if (typeof span.marker !== 'string' || span.marker === '' || typeof span.length !== 'number') return false;
  if (typeof span.at !== 'number' || !Number.isSafeInteger(span.at)) return foundFromStart(bytes, span);
  // The chrome before it may have changed length by more than the slack: then the page is searched from its start.
  return foundNear(bytes, span, span.at) || foundFromStart(bytes, span);
}

/**
 * Whether this page, read at this address, reads as the article with this content hash by its
 * signature alone: a signature of that text under a day old, made at the same address, whose every
 * stretch is found unchanged.
 */
export function readsAsSigned(bytes: Buffer, url: string, stored: string | null, contentHash: string | null, now: Date): boolean {
  const signature = decode(stored);
  if (signature === null || contentHash === null || signature.hash !== contentHash.slice(0, HASH_CHARS)) return false;
  if (ageMs(signature, now) >= SIGNATURE_TTL_MS) return false;
  return readsAsSources(bytes, url, signature);
}

/** Whether this page, read at this address, holds every stretch of these sources unchanged, in the same counts. */
export function readsAsSources(bytes: Buffer, url: string, sources: SignedSources): boolean {
  if (sources.url !== url || sources.spans.length === 0) return false;
  const counts = countsOf(bytes);
  if (counts.length !== sources.counts.length || counts.some((count, i) => count !== sources.counts[i])) return false;
  return sources.spans.every((span) => found(bytes, span));
}

/**
 * The signature to keep after a page was read whole and its text is the current version's: the
 * stored one while it is under a day old (no write, even when its stretches did not match this
 * time), otherwise a fresh one.
 */
export function signatureAfterSameText(stored: string | null, sources: SignedSources | null, contentHash: string, now: Date): string | null {
  const previous = decode(stored);
  const fresh = (): string | null => (sources === null ? null : encodeSignature(sources, contentHash, now));
  if (previous === null || previous.hash !== contentHash.slice(0, HASH_CHARS)) return fresh();
  // Read at another address (a redirect came or went): signed afresh there.
  if (sources !== null && sources.url !== previous.url) return fresh();
  return ageMs(previous, now) >= SIGNATURE_TTL_MS ? fresh() : stored;
}
