// Reads class and id strings with the ClassWords lists: every list's answer
// for a string comes from one scan of it (classWordScanner). classWordMatcher
// says the same rules as a regular expression per list; it is the definition
// the scanner is tested against, not used to read pages.
import type { ClassWords } from './class-names';
import { isSpace } from '../text';
import { anyOf, compile, literalPhrases } from './notation';

/** Where a word of a class name starts or ends: the name's edge, whitespace, "_" or "-". */
const WORD_EDGE_BEFORE = '(?:^|[\\s_-])';
const WORD_EDGE_AFTER = '(?:$|[\\s_-])';

export function classWordMatcher(words: ClassWords): RegExp {
  const parts: string[] = [];
  if (words.anywhere) parts.push(anyOf(words.anywhere));
  if (words.words) parts.push(`${WORD_EDGE_BEFORE}${anyOf(words.words)}${WORD_EDGE_AFTER}`);
  if (words.wordStarts) parts.push(`${WORD_EDGE_BEFORE}${anyOf(words.wordStarts)}\\w*${WORD_EDGE_AFTER}`);
  if (words.wordEnds) parts.push(`${anyOf(words.wordEnds)}${WORD_EDGE_AFTER}`);
  if (words.classNames) parts.push(`(?:^|\\s)${anyOf(words.classNames)}(?:$|\\s)`);
  if (parts.length === 0) throw new Error('an empty class-word list');
  return compile(parts.join('|'));
}

/** A word edge inside a name: whitespace, "_" or "-". */
function isEdge(code: number): boolean {
  return code === 45 || code === 95 || isSpace(code);
}

/** \w without the u flag: ASCII letters, digits and "_". */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** How a phrase must sit in the name, one per ClassWords key. */
const ANYWHERE = 0;
const WORD = 1;
const WORD_START = 2;
const WORD_END = 3;
const CLASS_NAME = 4;
const KINDS: Array<[keyof ClassWords, number]> = [
  ['anywhere', ANYWHERE],
  ['words', WORD],
  ['wordStarts', WORD_START],
  ['wordEnds', WORD_END],
  ['classNames', CLASS_NAME],
];

/** Whether a wordStarts phrase ending at `end` is followed by letters, digits or "_" up to a word edge (the regex's \w*). */
function runsToEdge(names: string, end: number): boolean {
  let at = end;
  for (; at < names.length; at++) {
    const code = names.charCodeAt(at);
    // "_" is both a word character and an edge: \w* may stop just before it.
    if (code === 95) return true;
    if (!isWordChar(code)) break;
  }
  return at === names.length || isEdge(names.charCodeAt(at));
}

/** A phrase that counts only where it sits on edges: its key (WORD...CLASS_NAME), its list's bit, its length. */
interface Placed {
  kind: number;
  flag: number;
  length: number;
}

/**
 * One scanner for several ClassWords lists, each with its bit: it answers
 * with the bits of the lists that classWordMatcher would find in the string,
 * in one pass over it. The phrases of every list are compiled into one
 * Aho-Corasick automaton over ASCII characters, upper case folded to lower
 * (the i flag without u folds no other character to an ASCII one); at each
 * character it takes one step, and each phrase ending there is checked
 * against the edges its key asks for.
 */
