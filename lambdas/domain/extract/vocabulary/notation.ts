// The notation the vocabulary lists are written in, and its compiler. An
// entry is a phrase as a page writes it, matched without regard to (ASCII)
// case. Three marks keep the lists short without turning them back into
// regular expressions:
//   {a,b,c}   one of the alternatives; an empty one makes the group optional
//             ("sign{,-}up" is "signup" or "sign-up"); groups nest.
//   <word>    one run of letters, digits or underscores ("share on <word>").
//   <number>  one run of digits ("<number> comments").
//   <dots>    any run of full stops, none included ("loading<dots>").
// A backslash takes the next character literally (\, \{ \} \< \\).
// Each list is compiled once, at module load, into a matcher.

const PLACEHOLDERS: Record<string, { pattern: string; sample: string }> = {
  word: { pattern: '\\w+', sample: 'news' },
  number: { pattern: '\\d+', sample: '12' },
  dots: { pattern: '\\.*', sample: '...' },
};

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function escapeLiteral(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

type Piece = { literal: string } | { placeholder: string } | { choice: Piece[][] };

function parse(entry: string): Piece[] {
  let position = 0;
  const fail = (why: string): never => {
    throw new Error(`vocabulary entry ${JSON.stringify(entry)}: ${why} at ${position}`);
  };
  // Reads a sequence up to the end, or to a ',' or '}' closing the group it is in.
  const sequence = (inGroup: boolean): Piece[] => {
    const pieces: Piece[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal !== '') pieces.push({ literal });
      literal = '';
    };
    while (position < entry.length) {
      const char = entry.charAt(position);
      if (char === '\\') {
        if (position + 1 >= entry.length) fail('a backslash ends the entry');
        literal += entry.charAt(position + 1);
        position += 2;
      } else if (char === '{') {
        flush();
        position++;
        const alternatives: Piece[][] = [sequence(true)];
        while (entry.charAt(position) === ',') {
          position++;
          alternatives.push(sequence(true));
        }
        if (entry.charAt(position) !== '}') fail('an unclosed {');
        position++;
        pieces.push({ choice: alternatives });
      } else if (char === ',' || char === '}') {
        if (!inGroup) fail(`a stray ${char}`);
        break;
      } else if (char === '<') {
        const end = entry.indexOf('>', position);
        const name = end < 0 ? '' : entry.slice(position + 1, end);
        if (PLACEHOLDERS[name] === undefined) fail('an unknown <placeholder>');
        flush();
        pieces.push({ placeholder: name });
        position = end + 1;
      } else {
        literal += char;
        position++;
      }
    }
    flush();
    return pieces;
  };
  const pieces = sequence(false);
  if (position !== entry.length) fail('unexpected text');
  return pieces;
}

function sourceOf(pieces: Piece[]): string {
  let source = '';
  for (const piece of pieces) {
    if ('literal' in piece) source += escapeLiteral(piece.literal);
    else if ('placeholder' in piece) source += (PLACEHOLDERS[piece.placeholder] as { pattern: string }).pattern;
    else source += `(?:${piece.choice.map(sourceOf).join('|')})`;
  }
  return source;
}

function expansionsOf(pieces: Piece[]): string[] {
  let results = [''];
  for (const piece of pieces) {
    let options: string[];
    if ('literal' in piece) options = [piece.literal];
    else if ('placeholder' in piece) options = [(PLACEHOLDERS[piece.placeholder] as { sample: string }).sample];
    else options = piece.choice.flatMap(expansionsOf);
    results = results.flatMap((start) => options.map((option) => start + option));
  }
  return results;
}

/** Regular-expression source matching exactly the phrases an entry stands for. */
export function patternOf(entry: string): string {
  return sourceOf(parse(entry));
}

/** One group matching any phrase of the list. */
export function anyOf(entries: readonly string[]): string {
  if (entries.length === 0) throw new Error('an empty vocabulary list');
  return `(?:${entries.map(patternOf).join('|')})`;
}

/** Every phrase an entry stands for, with a sample word or number for each placeholder (for tests and docs). */
export function expand(entry: string): string[] {
  return expansionsOf(parse(entry));
}

function hasPlaceholder(pieces: Piece[]): boolean {
  return pieces.some((piece) => 'placeholder' in piece || ('choice' in piece && piece.choice.some(hasPlaceholder)));
}

/** Every phrase an entry stands for, for lists matched as plain strings: an entry with a placeholder is refused. */
export function literalPhrases(entry: string): string[] {
  const pieces = parse(entry);
  if (hasPlaceholder(pieces)) throw new Error(`vocabulary entry ${JSON.stringify(entry)}: a <placeholder> in a list of plain names`);
  return expansionsOf(pieces);
}

export function compile(source: string): RegExp {
  return new RegExp(source, 'i');
}

const WORD_CHAR = /\w/;

/**
 * Phrases found anywhere in a text, each standing as words of its own: a
 * phrase starts at a word boundary, and one that ends with a letter or digit
 * ends at one too, so "captcha" is not found in "captchas".
 */
export function phrasesSource(entries: readonly string[]): string {
  for (const entry of entries) {
    for (const phrase of expand(entry)) {
      if (!WORD_CHAR.test(phrase.charAt(0))) throw new Error(`vocabulary entry ${JSON.stringify(entry)} must start with a letter or digit`);
    }
  }
  // The lookahead is a word boundary only where the phrase's last character is a word character.
  return `\\b${anyOf(entries)}(?!(?<=\\w)\\w)`;
}

export function phrasesIn(entries: readonly string[]): RegExp {
  return compile(phrasesSource(entries));
}

/** Two phrases on one line, the second after the first: "Sorry, we couldn't … find". */
export interface PhrasesInOrder {
  first: readonly string[];
  then: readonly string[];
  /** At most this many characters between them; any number when absent. */
  within?: number;
}

export function inOrderSource(rule: PhrasesInOrder): string {
  const gap = rule.within === undefined ? '.*' : `.{0,${rule.within}}`;
  return `\\b${anyOf(rule.first)}\\b${gap}\\b${anyOf(rule.then)}\\b`;
}
