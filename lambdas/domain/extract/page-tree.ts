// One pass over the raw page that builds the tree the extractor reads. It
// tokenises as htmlparser2 does and builds the tree htmlparser2 would (the
// same implied closes, void and raw-text elements, character references),
// with the differences that make it fast and bounded:
// - What the extractor never reads is skipped, not parsed: the bodies of
//   scripts, styles, SVG, templates and comments (JSON-LD blocks are kept
//   aside for the metadata); navigation, asides and footers when they close
//   where they should (an unclosed one is left in, since the lenient pass
//   may need to look inside it); images, media, embeds, form controls and
//   buttons. They are most of a modern page's bytes and none of its prose.
// - Whitespace between tags before a block tag is dropped: it is most of a
//   page's text nodes, and at a block boundary it never separates two words.
// - Only the attributes the extractor reads are kept (all of them when CSS
//   rules may ask for any), decoded once.
// - The open elements are a stack (htmlparser2 shifts an array, which makes
//   deep nesting quadratic), and size, depth, element count and time are
//   bounded: past a limit the page is refused with an ExtractionLimitError.
import { ExtractionLimitError } from '../../errors';
import type { ChildNode, Element, ParentNode, Root, Text } from './dom';
import { decodeAttribute, decodeText } from './html-entities';
import { isSpace } from './text';
import { placeStreamedSegments, STREAM_PLACEHOLDER, STREAMED_SEGMENT } from './streamed-segments';
import type { WorkBudget } from './work-budget';

export interface TreeLimits {
  /** Characters of markup. */
  maxChars: number;
  /** Elements open inside each other. */
  maxDepth: number;
  /** Elements in the whole page. */
  maxElements: number;
}

export interface PageTree {
  root: Root;
  /** The bodies of the page's JSON-LD scripts, in page order. */
  jsonLd: string[];
  /** Where the JSON-LD scripts outside chrome regions lie; null when some sat in a skipped footer, whose place is not kept. */
  jsonLdSpans: SourceSpan[] | null;
  /** Whether parts streamed later were moved into place, so the tree is no longer in page order. */
  rearranged: boolean;
  elements: number;
}

/** A stretch of the page's markup, by character positions. */
export interface SourceSpan {
  start: number;
  /** Just past its last character. */
  end: number;
}

/** Told of each element as it opens (attributes known) and as it closes (children known). */
interface TreeObserver {
  opened(element: Element): void;
  closed(element: Element): void;
}

export interface TreeOptions {
  limits: TreeLimits;
  budget: WorkBudget;
  /** Keep every attribute (CSS rules may select on any); otherwise only those the extractor reads. */
  allAttributes: boolean;
  observer?: TreeObserver;
}

/** Text elements whose end is the first closer, whatever comes between (browsers read their body as raw text). */
const SKIPPED_RAW = new Set(['script', 'style', 'svg', 'noscript', 'template', 'textarea']);
/** Regions skipped whole when they close before another of their name opens; left in otherwise. */
const SKIPPED_REGIONS = new Set([
  'nav',
  'aside',
  'footer',
  'picture',
  'video',
  'audio',
  'iframe',
  'object',
  'canvas',
  'map',
  'select',
  'button',
  'math',
  'dialog',
  'datalist',
]);
/** Page chrome by tag: structured data inside is still kept. */
const CHROME_REGIONS = new Set(['nav', 'aside', 'footer']);
/** Elements with no content that are skipped: only the tag itself goes. */
const SKIPPED_VOID = new Set(['img', 'source', 'input', 'track', 'embed', 'param', 'area']);

/** Tags before which whitespace between tags is dropped: each is a block of its own, or outside the body. */
const BLOCK_BOUNDARIES = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'colgroup',
  'col',
  'section',
  'article',
  'main',
  'header',
  'hgroup',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'blockquote',
  'form',
  'fieldset',
  'legend',
  'details',
  'summary',
  'hr',
  'br',
  'address',
  'center',
  'html',
  'head',
  'body',
  'meta',
  'link',
  'title',
  'base',
]);

