// A linear pre-pass over the raw HTML: script, style, SVG and comment bodies
// are cut out before parsing (they are most of a modern page's bytes and none
// of its prose), and JSON-LD blocks are kept aside for the metadata. Page
// navigation, asides and footers go too: they are never the story, and
// dropping them here saves a quarter of the parse. So do images, media,
// embeds, form controls and buttons: the extractor never reads them, and on
// big pages their attributes (srcset lists, option menus, tracking data) are
// a good share of what the parser would otherwise build into nodes. Last,
// the indentation before a block tag goes: it is most of a page's text
// nodes, and at a block boundary it never separates two words.

export interface PreparedHtml {
  html: string;
  jsonLd: string[];
}

/** Pages beyond this are cut; no article needs more, and the parse time stays bounded. */
export const MAX_HTML_CHARS = 8_000_000;

// Attribute values are read quote-aware, as the parser reads them, so an alt text holding ">" cannot end a tag
// early; a quote only opens a value right after "=", so an apostrophe in an unquoted value stays a letter.
// The lookahead keeps custom elements such as <nav-menu> or <footer-links> out: they are not what their prefix says.
const OPENER =
  /<(script|style|svg|noscript|template|textarea|nav|aside|footer|picture|video|audio|iframe|object|canvas|map|select|button|math|dialog|datalist|img|source|input|track|embed|param|area)(?=[\s/>])((?:[^>=]|=\s*(?:"[^"]*"|'[^']*'|(?!["'])))*)>|<!--/gi;

/** Text elements whose end is the first closer, whatever comes between (browsers read their body as raw text). */
const RAW_TEXT = new Set(['script', 'style', 'svg', 'noscript', 'template', 'textarea']);
/** Page chrome by tag; the parser decides where an unclosed one ends. */
const CHROME_REGION = new Set(['nav', 'aside', 'footer']);
/** Elements with no end tag: only the tag itself goes. */
const VOID = new Set(['img', 'source', 'input', 'track', 'embed', 'param', 'area']);

/** Whitespace between tags, before the opening or closing tag of a block (each block is a paragraph of its own). */
const BLANK_BEFORE_BLOCK =
  />\s+(?=<\/?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|tbody|thead|tfoot|caption|colgroup|col|section|article|main|header|hgroup|h[1-6]|figure|figcaption|blockquote|form|fieldset|legend|details|summary|hr|br|address|center|html|head|body|meta|link|title|base)[\s/>])/gi;

const JSON_LD_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JSON_LD_TYPE = /type\s*=\s*["']?application\/ld\+json/i;

/**
 * The next match of a pattern at or after a position, remembered per name:
 * positions only move forward, so each name's pattern scans the page at most
 * once in total, which keeps the pass linear however many tags a page has.
 */
class ForwardSearch {
  private readonly patterns = new Map<string, RegExp>();
  private readonly found = new Map<string, { index: number; length: number } | null>();

  constructor(private readonly source: string, private readonly patternFor: (name: string) => RegExp) {}

  /** Start of the next match at or after `from`, with its length; null when there is none. */
  next(name: string, from: number): { index: number; length: number } | null {
    const cached = this.found.get(name);
    if (cached !== undefined && (cached === null || cached.index >= from)) return cached;
    const pattern = this.pattern(name);
    pattern.lastIndex = from;
    const match = pattern.exec(this.source);
    const found = match ? { index: match.index, length: match[0].length } : null;
    this.found.set(name, found);
    return found;
  }

  private pattern(name: string): RegExp {
    let pattern = this.patterns.get(name);
    if (!pattern) {
      pattern = this.patternFor(name);
      this.patterns.set(name, pattern);
    }
    return pattern;
  }
}

/** Structured data sometimes sits in the footer; it is kept when the footer goes. */
function collectJsonLd(region: string, into: string[]): void {
  if (!region.includes('ld+json')) return;
  JSON_LD_SCRIPT.lastIndex = 0;
  for (let match = JSON_LD_SCRIPT.exec(region); match; match = JSON_LD_SCRIPT.exec(region)) {
    if (JSON_LD_TYPE.test(match[1] ?? '')) into.push(match[2] ?? '');
  }
}

export function prepareHtml(input: string): PreparedHtml {
  const source = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const jsonLd: string[] = [];
  const kept: string[] = [];
  const closers = new ForwardSearch(source, (name) => new RegExp(`</${name}\\s*>`, 'gi'));
  const openers = new ForwardSearch(source, (name) => new RegExp(`<${name}(?=[\\s/>])`, 'gi'));
  const leftToParser = new Set<string>();
  let position = 0;
  OPENER.lastIndex = 0;
  for (let match = OPENER.exec(source); match; match = OPENER.exec(source)) {
    const openerEnd = OPENER.lastIndex;
    const name = match[1]?.toLowerCase();
    let end: number;
    if (name === undefined) {
      const close = source.indexOf('-->', openerEnd);
      end = close < 0 ? source.length : close + 3;
    } else if (VOID.has(name)) {
      end = openerEnd;
    } else {
      const close = closers.next(name, openerEnd);
      if (RAW_TEXT.has(name)) {
        end = close ? close.index + close.length : source.length;
        if (name === 'script' && JSON_LD_TYPE.test(match[2] ?? '')) jsonLd.push(source.slice(openerEnd, close ? close.index : source.length));
      } else {
        // An unclosed or nested region is left to the parser, which knows where it really ends; so are the
        // later ones of its name, whose end tags the parser may need to close it.
        if (leftToParser.has(name)) continue;
        const nested = close ? openers.next(name, openerEnd) : null;
        if (!close || (nested && nested.index < close.index)) {
          leftToParser.add(name);
          continue;
        }
        if (CHROME_REGION.has(name)) collectJsonLd(source.slice(openerEnd, close.index), jsonLd);
        end = close.index + close.length;
      }
    }
    kept.push(source.slice(position, match.index));
    // Nothing replaces it: a browser shows nothing there either, so "foo<!-- -->bar" stays one word.
    position = end;
    OPENER.lastIndex = end;
  }
  kept.push(source.slice(position));
  return { html: kept.join('').replace(BLANK_BEFORE_BLOCK, '>'), jsonLd };
}
