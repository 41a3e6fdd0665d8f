// A linear pre-pass over the raw HTML: script, style, SVG and comment bodies
// are cut out before parsing (they are most of a modern page's bytes and none
// of its prose), and JSON-LD blocks are kept aside for the metadata. Page
// navigation, asides and footers go too: they are never the story, and
// dropping them here saves a quarter of the parse.

export interface PreparedHtml {
  html: string;
  jsonLd: string[];
}

/** Pages beyond this are cut; no article needs more, and the parse time stays bounded. */
export const MAX_HTML_CHARS = 8_000_000;

// The lookahead keeps custom elements such as <nav-menu> or <footer-links> out: they are not what their prefix says.
const OPENER = /<(script|style|svg|noscript|template|textarea|nav|aside|footer)(?=[\s/>])([^>]*)>|<!--/gi;
const CHROME_REGION = new Set(['nav', 'aside', 'footer']);
const JSON_LD_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JSON_LD_TYPE = /type\s*=\s*["']?application\/ld\+json/i;
const closers = new Map<string, RegExp>();

function closerFor(name: string): RegExp {
  let closer = closers.get(name);
  if (!closer) {
    closer = new RegExp(`</${name}\\s*>`, 'gi');
    closers.set(name, closer);
  }
  return closer;
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
  let position = 0;
  // Once a closing tag is known to be missing, later openers of that name are not searched again (keeps the pass linear).
  const unclosed = new Set<string>();
  OPENER.lastIndex = 0;
  for (let match = OPENER.exec(source); match; match = OPENER.exec(source)) {
    kept.push(source.slice(position, match.index));
    const name = match[1]?.toLowerCase();
    let end: number;
    if (name === undefined) {
      const close = source.indexOf('-->', OPENER.lastIndex);
      end = close < 0 ? source.length : close + 3;
    } else if (unclosed.has(name)) {
      kept.push(match[0]);
      position = OPENER.lastIndex;
      continue;
    } else {
      const closer = closerFor(name);
      closer.lastIndex = OPENER.lastIndex;
      const close = closer.exec(source);
      end = close ? close.index + close[0].length : source.length;
      if (name === 'script' && JSON_LD_TYPE.test(match[2] ?? '')) {
        jsonLd.push(source.slice(OPENER.lastIndex, close ? close.index : source.length));
      } else if (CHROME_REGION.has(name)) {
        if (!close) {
          unclosed.add(name);
          // An unclosed region is left to the parser, which knows where it really ends.
          kept.push(match[0]);
          position = OPENER.lastIndex;
          continue;
        }
        collectJsonLd(source.slice(OPENER.lastIndex, close.index), jsonLd);
      }
    }
    // Nothing replaces it: a browser shows nothing there either, so "foo<!-- -->bar" stays one word.
    position = end;
    OPENER.lastIndex = end;
  }
  kept.push(source.slice(position));
  return { html: kept.join(''), jsonLd };
}