/** The attributes the extractor reads (all lower-case ASCII). */
const READ_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  'aria-labelledby',
  'aria-controls',
  'aria-expanded',
  'itemprop',
  'property',
  'name',
  'content',
  'http-equiv',
  'datetime',
  'pubdate',
  'rel',
  'href',
  'lang',
  'xml:lang',
]);

// htmlparser2's tree rules (Parser.ts), so the tree is the one it would build.
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const P_TAG = new Set(['p']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', P_TAG],
  ['h1', P_TAG],
  ['h2', P_TAG],
  ['h3', P_TAG],
  ['h4', P_TAG],
  ['h5', P_TAG],
  ['h6', P_TAG],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['address', P_TAG],
  ['article', P_TAG],
  ['aside', P_TAG],
  ['blockquote', P_TAG],
  ['details', P_TAG],
  ['div', P_TAG],
  ['dl', P_TAG],
  ['fieldset', P_TAG],
  ['figcaption', P_TAG],
  ['figure', P_TAG],
  ['footer', P_TAG],
  ['form', P_TAG],
  ['header', P_TAG],
  ['hr', P_TAG],
  ['main', P_TAG],
  ['nav', P_TAG],
  ['ol', P_TAG],
  ['pre', P_TAG],
  ['section', P_TAG],
  ['table', P_TAG],
  ['ul', P_TAG],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);
const FOREIGN = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** Elements whose body is raw text up to their closer: <title> with its references decoded, <xmp> as written. */
const RAW_TEXT_DECODED = new Set(['title']);
const RAW_TEXT_AS_WRITTEN = new Set(['xmp']);

// What a tag name means to the builder, as bits, so one lookup per tag answers every question.
const IS_SKIPPED_VOID = 1;
const IS_SKIPPED_RAW = 2;
const IS_SKIPPED_REGION = 4;
const IS_CHROME_REGION = 8;
const IS_BLOCK_BOUNDARY = 16;
const IS_VOID = 32;
const IS_FOREIGN = 64;
const IS_HTML_INTEGRATION = 128;
const IS_RAW_DECODED = 256;
const IS_RAW_AS_WRITTEN = 512;

interface TagInfo {
  /** The name, one string per tag for the whole run, so later Set lookups hash it once. */
  name: string;
  flags: number;
}

const TAGS = new Map<string, TagInfo>();
for (const [set, flag] of [
  [SKIPPED_VOID, IS_SKIPPED_VOID],
  [SKIPPED_RAW, IS_SKIPPED_RAW],
  [SKIPPED_REGIONS, IS_SKIPPED_REGION],
  [CHROME_REGIONS, IS_CHROME_REGION],
  [BLOCK_BOUNDARIES, IS_BLOCK_BOUNDARY],
  [VOID, IS_VOID],
  [FOREIGN, IS_FOREIGN],
  [HTML_INTEGRATION, IS_HTML_INTEGRATION],
  [RAW_TEXT_DECODED, IS_RAW_DECODED],
  [RAW_TEXT_AS_WRITTEN, IS_RAW_AS_WRITTEN],
  [new Set(OPEN_IMPLIES_CLOSE.keys()), 0],
  [new Set(['a', 'span', 'strong', 'em', 'b', 'i', 'u', 'small', 'sup', 'sub', 'time', 'figure', 'figcaption', 'code', 'label']), 0],
] as const) {
  for (const name of set) {
    const info = TAGS.get(name) ?? { name, flags: 0 };
    info.flags |= flag;
    TAGS.set(name, info);
  }
}

/**
 * Known names (all lower-case ASCII, starting with a letter) by first letter
 * and length, so a name in the markup is recognised where it stands, with no
 * string cut out and lower-cased for a lookup.
 */
type KnownNames<T> = Array<Array<[string, T]> | undefined>;

const LONGEST_KNOWN = 31;

