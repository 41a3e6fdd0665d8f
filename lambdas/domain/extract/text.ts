// Whitespace and invisible-character normalisation, so the same words always
// give the same string whatever the page's markup indentation or typography.

// Zero-width characters and soft hyphens are invisible to a reader but would make two identical sentences differ.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Only the runs that change: a lone space is already what a run becomes, and matching every one of them would
// make the replacement rebuild each paragraph word by word (the extractor's biggest allocation on a big page).
// \s covers no-break, ideographic and the other Unicode spaces.
const SPACE_RUNS = /[^\S ]\s*| \s+/g;

export function normaliseSpace(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACE_RUNS, ' ').trim();
}

/**
 * A copy of the text that does not share memory with the page. Text taken
 * straight from the parsed page can be a view into the whole page's markup,
 * which would keep hundreds of kilobytes alive for as long as the result is
 * kept; this costs one copy of the (short) text instead.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** JavaScript's \s (what the regular expressions' whitespace has always meant), for scans by character code. */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The whitespace measureText counts a run of once: ASCII whitespace and the no-break space. */
function isMeasuredSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** One result, reused: a big page has hundreds of thousands of text nodes, and each call's figures are read at once. */
const measured = { chars: 0, commas: 0 };

/**
 * Visible length of a text node with its whitespace runs counted once, and
 * its commas (a prose signal). The result is overwritten by the next call.
 */
export function measureText(data: string): Readonly<{ chars: number; commas: number }> {
  let chars = 0;
  let commas = 0;
  let previousWasSpace = true;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (isMeasuredSpace(code)) {
      if (!previousWasSpace) chars++;
      previousWasSpace = true;
    } else {
      chars++;
      previousWasSpace = false;
      // ASCII, full-width and ideographic commas all separate clauses.
      if (code === 44 || code === 0xff0c || code === 0x3001) commas++;
    }
  }
  measured.chars = chars;
  measured.commas = commas;
  return measured;
}
