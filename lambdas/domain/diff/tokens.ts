// Word-level tokens for diffing: words (with inner apostrophes), numbers
// with their separators ("1,500", "3.5%", "3:45") so a changed figure shows
// as one replaced token, runs of whitespace, and single other characters.
// Every character lands in exactly one token, so ops always rebuild the text.
// A hand-written scanner over character codes: this is the hottest loop of a
// diff, and a table lookup per ASCII character keeps it cheap.
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const NUMBER_CHARACTER = /\p{N}/u;
const SPACE_CHARACTER = /\s/u;

const SPACE = 0;
const DIGIT = 1;
const LETTER = 2;
const OTHER = 3;

const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, code) => {
  if (code >= 48 && code <= 57) return DIGIT;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return LETTER;
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  return OTHER;
});

function classOfCodePoint(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  if (SPACE_CHARACTER.test(character)) return SPACE;
  if (WORD_CHARACTER.test(character)) return NUMBER_CHARACTER.test(character) ? DIGIT : LETTER;
  return OTHER;
}

function classAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) return ASCII_CLASS[code] ?? OTHER;
  return classOfCodePoint(text.codePointAt(at) ?? code);
}

function widthAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

function startsWithLetterOrMark(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return ASCII_CLASS[code] === LETTER;
  return LETTER_OR_MARK.test(String.fromCodePoint(text.codePointAt(at) ?? 0));
}

function isWordClass(kind: number): boolean {
  return kind === LETTER || kind === DIGIT;
}

/** Where the token starting at `start` ends. Plain ASCII runs are scanned by table lookup alone. */
export function tokenEnd(text: string, start: number): number {
  const length = text.length;
  const kind = classAt(text, start);
  let at = start + widthAt(text, start);
  if (kind === SPACE) {
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code < 0x80 ? ASCII_CLASS[code] !== SPACE : classAt(text, at) !== SPACE) break;
      at += code < 0x80 ? 1 : widthAt(text, at);
    }
  } else if (kind === DIGIT) {
    for (;;) {
      while (at < length && classAt(text, at) === DIGIT) at += widthAt(text, at);
      const separator = text.charCodeAt(at);
      const isSeparator = separator === 44 || separator === 46 || separator === 58;
      if (isSeparator && at + 1 < length && classAt(text, at + 1) === DIGIT) at += 1;
      else break;
    }
    if (text.charCodeAt(at) === 37) at += 1;
  } else if (kind === LETTER) {
    for (;;) {
      while (at < length) {
        const code = text.charCodeAt(at);
        if (code < 0x80) {
          const next = ASCII_CLASS[code] ?? OTHER;
          if (next !== LETTER && next !== DIGIT) break;
          at += 1;
        } else {
          if (!isWordClass(classAt(text, at))) break;
          at += widthAt(text, at);
        }
      }
      if (isApostrophe(text.charCodeAt(at)) && at + 1 < length && startsWithLetterOrMark(text, at + 1)) at += 1;
      else break;
    }
  }
  return at;
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (let at = 0; at < text.length; ) {
    const end = tokenEnd(text, at);
    tokens.push(text.slice(at, end));
    at = end;
  }
  return tokens;
}

export function isSpaceToken(token: string): boolean {
  return token.length > 0 && classAt(token, 0) === SPACE;
}

/** True when the token starting at `at` is whitespace. */
export function isSpaceTokenAt(text: string, at: number): boolean {
  return at < text.length && classAt(text, at) === SPACE;
}

export function isWordToken(token: string): boolean {
  return WORD_CHARACTER.test(token);
}