function knownNames<T>(entries: Iterable<[string, T]>): KnownNames<T> {
  // Every slot made at once: an array filled here and there would be kept as a dictionary, slow to index.
  const table: KnownNames<T> = new Array(128 << 5).fill(undefined);
  for (const entry of entries) {
    const name = entry[0];
    if (name.length > LONGEST_KNOWN || !/^[a-z][\x21-\x7e]*$/.test(name) || name !== name.toLowerCase()) throw new Error(`not a known-name: ${name}`);
    const key = (name.charCodeAt(0) << 5) | name.length;
    table[key] ??= [];
    (table[key] as Array<[string, T]>).push(entry);
  }
  return table;
}

/**
 * The known name html[start, end) is, compared with ASCII case folded; undefined when it is none of them.
 * A name with a character past ASCII is never found here (nothing is known for it), though its toLowerCase
 * might be a known name (the Kelvin sign lower-cases to "k"), so callers look those up by the string.
 */
function knownName<T>(table: KnownNames<T>, html: string, start: number, end: number): T | undefined {
  const length = end - start;
  if (length > LONGEST_KNOWN) return undefined;
  const first = html.charCodeAt(start);
  // Only letters give a lower-case letter once 0x20 is set; a non-ASCII first character is no known name.
  if (first >= 128) return undefined;
  const candidates = table[((first | 0x20) << 5) | length];
  if (candidates === undefined) return undefined;
  for (const [name, value] of candidates) {
    let i = 1;
    for (; i < length; i++) {
      let code = html.charCodeAt(start + i);
      if (code >= 65 && code <= 90) code += 32;
      if (code !== name.charCodeAt(i)) break;
    }
    if (i === length) return value;
  }
  return undefined;
}

const KNOWN_TAGS = knownNames([...TAGS.values()].map((info) => [info.name, info] as [string, TagInfo]));
const KNOWN_ATTRIBUTES = knownNames([...READ_ATTRIBUTES].map((name) => [name, name] as [string, string]));

/**
 * What the tag name html[start, end) means; `nonAscii` says whether it holds a character past ASCII. The name
 * is the lower-cased one either way; a known tag's is the one string kept for it.
 */
function tagInfo(html: string, start: number, end: number, nonAscii: boolean): TagInfo {
  const known = knownName(KNOWN_TAGS, html, start, end);
  if (known !== undefined) return known;
  const name = html.slice(start, end).toLowerCase();
  // An ASCII name not found in place is no known tag.
  return (nonAscii ? TAGS.get(name) : undefined) ?? { name, flags: 0 };
}

const JSON_LD_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JSON_LD_TYPE = /type\s*=\s*["']?application\/ld\+json/i;

const EMPTY_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** What ends a tag name in HTML: whitespace, "/" or ">". */
function isTagSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 12 || code === 13;
}

