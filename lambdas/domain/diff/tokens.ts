// Word-level tokens for diffing: words (with inner apostrophes), numbers
// with their separators ("1,500", "3.5%", "3:45") so a changed figure shows
// as one replaced token, runs of whitespace, and single other characters.
// Every character lands in exactly one token, so ops always rebuild the text.
// A hand-written scanner: this is the hottest loop of a diff.
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const SPACE_CHARACTER = /\s/u;

const SPACE = 0;
const DIGIT = 1;
const LETTER = 2;
const OTHER = 3;

function classAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) {
    if (code >= 48 && code <= 57) return DIGIT;
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return LETTER;
    if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
    return OTHER;
  }
  const character = String.fromCodePoint(text.codePointAt(at) ?? code);
  if (SPACE_CHARACTER.test(character)) return SPACE;
  if (WORD_CHARACTER.test(character)) return /\p{N}/u.test(character) ? DIGIT : LETTER;
  return OTHER;
}

function widthAt(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const start = at;
    const kind = classAt(text, at);
    at += widthAt(text, at);
    if (kind === SPACE) {
      while (at < text.length && classAt(text, at) === SPACE) at += widthAt(text, at);
    } else if (kind === DIGIT) {
      for (;;) {
        while (at < text.length && classAt(text, at) === DIGIT) at += widthAt(text, at);
        const separator = text.charCodeAt(at);
        const isSeparator = separator === 44 || separator === 46 || separator === 58;
        if (isSeparator && at + 1 < text.length && classAt(text, at + 1) === DIGIT) at += 1;
        else break;
      }
      if (text.charCodeAt(at) === 37) at += 1;
    } else if (kind === LETTER) {
      for (;;) {
        while (at < text.length && classAt(text, at) !== SPACE && classAt(text, at) !== OTHER) at += widthAt(text, at);
        if (isApostrophe(text.charCodeAt(at)) && at + 1 < text.length && LETTER_OR_MARK.test(String.fromCodePoint(text.codePointAt(at + 1) ?? 0))) at += 1;
        else break;
      }
    }
    tokens.push(text.slice(start, at));
  }
  return tokens;
}

export function isSpaceToken(token: string): boolean {
  return token.length > 0 && classAt(token, 0) === SPACE;
}

export function isWordToken(token: string): boolean {
  return WORD_CHARACTER.test(token);
}

/** A text as tokens plus small integer ids, so comparisons in the diff are integer compares. */
export interface TokenizedText {
  text: string;
  tokens: string[];
  ids: number[];
  /** Positions (into `tokens`) of the tokens that are not whitespace, and their ids: what the diff aligns. */
  wordPositions: number[];
  wordIds: number[];
}

/** Gives equal tokens equal ids; one interner serves every text of one diff. */
export class TokenInterner {
  private readonly ids = new Map<string, number>();
  private readonly spaceIds: boolean[] = [];

  idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
      this.spaceIds[id] = isSpaceToken(token);
    }
    return id;
  }

  tokenized(text: string): TokenizedText {
    const tokens = tokenize(text);
    const ids: number[] = new Array<number>(tokens.length);
    const wordPositions: number[] = [];
    const wordIds: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const id = this.idOf(tokens[k] ?? '');
      ids[k] = id;
      if (!this.spaceIds[id]) {
        wordPositions.push(k);
        wordIds.push(id);
      }
    }
    return { text, tokens, ids, wordPositions, wordIds };
  }
}
