// One hostile shape, extracted in a fresh process so its time and memory are
// its own: `tsx bench/hostile-worker.ts <shape index>` prints one JSON line
// { name, ms, outcome, detail, rssMB } (rssMB: how far the process's peak
// resident memory grew while extracting). bench/extract.ts runs it
// under a time limit, so a shape that stalls cannot stall the bench.
import { performance } from 'node:perf_hooks';
import { threadCpuClock } from '../lambdas/adapters/thread-cpu-clock';
import { extractPage } from '../lambdas/domain/extract/index';
import { HOSTILE_SHAPES, STORY } from '../test/fixtures/extract/hostile';
import { PROSE, pageWith } from '../test/fixtures/extract/prose';

const shape = HOSTILE_SHAPES[Number(process.argv[2])];
if (!shape) {
  console.error(`hostile-worker: no shape ${process.argv[2]}`);
  process.exit(2);
}

// Warm the extractor up on an ordinary page first, so the figures are the shape's alone.
for (let i = 0; i < 20; i++) extractPage(pageWith(PROSE.map((p) => `<p>${p}</p>`).join('')));
const html = shape.build();
const rssBefore = process.resourceUsage().maxRSS;
const start = performance.now();
// On the budget's clock the product reads pages with (adapters/page-source.ts).
const result = extractPage(html, undefined, undefined, { cpuClock: threadCpuClock });
const ms = performance.now() - start;
const rssGrowth = (process.resourceUsage().maxRSS - rssBefore) / 1024;
const detail =
  result.kind === 'rejected'
    ? result.reason
    : `${result.article.text.length} characters, story ${STORY.every((p) => result.article.paragraphs.includes(p)) ? 'found' : 'missing'}`;
console.log(JSON.stringify({ name: shape.name, ms, outcome: result.kind, detail, rssMB: rssGrowth, htmlMB: html.length / 1e6 }));