function endsName(code: number): boolean {
  return isTagSpace(code) || code === 47 || code === 62;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * The next closer of an element, `</name\s*>` with the name in any ASCII
 * case, at or after a position, remembered per name: positions only move
 * forward, so each name's closers are searched for over the page at most once
 * in total, which keeps the pass linear however many tags a page has. Names
 * are lower-case ASCII; the search goes from "</" to "</" and compares the
 * name where it stands.
 */
class ForwardSearch {
  private readonly found = new Map<string, { index: number; length: number } | null>();

  constructor(private readonly source: string) {}

  next(name: string, from: number): { index: number; length: number } | null {
    const cached = this.found.get(name);
    if (cached !== undefined && (cached === null || cached.index >= from)) return cached;
    const found = this.search(name, from);
    this.found.set(name, found);
    return found;
  }

  private search(name: string, from: number): { index: number; length: number } | null {
    const source = this.source;
    const length = source.length;
    const nameLength = name.length;
    for (let lt = source.indexOf('</', from); lt >= 0; lt = source.indexOf('</', lt + 2)) {
      let at = lt + 2;
      let i = 0;
      for (; i < nameLength && at < length; i++, at++) {
        let code = source.charCodeAt(at);
        if (code >= 65 && code <= 90) code += 32;
        if (code !== name.charCodeAt(i)) break;
      }
      if (i < nameLength) continue;
      while (at < length && isSpace(source.charCodeAt(at))) at++;
      if (at < length && source.charCodeAt(at) === 62 /* > */) return { index: lt, length: at + 1 - lt };
    }
    return null;
  }
}

/** A start tag as read: where it ends, whether it closes itself, its attributes. */
interface StartTag {
  /** Index just past the closing ">". */
  end: number;
  selfClosing: boolean;
  attribs: Record<string, string>;
}

class TreeBuilder {
  readonly root: Root = { type: 'root', children: [], parent: null, elements: 0 };
  readonly jsonLd: string[] = [];
  elements = 0;

  private readonly stack: Element[] = [];
  private parent: ParentNode = this.root;
  /** The text node the next text joins (a node in between starts a new one, as in domhandler). */
  private lastText: Text | null = null;
  /** Whether each open foreign (math, svg) or integration element puts its content in foreign context. */
  private readonly foreign: boolean[] = [false];
  /** Raw text since the last tag, across skipped regions (which leave nothing behind). */
  private run = '';
  /** Whether any tag or declaration came before the current run: whitespace only goes between two of them. */
  private afterMarkup = false;
  private readonly closers: ForwardSearch;
  private readonly openerPatterns = new Map<string, RegExp>();
  private readonly leftIn = new Set<string>();
  /** The ids that controls so far expand (aria-controls beside aria-expanded). */
  private readonly expandable = new Set<string>();
  /** A control that names no panel expands the element right after it: the box that element would open in (any element opened resets it). */
  private expandsNextIn: ParentNode | null = null;
  /** Where an element closed now ends: past the end tag being read, or at the tag that implies the close. */
  private closingAt = 0;
  /** Where each JSON-LD block's script element lies in the page, in the order of jsonLd. */
  readonly jsonLdSpans: SourceSpan[] = [];

  private readonly observer: TreeObserver | undefined;
  /** React's streamed parts and their placeholders, by number (streamed-segments.ts). */
  readonly streamPlaceholders = new Map<string, Element>();
  readonly streamedSegments = new Map<string, Element>();

  constructor(
    private readonly html: string,
    private readonly options: TreeOptions,
  ) {
    this.observer = options.observer;
    this.closers = new ForwardSearch(html);
  }

  build(): void {
    const html = this.html;
    const length = html.length;
    const budget = this.options.budget;
    let position = 0;
    while (position < length) {
      budget.tick();
      const lt = html.indexOf('<', position);
      if (lt < 0) {
        this.addRaw(position, length);
        break;
      }
      if (lt > position) this.addRaw(position, lt);
      const next = html.charCodeAt(lt + 1);
      if (isAsciiLetter(next)) position = this.startTag(lt);
      else if (next === 47 /* / */) position = this.endTag(lt);
      else if (next === 33 /* ! */) position = this.markupDeclaration(lt);
      else if (next === 63 /* ? */) position = this.otherMarkup(lt, lt + 2);
      else {
        // A "<" that opens nothing is text.
        this.addRaw(lt, lt + 1);
        position = lt + 1;
      }
    }
    this.endRun(false);
    this.closingAt = length;
    // Elements the page never closed end with it.
    while (this.stack.length > 0) this.closeTop();
  }

  private addRaw(start: number, end: number): void {
    const piece = this.html.slice(start, end);
    this.run = this.run === '' ? piece : this.run + piece;
  }

  /**
   * Ends the text run at a tag. Before a block tag, whitespace that follows a
   * ">" goes (the run's own, as in "Read more >>", or the last tag's).
   */
  private endRun(beforeBlock: boolean): void {
    let raw = this.run;
    const afterMarkup = this.afterMarkup;
    this.afterMarkup = true;
    if (raw === '') return;
    this.run = '';
    if (beforeBlock && isSpace(raw.charCodeAt(raw.length - 1))) {
      let start = raw.length - 1;
      while (start > 0 && isSpace(raw.charCodeAt(start - 1))) start--;
      if (start === 0 ? afterMarkup : raw.charCodeAt(start - 1) === 62 /* > */) raw = raw.slice(0, start);
      if (raw === '') return;
    }
    const data = decodeText(raw);
    if (this.lastText) {
      this.lastText.data += data;
      return;
    }
    const text: Text = { type: 'text', data, parent: this.parent };
    this.append(text);
    this.lastText = text;
  }

  private append(node: ChildNode): void {
    this.parent.children.push(node);
  }

  /** A placeholder for a part streamed later stays in the tree, empty, to mark where the part goes. */
  private keepStreamPlaceholder(attribs: Record<string, string>): void {
    const number = STREAM_PLACEHOLDER.exec(attribs.id ?? '')?.[1];
    if (number === undefined || this.streamPlaceholders.has(number)) return;
    this.endRun(true);
    this.streamPlaceholders.set(number, this.open('template', attribs, true, this.closingAt, this.closingAt));
  }

  /** `start` is where its start tag begins; `tagEnd`, just past it (a void element ends there). */
  private open(name: string, attribs: Record<string, string>, isVoid: boolean, start: number, tagEnd: number): Element {
    if (++this.elements > this.options.limits.maxElements) {
      throw new ExtractionLimitError('elements', `the page has more than ${this.options.limits.maxElements} elements`);
    }
    const id = attribs.id;
    const opensOnClick = (id !== undefined && this.expandable.has(id)) || this.expandsNextIn === this.parent;
    this.expandsNextIn = null;
    this.noteControl(attribs);
    const element: Element = {
      type: 'tag',
      name,
      index: this.elements - 1,
      attribs,
      words: -1,
      opensOnClick,
      children: [],
      parent: this.parent,
      start,
      end: tagEnd,
    };
    this.append(element);
    this.lastText = null;
    if (name === 'div' && attribs.hidden !== undefined) this.noteStreamedSegment(element);
    this.observer?.opened(element);
    if (isVoid) {
      this.observer?.closed(element);
    } else {
      if (this.stack.length >= this.options.limits.maxDepth) {
        throw new ExtractionLimitError('depth', `the page nests elements more than ${this.options.limits.maxDepth} deep`);
      }
      this.stack.push(element);
      this.parent = element;
    }
    return element;
  }

  /** A disclosure control (a button skipped with its region, or any element) names the panel it expands. */
  private noteControl(attribs: Record<string, string>): void {
    const controls = attribs['aria-controls'];
    if (controls === undefined || attribs['aria-expanded'] === undefined) return;
    for (const id of controls.split(/\s+/)) if (id !== '') this.expandable.add(id);
  }

  /**
   * Once a control that names no panel has ended, the next element beside it
   * is what it expands; when the control ends its box too (a heading around an
   * accordion's button), the next element beside that box. `closed` is the
   * element that ended, or null for a control skipped whole.
   */
  private noteEndOf(attribs: Record<string, string>, parent: ParentNode, closed: Element | null): void {
    const endsControl = attribs['aria-expanded'] !== undefined && attribs['aria-controls'] === undefined;
    if (endsControl || (closed !== null && this.expandsNextIn === closed)) this.expandsNextIn = parent;
  }

  private noteStreamedSegment(element: Element): void {
    const number = STREAMED_SEGMENT.exec(element.attribs.id ?? '')?.[1];
    if (number !== undefined && !this.streamedSegments.has(number)) this.streamedSegments.set(number, element);
  }

  private closeTop(): void {
    const closed = this.stack.pop();
    if (closed) {
      closed.end = this.closingAt;
      this.noteEndOf(closed.attribs, closed.parent, closed);
      // Arrays grow by 16 slots at a time; most elements hold one or two children.
      if (closed.children.length < 16) closed.children = closed.children.slice();
      this.observer?.closed(closed);
    }
    const top = this.stack[this.stack.length - 1];
    this.parent = top ?? this.root;
    this.lastText = null;
  }

  /** An opening tag implies the end of some open ones: a <p> ends the paragraph before it. */
  private closeImplied(name: string): void {
    const implied = OPEN_IMPLIES_CLOSE.get(name);
    if (!implied) return;
    for (let top = this.stack[this.stack.length - 1]; top && implied.has(top.name); top = this.stack[this.stack.length - 1]) {
      this.closeTop();
    }
  }

  /** Reads the attributes of a start tag whose name ends at `position`; null when the page ends inside the tag. */
  private readStartTag(position: number): StartTag | null {
    const html = this.html;
    const length = html.length;
    const allAttributes = this.options.allAttributes;
    let attribs = EMPTY_ATTRIBUTES;
    let i = position;
    for (;;) {
      while (i < length && isTagSpace(html.charCodeAt(i))) i++;
      if (i >= length) return null;
      let code = html.charCodeAt(i);
      if (code === 62 /* > */) return { end: i + 1, selfClosing: false, attribs };
      if (code === 47 /* / */) {
        i++;
        while (i < length && isTagSpace(html.charCodeAt(i))) i++;
        if (i >= length) return null;
        if (html.charCodeAt(i) === 62) return { end: i + 1, selfClosing: true, attribs };
        continue;
      }
      // An attribute name: its first character, whatever it is, then up to "=", whitespace, "/" or ">".
      const nameStart = i++;
      let codes = code;
      while (i < length && !(endsName((code = html.charCodeAt(i))) || code === 61)) {
        codes |= code;
        i++;
      }
      if (i >= length) return null;
      const nameEnd = i;
      while (i < length && isTagSpace(html.charCodeAt(i))) i++;
      if (i >= length) return null;
      let valueStart = i;
      let valueEnd = i;
      if (html.charCodeAt(i) === 61 /* = */) {
        i++;
        while (i < length && isTagSpace(html.charCodeAt(i))) i++;
        if (i >= length) return null;
        const quote = html.charCodeAt(i);
        if (quote === 34 || quote === 39) {
          const close = html.indexOf(quote === 34 ? '"' : "'", i + 1);
          if (close < 0) return null;
          valueStart = i + 1;
          valueEnd = close;
          i = close + 1;
        } else {
          valueStart = i;
          while (i < length && !(isTagSpace((code = html.charCodeAt(i))) || code === 62)) i++;
          if (i >= length) return null;
          valueEnd = i;
        }
      }
      let name = knownName(KNOWN_ATTRIBUTES, html, nameStart, nameEnd);
      if (name === undefined) {
        // An ASCII name not found in place is none the extractor reads; any other is lower-cased and looked up.
        if (!allAttributes && codes < 128) continue;
        name = html.slice(nameStart, nameEnd).toLowerCase();
        if (!allAttributes && !READ_ATTRIBUTES.has(name)) continue;
      }
      if (attribs === EMPTY_ATTRIBUTES) attribs = {};
      // The first of two attributes of one name counts, as in browsers.
      if (!Object.hasOwn(attribs, name)) {
        attribs[name] = valueEnd > valueStart ? decodeAttribute(html.slice(valueStart, valueEnd)) : '';
      }
    }
  }

  private startTag(lt: number): number {
    const html = this.html;
    const length = html.length;
    let nameEnd = lt + 1;
    let codes = 0;
    let code = 0;
    while (nameEnd < length && !endsName((code = html.charCodeAt(nameEnd)))) {
      codes |= code;
      nameEnd++;
    }
    if (nameEnd >= length) return length;
    const { name, flags } = tagInfo(html, lt + 1, nameEnd, codes >= 128);

    if ((flags & IS_SKIPPED_VOID) !== 0) {
      const tag = this.readStartTag(nameEnd);
      return tag ? tag.end : length;
    }
    if ((flags & IS_SKIPPED_RAW) !== 0) {
      const tag = this.readStartTag(nameEnd);
      if (!tag) return length;
      if (name === 'template') this.keepStreamPlaceholder(tag.attribs);
      const close = this.closers.next(name, tag.end);
      if (name === 'script' && JSON_LD_TYPE.test(html.slice(nameEnd, tag.end))) {
        this.jsonLd.push(html.slice(tag.end, close ? close.index : length));
        this.jsonLdSpans.push({ start: lt, end: close ? close.index + close.length : length });
      }
      return close ? close.index + close.length : length;
    }
    if ((flags & IS_SKIPPED_REGION) !== 0 && !this.leftIn.has(name)) {
      const tag = this.readStartTag(nameEnd);
      if (!tag) return length;
      this.noteControl(tag.attribs);
      const close = this.closers.next(name, tag.end);
      if (close && !this.opensWithin(name, tag.end, close.index)) {
        if ((flags & IS_CHROME_REGION) !== 0) this.collectJsonLd(html.slice(tag.end, close.index));
        this.noteEndOf(tag.attribs, this.parent, null);
        return close.index + close.length;
      }
      // Unclosed or nested: the tree decides where it really ends, and later ones of its name need their end tags left in.
      this.leftIn.add(name);
    }

    this.endRun((flags & IS_BLOCK_BOUNDARY) !== 0);
    this.closingAt = lt;
    this.closeImplied(name);
    const isVoid = (flags & IS_VOID) !== 0;
    if (!isVoid) {
      if ((flags & IS_FOREIGN) !== 0) this.foreign.push(true);
      else if ((flags & IS_HTML_INTEGRATION) !== 0) this.foreign.push(false);
    }
    const tag = this.readStartTag(nameEnd);
    if (!tag) return length;
    const element = this.open(name, tag.attribs, isVoid, lt, tag.end);
    if (isVoid) return tag.end;
    if (tag.selfClosing && this.foreign[this.foreign.length - 1] === true) {
      // Only foreign content (SVG, MathML) closes itself with "/>".
      this.closingAt = tag.end;
      this.closeTop();
      return tag.end;
    }
    if (!tag.selfClosing && (flags & (IS_RAW_DECODED | IS_RAW_AS_WRITTEN)) !== 0) {
      return this.rawText(element, tag.end, (flags & IS_RAW_DECODED) !== 0);
    }
    return tag.end;
  }

  /** The body of <title> or <xmp>: text up to its closer, markup and all. */
  private rawText(element: Element, start: number, decoded: boolean): number {
    const html = this.html;
    const closer = new RegExp(`</${element.name}[\\t\\n\\f\\r >]`, 'gi');
    closer.lastIndex = start;
    const match = closer.exec(html);
    const end = match ? match.index : html.length;
    if (end > start) {
      const raw = html.slice(start, end);
      const text: Text = { type: 'text', data: decoded ? decodeText(raw) : raw, parent: element };
      this.append(text);
      this.lastText = text;
    }
    return end;
  }

  private endTag(lt: number): number {
    const html = this.html;
    const length = html.length;
    let nameStart = lt + 2;
    while (nameStart < length && isTagSpace(html.charCodeAt(nameStart))) nameStart++;
    if (nameStart >= length) {
      this.addRaw(lt, length);
      return length;
    }
    const first = html.charCodeAt(nameStart);
    if (first === 62 /* > */) {
      // "</>" is nothing to a parser: it stays in the text as written.
      this.addRaw(lt, nameStart + 1);
      return nameStart + 1;
    }
    if (!isAsciiLetter(first)) return this.otherMarkup(lt, nameStart);
    let nameEnd = nameStart;
    let codes = 0;
    let code = 0;
    while (nameEnd < length && !(isTagSpace((code = html.charCodeAt(nameEnd))) || code === 62)) {
      codes |= code;
      nameEnd++;
    }
    if (nameEnd >= length) return length;
    const { name, flags } = tagInfo(html, nameStart, nameEnd, codes >= 128);
    this.endRun(nameStart === lt + 2 && (flags & IS_BLOCK_BOUNDARY) !== 0);
    const gt = html.indexOf('>', nameEnd);
    this.closingAt = gt < 0 ? length : gt + 1;
    this.close(name, flags);
    return this.closingAt;
  }

  private close(name: string, flags: number): void {
    if ((flags & (IS_FOREIGN | IS_HTML_INTEGRATION)) !== 0 && this.foreign.length > 0) this.foreign.pop();
    if ((flags & IS_VOID) !== 0) {
      // "</br>" is read as a <br>; other void closers mean nothing.
      if (name === 'br') this.open('br', {}, true, this.closingAt, this.closingAt);
      return;
    }
    const stack = this.stack;
    for (let index = stack.length - 1; index >= 0; index--) {
      if ((stack[index] as Element).name !== name) continue;
      while (stack.length > index) this.closeTop();
      return;
    }
    // A stray </p> stands for an empty paragraph.
    if (name === 'p') {
      this.closeImplied('p');
      this.open('p', {}, false, this.closingAt, this.closingAt);
      this.closeTop();
    }
  }

  /** "<!": a comment (skipped), CDATA (a comment in HTML), or a declaration such as the doctype. */
  private markupDeclaration(lt: number): number {
    const html = this.html;
    if (html.startsWith('--', lt + 2)) {
      // Nothing replaces a comment: "foo<!-- -->bar" stays one word, as a browser shows it.
      const close = html.indexOf('-->', lt + 4);
      return close < 0 ? html.length : close + 3;
    }
    if (html.startsWith('[CDATA[', lt + 2)) {
      this.endRun(false);
      this.lastText = null;
      const close = html.indexOf(']]>', lt + 9);
      return close < 0 ? html.length : close + 3;
    }
    return this.otherMarkup(lt, lt + 2);
  }

  /** A declaration, processing instruction or bogus comment: a node of its own that ends text, up to the next ">". */
  private otherMarkup(_lt: number, bodyStart: number): number {
    const gt = this.html.indexOf('>', bodyStart);
    if (gt < 0) {
      // Unterminated at the end of the page, its body reads as text.
      this.addRaw(bodyStart, this.html.length);
      return this.html.length;
    }
    this.endRun(false);
    this.lastText = null;
    return gt + 1;
  }

  /** Whether another element of the name opens between two positions (searched there only, so the pass stays linear). */
  private opensWithin(name: string, start: number, end: number): boolean {
    let pattern = this.openerPatterns.get(name);
    if (!pattern) {
      pattern = new RegExp(`<${name}(?=[\\s/>])`, 'i');
      this.openerPatterns.set(name, pattern);
    }
    return pattern.test(this.html.slice(start, end));
  }

  /** Structured data sometimes sits in the footer; it is kept when the footer goes. */
  private collectJsonLd(region: string): void {
    if (!region.includes('ld+json')) return;
    JSON_LD_SCRIPT.lastIndex = 0;
    for (let match = JSON_LD_SCRIPT.exec(region); match; match = JSON_LD_SCRIPT.exec(region)) {
      if (JSON_LD_TYPE.test(match[1] ?? '')) this.jsonLd.push(match[2] ?? '');
    }
  }
}

/** Builds the page's tree; throws ExtractionLimitError for a page past its limits. */
export function buildPageTree(html: string, options: TreeOptions): PageTree {
  if (html.length > options.limits.maxChars) {
    throw new ExtractionLimitError(
      'size',
      `the page is ${(html.length / 1e6).toFixed(1)} million characters, over the ${(options.limits.maxChars / 1e6).toFixed(0)} million limit`,
    );
  }
  const builder = new TreeBuilder(html, options);
  builder.build();
  if (builder.streamPlaceholders.size > 0) placeStreamedSegments(builder.streamPlaceholders, builder.streamedSegments, options.budget);
  builder.root.elements = builder.elements;
  return {
    root: builder.root,
    jsonLd: builder.jsonLd,
    jsonLdSpans: builder.jsonLdSpans.length === builder.jsonLd.length ? builder.jsonLdSpans : null,
    rearranged: builder.streamPlaceholders.size > 0,
    elements: builder.elements,
  };
}