export function classWordScanner(lists: ReadonlyArray<readonly [ClassWords, number]>): (names: string) => number {
  // The trie of phrases, by lower-cased character code.
  const children: Array<Map<number, number>> = [new Map()];
  const free: number[] = [0];
  const placed: Placed[][] = [[]];
  for (const [words, flag] of lists) {
    let any = false;
    for (const [key, kind] of KINDS) {
      for (const entry of words[key] ?? []) {
        for (const phrase of literalPhrases(entry)) {
          if (phrase === '') throw new Error(`class-word entry ${JSON.stringify(entry)} can be empty`);
          let node = 0;
          for (let i = 0; i < phrase.length; i++) {
            let code = phrase.charCodeAt(i);
            if (code >= 128) throw new Error(`class-word entry ${JSON.stringify(entry)} is not ASCII`);
            if (code >= 65 && code <= 90) code += 32;
            const known = (children[node] as Map<number, number>).get(code);
            if (known !== undefined) {
              node = known;
            } else {
              const child = children.length;
              (children[node] as Map<number, number>).set(code, child);
              children.push(new Map());
              free.push(0);
              placed.push([]);
              node = child;
            }
          }
          if (kind === ANYWHERE) free[node] = (free[node] as number) | flag;
          else (placed[node] as Placed[]).push({ kind, flag, length: phrase.length });
          any = true;
        }
      }
    }
    if (!any) throw new Error('an empty class-word list');
  }

  // Symbol 0 stands for every character no phrase holds (all non-ASCII ones among them): it leads back to the start.
  const symbols = new Uint8Array(65536);
  let alphabet = 1;
  for (const node of children) {
    for (const code of node.keys()) {
      if (symbols[code] === 0) {
        symbols[code] = alphabet;
        if (code >= 97 && code <= 122) symbols[code - 32] = alphabet;
        alphabet++;
      }
    }
  }
  // The automaton: a row of next states per state, failure links folded in, breadth first.
  const count = children.length;
  const step = new Int32Array(count * alphabet);
  const fail = new Int32Array(count);
  const queue: number[] = [];
  for (const [code, child] of children[0] as Map<number, number>) {
    step[symbols[code] as number] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const back = fail[node] as number;
    // Phrases ending at the longest suffix that is also a trie node end here too.
    free[node] = (free[node] as number) | (free[back] as number);
    placed[node] = [...(placed[node] as Placed[]), ...(placed[back] as Placed[])];
    for (let symbol = 1; symbol < alphabet; symbol++) step[node * alphabet + symbol] = step[back * alphabet + symbol] as number;
    for (const [code, child] of children[node] as Map<number, number>) {
      const symbol = symbols[code] as number;
      fail[child] = step[back * alphabet + symbol] as number;
      step[node * alphabet + symbol] = child;
      queue.push(child);
    }
  }

  // Renumbered for the scan: the states that end a phrase come after all others (the start, which ends none,
  // stays first), so one comparison tells whether a step ended any; and a state is the start of its row of
  // next states, so a step is one load.
  const ends = (node: number): boolean => (free[node] as number) !== 0 || (placed[node] as Placed[]).length > 0;
  const nodes = [...children.keys()];
  const order = [...nodes.filter((node) => !ends(node)), ...nodes.filter(ends)];
  const quiet = count - nodes.filter(ends).length;
  const renumbered = new Int32Array(count);
  order.forEach((node, index) => {
    renumbered[node] = index;
  });
  const rows = new Int32Array(count * alphabet);
  for (const node of nodes) {
    const row = (renumbered[node] as number) * alphabet;
    for (let symbol = 0; symbol < alphabet; symbol++) rows[row + symbol] = (renumbered[step[node * alphabet + symbol] as number] as number) * alphabet;
  }
  const firstEnding = quiet * alphabet;
  // What each ending state (by its number less `quiet`) gives: bits outright, and phrases to check, a range of the flat lists.
  const ending = order.slice(quiet);
  const freeBits = Uint8Array.from(ending, (node) => free[node] as number);
  const firstPlaced = new Int32Array(ending.length + 1);
  const placedKind: number[] = [];
  const placedFlag: number[] = [];
  const placedLength: number[] = [];
  ending.forEach((node, index) => {
    firstPlaced[index] = placedKind.length;
    for (const phrase of placed[node] as Placed[]) {
      placedKind.push(phrase.kind);
      placedFlag.push(phrase.flag);
      placedLength.push(phrase.length);
    }
  });
  firstPlaced[ending.length] = placedKind.length;
  const kinds = Uint8Array.from(placedKind);
  const flags = Uint8Array.from(placedFlag);
  const lengths = Int32Array.from(placedLength);

  return (names) => {
    const length = names.length;
    let found = 0;
    let state = 0;
    for (let at = 0; at < length; at++) {
      state = rows[state + (symbols[names.charCodeAt(at)] as number)] as number;
      if (state < firstEnding) continue;
      const output = ((state / alphabet) | 0) - quiet;
      found |= freeBits[output] as number;
      const last = firstPlaced[output + 1] as number;
      for (let index = firstPlaced[output] as number; index < last; index++) {
        const flag = flags[index] as number;
        if ((flag & found) !== 0) continue;
        const end = at + 1;
        const start = end - (lengths[index] as number);
        const after = end === length ? -1 : names.charCodeAt(end);
        const before = start === 0 ? -1 : names.charCodeAt(start - 1);
        const kind = kinds[index] as number;
        let sits: boolean;
        if (kind === CLASS_NAME) sits = (before === -1 || isSpace(before)) && (after === -1 || isSpace(after));
        else if (kind === WORD_END) sits = after === -1 || isEdge(after);
        else if (before !== -1 && !isEdge(before)) sits = false;
        else if (kind === WORD) sits = after === -1 || isEdge(after);
        else sits = runsToEdge(names, end);
        if (sits) found |= flag;
      }
    }
    return found;
  };
}

/** Roles compare whole and case-blind, as browsers read them. */
export function roleSet(roles: readonly string[]): (role: string) => boolean {
  const set = new Set(roles);
  return (role) => set.has(role.trim().toLowerCase());
}
