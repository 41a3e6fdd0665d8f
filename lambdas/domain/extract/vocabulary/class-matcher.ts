// Compiles a ClassWords list into one case-insensitive test of a class or id
// string, so each concept costs one scan of the name.
import type { ClassWords } from './class-names';
import { anyOf, compile } from './notation';

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

/** Roles compare whole and case-blind, as browsers read them. */
export function roleSet(roles: readonly string[]): (role: string) => boolean {
  const set = new Set(roles);
  return (role) => set.has(role.trim().toLowerCase());
}
