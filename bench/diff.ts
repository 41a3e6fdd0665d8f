// Diff engine benchmark: the spun seed pair (nearly every word differs) at
// 1x, 4x and 16x, and a one-sentence edit in a 200 KB article. Fails (exit 1)
// when any row's median exceeds the 50 ms bound the issue sets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffWords } from 'diff';
import { diffArticles } from '../lambdas/domain/diff/index';
import type { DiffSide } from '../lambdas/domain/diff/types';

const BOUND_MS = 50;
const RUNS = 25;
// Copies of seeds 000 (original) and 001 (spun) from the project's seed set.
const fixtures = fileURLToPath(new URL('../test/diff/fixtures/', import.meta.url));

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
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    result = diffArticles(before, after);
    times.push(performance.now() - start);
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
    coarse: result.coarse ? 'yes' : 'no',
    'chars +': result.charsAdded,
    'chars -': result.charsRemoved,
    'jsdiff diffWords ms': reference,
  });
}

const original = paragraphsOf(readFileSync(`${fixtures}npr-original.txt`, 'utf8'));
const spun = paragraphsOf(readFileSync(`${fixtures}npr-spun.txt`, 'utf8'));
for (const times of [1, 4, 16]) measure(`spun pair 000 vs 001, ${times}x`, repeated(original, times), repeated(spun, times), times === 1);

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
