// `npm run bench:extract`: the extractor on the shared article dev set,
// scored with the shared article-extraction-benchmark metric, and timed page
// by page in this process, beside a rival measured in the same run (cheerio's
// htmlparser2 parse of the same page, nothing else) because absolute times
// drift with the machine's load. Then the hostile pages, each in a process of
// its own under a time limit. Options: --limit N, --rounds R (timing rounds,
// best per page; default 3), --show-worst K, --no-hostile.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio/slim';
import { extract } from '../lambdas/domain/extract/index';
import { HOSTILE_SHAPES } from '../test/fixtures/extract/hostile';

interface MetricModule {
  evaluate(
    truth: Record<string, { articleBody: string }>,
    prediction: Record<string, { articleBody: string }>,
    options: { nBootstrap: number },
  ): {
    f1: number;
    precision: number;
    recall: number;
    f1_std: number;
    emptyPredictions: number;
  };
  shingleMatch(truth: string, prediction: string): [number, number, number];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder sits beside the checkout (../shared), or beside the folder of worktrees (../../shared). */
function sharedFolder(): string {
  for (const candidate of [resolve(repoRoot, '..', 'shared'), resolve(repoRoot, '..', '..', 'shared')]) {
    if (existsSync(join(candidate, 'bench', 'extraction', 'metric.mjs'))) return candidate;
  }
  console.error(`bench:extract: no shared folder with bench/extraction/metric.mjs beside ${repoRoot} (looked in ../shared and ../../shared)`);
  process.exit(2);
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`bench:extract: --${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

function percentiles(times: number[]): { mean: number; median: number; p95: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { mean: times.reduce((sum, t) => sum + t, 0) / times.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

const shared = sharedFolder();
const dataset = join(shared, 'datasets', 'wcxb-dev-article');
const metric = (await import(pathToFileURL(join(shared, 'bench', 'extraction', 'metric.mjs')).href)) as MetricModule;
const truth = JSON.parse(readFileSync(join(dataset, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
let ids = Object.keys(truth).sort();
const limit = option('limit', 0);
if (limit > 0) ids = ids.slice(0, limit);
const decoder = new TextDecoder('utf-8');
const pages = ids.map((id) => ({ id, url: truth[id]?.url, html: decoder.decode(gunzipSync(readFileSync(join(dataset, 'html', `${id}.html.gz`)))) }));

// Warm-up, so the figures are of compiled code.
for (const page of pages.slice(0, 20)) {
  extract(page.html, page.url);
  load(page.html, { xml: { xmlMode: false } });
}

const rounds = Math.max(1, option('rounds', 3));
const extractMs = pages.map(() => Number.POSITIVE_INFINITY);
const parseMs = pages.map(() => Number.POSITIVE_INFINITY);
const texts: string[] = [];
let cpuExtractMs = 0;
// Each round times the extractor over every page, then the rival over every
// page: run one after the other page by page, each one's garbage was
// collected inside the other's timings. Rounds alternate, so drift in the
// machine's load still falls on both.
for (let round = 0; round < rounds; round++) {
  pages.forEach((page, index) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const article = extract(page.html, page.url);
    extractMs[index] = Math.min(extractMs[index] ?? Number.POSITIVE_INFINITY, performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuExtractMs += (used.user + used.system) / 1000;
    if (round === 0) texts.push(article.text);
  });
  pages.forEach((page, index) => {
    const start = performance.now();
    load(page.html, { xml: { xmlMode: false } });
    parseMs[index] = Math.min(parseMs[index] ?? Number.POSITIVE_INFINITY, performance.now() - start);
  });
}

const truthBodies = Object.fromEntries(ids.map((id) => [id, { articleBody: truth[id]?.articleBody ?? '' }]));
const predictions = Object.fromEntries(ids.map((id, index) => [id, { articleBody: texts[index] ?? '' }]));
const score = metric.evaluate(truthBodies, predictions, { nBootstrap: 200 });
const perPage = ids.map((id, index) => {
  const [tp, fp, fn] = metric.shingleMatch(truth[id]?.articleBody ?? '', texts[index] ?? '');
  return { id, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), truthChars: (truth[id]?.articleBody ?? '').length, url: truth[id]?.url ?? '' };
});
const catastrophic = perPage.filter((page) => page.truthChars >= 500 && page.f1 < 0.2);

const f = (x: number, digits = 3): string => x.toFixed(digits);
const t = percentiles(extractMs);
const p = percentiles(parseMs);
console.log(`pages ${pages.length}, empty outputs ${score.emptyPredictions}`);
console.log(`F1 ${f(score.f1)} ± ${f(score.f1_std)}  precision ${f(score.precision)}  recall ${f(score.recall)}`);
console.log(`pages with >= 500 characters of ground truth scoring F1 < 0.2: ${catastrophic.length}`);
for (const page of catastrophic) console.log(`  ${page.id}  F1 ${f(page.f1)}  ${page.url}`);
console.log(`ms/page, best of ${rounds} rounds per page:`);
console.log(`  extract  mean ${f(t.mean, 2)}  median ${f(t.median, 2)}  p95 ${f(t.p95, 2)}  p99 ${f(t.p99, 2)}  max ${f(t.max, 1)}`);
console.log(
  `  rival (cheerio/htmlparser2 parse only)  mean ${f(p.mean, 2)}  median ${f(p.median, 2)}  p95 ${f(p.p95, 2)}  p99 ${f(p.p99, 2)}  max ${f(p.max, 1)}`,
);
console.log(
  `  extract / parse-only: mean ${f(t.mean / p.mean, 2)}, p99 ${f(t.p99 / p.p99, 2)}; extract CPU time ${f(cpuExtractMs / rounds / pages.length, 2)} ms/page`,
);
const worst = option('show-worst', 0);
for (const page of [...perPage].sort((a, b) => a.f1 - b.f1).slice(0, worst)) console.log(`  worst ${page.id}  F1 ${f(page.f1)}  ${page.url}`);

if (!process.argv.includes('--no-hostile')) {
  console.log('hostile pages (each in its own process, stopped after 60 s):');
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  HOSTILE_SHAPES.forEach((shape, index) => {
    const run = spawnSync(tsx, [join(repoRoot, 'bench', 'hostile-worker.ts'), String(index)], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.error || run.status !== 0 || !line.startsWith('{')) {
      console.log(`  ${shape.name}: did not finish (${run.error ? 'stopped after 60 s' : `exit ${run.status}`})`);
      return;
    }
    const result = JSON.parse(line) as { ms: number; outcome: string; detail: string; warmMs: number; warmOutcome: string; rssMB: number; htmlMB: number };
    console.log(
      `  ${shape.name} (${f(result.htmlMB, 2)} MB): ${f(result.ms, 1)} ms, ${result.outcome} (${result.detail}), peak memory +${f(result.rssMB, 0)} MB; read again: ${f(result.warmMs, 1)} ms, ${result.warmOutcome}`,
    );
  });
}
