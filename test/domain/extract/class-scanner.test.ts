// The class-word scanner answers exactly as the regular expressions that
// define the ClassWords keys (classWordMatcher), on the dev set's kinds of
// names and on the edge cases of those rules, and hints.ts reads names with it.
import { describe, expect, it } from 'vitest';
import {
  CLASS_BYLINE,
  CLASS_CHROME,
  CLASS_DISCUSSION,
  CLASS_MAYBE_CONTENT,
  CLASS_UNLIKELY,
  classWeight,
  classWords,
} from '../../../lambdas/domain/extract/hints';
import { classWordMatcher, classWordScanner } from '../../../lambdas/domain/extract/vocabulary/class-matcher';
import * as classNames from '../../../lambdas/domain/extract/vocabulary/class-names';
import type { ClassWords } from '../../../lambdas/domain/extract/vocabulary/class-names';
import { expand } from '../../../lambdas/domain/extract/vocabulary/notation';

const LISTS: Array<[string, ClassWords]> = Object.entries(classNames).filter(
  (entry): entry is [string, ClassWords] => typeof entry[1] === 'object' && !Array.isArray(entry[1]),
);
const ALL: Array<readonly [ClassWords, number]> = LISTS.map(([, words], index) => [words, 1 << index] as const);
const MATCHERS = ALL.map(([words, flag]) => [classWordMatcher(words), flag] as const);

function byRegex(names: string): number {
  let found = 0;
  for (const [matcher, flag] of MATCHERS) if (matcher.test(names)) found |= flag;
  return found;
}

const scanAll = classWordScanner(ALL);

/** Deterministic pseudo-random numbers (mulberry32), so a failure names a string that fails again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHRASES = [...new Set(LISTS.flatMap(([, words]) => Object.values(words).flatMap((entries: readonly string[]) => entries.flatMap(expand))))];

/** What may stand next to a phrase: each kind of edge, word characters, other ASCII and non-ASCII characters. */
const NEIGHBOURS = [
  '',
  ' ',
  '-',
  '_',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\ufeff',
  'x',
  'X',
  '9',
  '.',
  ':',
  '/',
  'é',
  'İ',
  'ſ',
  '\u212a',
  'ad',
  'per',
  '_x',
  'er-',
];

function casings(phrase: string): string[] {
  const mixed = [...phrase].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join('');
  return [phrase, phrase.toUpperCase(), mixed];
}

function edgeCases(): string[] {
  const names = ['', ' ', '   ', '\t\n', '\u00a0', '-', '_', '--', '__', '- _', 'x9 q7', 'row', 'container', 'é', 'İ'];
  for (const phrase of PHRASES) {
    for (const cased of casings(phrase)) {
      for (const before of NEIGHBOURS) for (const after of NEIGHBOURS) names.push(`${before}${cased}${after}`);
      // A phrase cut short or run together with another.
      names.push(cased.slice(0, -1), cased.slice(1), `${cased}${cased}`);
    }
  }
  return names;
}

function randomNames(count: number): string[] {
  const next = random(20260601);
  const pieces = [...PHRASES, ...NEIGHBOURS, 'main', 'wrap', 'box', 'top', 'ad', 'tag', 'hid', 'toc', 'by', 'line', 's', 'ſ', 'K'];
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    let name = '';
    const parts = 1 + Math.floor(next() * 5);
    for (let p = 0; p < parts; p++) {
      let piece = pieces[Math.floor(next() * pieces.length)] as string;
      if (next() < 0.2) piece = piece.toUpperCase();
      // Now and then cut a piece, so near misses are tried too.
      if (next() < 0.2 && piece.length > 1) piece = piece.slice(0, 1 + Math.floor(next() * (piece.length - 1)));
      name += piece;
    }
    names.push(name);
  }
  return names;
}

