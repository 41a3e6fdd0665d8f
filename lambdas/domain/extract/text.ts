// Whitespace and invisible-character normalisation, so the same words always
// give the same string whatever the page's markup indentation or typography.

// Zero-width characters and soft hyphens are invisible to a reader but would make two identical sentences differ.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

export function normaliseSpace(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** Visible length of a text node with its whitespace runs counted once, and its commas (a prose signal). */
export function measureText(data: string): { chars: number; commas: number } {
  let chars = 0;
  let commas = 0;
  let previousWasSpace = true;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (isSpaceCode(code)) {
      if (!previousWasSpace) chars++;
      previousWasSpace = true;
    } else {
      chars++;
      previousWasSpace = false;
      // ASCII, full-width and ideographic commas all separate clauses.
      if (code === 44 || code === 0xff0c || code === 0x3001) commas++;
    }
  }
  return { chars, commas };
}
