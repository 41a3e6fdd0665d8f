// Diff engine benchmark: the spun seed pair (nearly every word differs) at
// 1x, 4x, 16x and 32x (~200 KB), 200 KB of text against 200 KB of unrelated
// text, and a one-sentence edit in a 200 KB article. Fails (exit 1) when any
// row's median exceeds the 50 ms bound the issue sets. The `coarse` column
// says whether a row had to fall back to a coarser alignment to keep it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffWords } from 'diff';
import { diffArticles } from '../lambdas/domain/diff/index';
import type { DiffSide } from '../lambdas/domain/diff/types';

const BOUND_MS = 50;
const RUNS = 25;
// Copies of seeds 000 (original) and 001 (spun) from the project's seed set.
const fixtures = fileURLToPath(new URL('../test/domain/diff/fixtures/', import.meta.url));

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function repeated(paragraphs: string[], times: number): DiffSide {
  return { title: '', byline: '', paragraphs: Array.from({ length: times }, () => paragraphs).flat() };
}

function sizeKb(side: DiffSide): number {
  return Buffer.byteLength(side.paragraphs.join('\n\n')) / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

interface Row {
  case: string;
  'KB before': string;
  'KB after': string;
  'median ms': string;
  'max ms': string;
  blocks: number;
  coarse: string;
  'chars +': number;
  'chars -': number;
  'jsdiff diffWords ms': string;
}

const rows: Row[] = [];
let failed = false;

function measure(name: string, before: DiffSide, after: DiffSide, jsdiffReference: boolean): void {
  diffArticles(before, after); // warm-up: JIT, not the steady state a Lambda reaches
  const times: number[] = [];
  let result = diffArticles(before, after);
  let coarseRuns = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    result = diffArticles(before, after);
    times.push(performance.now() - start);
    if (result.coarse) coarseRuns++;
  }
  let reference = '-';
  if (jsdiffReference) {
    const start = performance.now();
    diffWords(before.paragraphs.join('\n\n'), after.paragraphs.join('\n\n'));
    reference = (performance.now() - start).toFixed(0);
  }
  const medianMs = median(times);
  if (medianMs > BOUND_MS) failed = true;
  rows.push({
    case: name,
    'KB before': sizeKb(before).toFixed(1),
    'KB after': sizeKb(after).toFixed(1),
    'median ms': medianMs.toFixed(1),
    'max ms': Math.max(...times).toFixed(1),
    blocks: result.blocks.length,
    // How often the budget forced a coarser answer: it depends on how busy the machine is.
    coarse: coarseRuns === 0 ? 'no' : coarseRuns === RUNS ? 'yes' : `${coarseRuns}/${RUNS} runs`,
    'chars +': result.charsAdded,
    'chars -': result.charsRemoved,
    'jsdiff diffWords ms': reference,
  });
}

const original = paragraphsOf(readFileSync(`${fixtures}npr-original.txt`, 'utf8'));
const spun = paragraphsOf(readFileSync(`${fixtures}npr-spun.txt`, 'utf8'));
for (const times of [1, 4, 16, 32]) measure(`spun pair 000 vs 001, ${times}x`, repeated(original, times), repeated(spun, times), times === 1);

/** A small seeded generator (mulberry32), so every run diffs the same text. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * About `kilobytes` of prose that is about nothing: words drawn at random, as
 * often as they occur in the seed articles, so the common words are shared with
 * any other such text (the worst case for pairing sentences), yet no sentence is.
 */
function unrelatedText(kilobytes: number, seed: number): DiffSide {
  const vocabulary = [...original, ...spun]
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, ''))
    .filter(Boolean);
  const random = randomSource(seed);
  const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'word';
  const paragraphs: string[] = [];
  let bytes = 0;
  while (bytes < kilobytes * 1024) {
    const sentences: string[] = [];
    for (let s = 2 + Math.floor(random() * 4); s > 0; s--) {
      const words = Array.from({ length: 8 + Math.floor(random() * 20) }, pick);
      const first = words[0] ?? '';
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(`${words.join(' ')}.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  return { title: '', byline: '', paragraphs };
}
measure('200 KB vs 200 KB of unrelated text', unrelatedText(200, 1), unrelatedText(200, 2), false);

// A realistic edit: one figure and one quoted word changed mid-article, in ~200 KB of text.
const bigTimes = Math.ceil((200 * 1024) / Buffer.byteLength(original.join('\n\n')));
const big = repeated(original, bigTimes);
const edited = structuredClone(big);
const middle = Math.floor(edited.paragraphs.length / 2);
edited.paragraphs[middle] = `${edited.paragraphs[middle] ?? ''} Officials said 12 people were hurt.`.replace(/the /, 'a ');
measure(`small edit in a ${sizeKb(big).toFixed(0)} KB article`, big, edited, false);

console.table(rows);
console.log(`bound: median <= ${BOUND_MS} ms per diff (${RUNS} runs after one warm-up); ${failed ? 'FAILED' : 'ok'}`);
if (failed) process.exitCode = 1;