describe('the class-word scanner', () => {
  it('answers as the regular expressions do on the edge cases of every rule', () => {
    const names = edgeCases();
    expect(names.length).toBeGreaterThan(10_000);
    expect(names.filter((name) => scanAll(name) !== byRegex(name))).toEqual([]);
  });

  it('answers as the regular expressions do on random names made of the lists', () => {
    const names = randomNames(30_000);
    expect(names.filter((name) => scanAll(name) !== byRegex(name))).toEqual([]);
  });

  it.each(LISTS)('answers for %s alone as its regular expression does', (_list, words) => {
    const scan = classWordScanner([[words, 1]]);
    const matcher = classWordMatcher(words);
    const names = [...edgeCases().slice(0, 20_000), ...randomNames(5_000)];
    expect(names.filter((name) => scan(name) !== (matcher.test(name) ? 1 : 0))).toEqual([]);
  });

  it('reads each key with its own edges', () => {
    const chrome = (name: string): boolean => classWords(name, CLASS_CHROME) !== 0;
    // words: an edge both sides.
    expect(chrome('ad')).toBe(true);
    expect(chrome('top-ad_slot')).toBe(true);
    expect(chrome('AD-BOX')).toBe(true);
    expect(chrome('head')).toBe(false);
    expect(chrome('lead-in')).toBe(false);
    // wordStarts: an edge before, then letters, digits or "_" up to an edge.
    expect(chrome('adwrapper')).toBe(true);
    expect(chrome('x adwrapper_top')).toBe(true);
    expect(chrome('adwrapper-top')).toBe(true);
    expect(chrome('adwrapper.top')).toBe(false);
    expect(chrome('xadwrap')).toBe(false);
    // wordEnds: an edge after only.
    expect(chrome('post-tags')).toBe(true);
    expect(chrome('posttags')).toBe(true);
    expect(chrome('tagsearch')).toBe(false);
    expect(chrome('article-toc')).toBe(true);
    expect(chrome('tocs')).toBe(false);
    // classNames: a whole class between whitespace.
    expect(chrome('hidden')).toBe(true);
    expect(chrome('btn is-hidden')).toBe(true);
    expect(chrome('u-hidden\u00a0x')).toBe(true);
    expect(chrome('hidden-xs')).toBe(false);
    expect(chrome('x_hidden')).toBe(false);
    // anywhere: inside longer names too.
    expect(chrome('top-advert-box')).toBe(true);
    expect(chrome('SOCIALBAR')).toBe(true);
  });

  it('says what a reader would expect of common names', () => {
    expect(classWords('sidebar', CLASS_UNLIKELY)).toBe(CLASS_UNLIKELY);
    expect(classWords('site-footer', CLASS_UNLIKELY)).toBe(CLASS_UNLIKELY);
    expect(classWords('head-ads-box', CLASS_UNLIKELY)).toBe(CLASS_UNLIKELY);
    expect(classWords('roads', CLASS_UNLIKELY)).toBe(0);
    expect(classWords('article-header', CLASS_UNLIKELY | CLASS_MAYBE_CONTENT)).toBe(CLASS_UNLIKELY | CLASS_MAYBE_CONTENT);
    expect(classWords('entry-content', CLASS_MAYBE_CONTENT | CLASS_UNLIKELY)).toBe(CLASS_MAYBE_CONTENT);
    expect(classWords('comment-list', CLASS_DISCUSSION)).toBe(CLASS_DISCUSSION);
    expect(classWords('author-name', CLASS_BYLINE)).toBe(CLASS_BYLINE);
    expect(classWords('bylines', CLASS_BYLINE)).toBe(CLASS_BYLINE);
    expect(classWords('authorname', CLASS_BYLINE)).toBe(CLASS_BYLINE);
    expect(classWords('coauthor-name', CLASS_BYLINE)).toBe(0);
    expect(classWeight('entry-content')).toBe(25);
    expect(classWeight('sidebar')).toBe(-25);
    expect(classWeight('post-comments')).toBe(0);
    expect(classWeight('row')).toBe(0);
    expect(classWeight('x hid')).toBe(-25);
    expect(classWeight('hide')).toBe(0);
    // Only the questions asked are answered.
    expect(classWords('sidebar', CLASS_BYLINE)).toBe(0);
  });

  it('folds ASCII case only, as the i flag without u does', () => {
    const unlikely = (name: string): boolean => classWords(name, CLASS_UNLIKELY) !== 0;
    expect(unlikely('SideBar')).toBe(true);
    // The long s and the Kelvin sign upper-case to ASCII letters, which the regular expressions never take for them.
    expect(unlikely('ſidebar')).toBe(false);
    expect(unlikely('coo\u212aie')).toBe(false);
    expect(unlikely('')).toBe(false);
    expect(unlikely('   ')).toBe(false);
  });

  it('refuses lists it cannot read as plain names', () => {
    expect(() => classWordScanner([[{ anywhere: ['share on <word>'] }, 1]])).toThrow(/placeholder/);
    expect(() => classWordScanner([[{ anywhere: ['{,x}'] }, 1]])).toThrow(/empty/);
    expect(() => classWordScanner([[{ anywhere: ['café'] }, 1]])).toThrow(/ASCII/);
    expect(() => classWordScanner([[{}, 1]])).toThrow(/empty class-word list/);
  });
});
