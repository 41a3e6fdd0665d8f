// One hostile shape, extracted in a fresh process so its time and memory are
// its own: `tsx bench/hostile-worker.ts <shape index>` prints one JSON line
// { name, ms, outcome, detail, warmMs, warmOutcome, rssMB } (ms and outcome:
// the first extraction of the page; warmMs: the best of two more; rssMB: how far
// the process's peak resident memory grew during the first). bench/extract.ts runs it
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
// On the budget's clock the product reads pages with (adapters/page-source.ts).
const extractOnce = () => {
  const start = performance.now();
  const result = extractPage(html, undefined, undefined, { cpuClock: threadCpuClock });
  return { result, ms: performance.now() - start };
};
const describe = (result: ReturnType<typeof extractPage>): string =>
  result.kind === 'rejected'
    ? result.reason
    : `${result.article.text.length} characters, story ${STORY.every((p) => result.article.paragraphs.includes(p)) ? 'found' : 'missing'}`;
const rssBefore = process.resourceUsage().maxRSS;
const cold = extractOnce();
const rssGrowth = (process.resourceUsage().maxRSS - rssBefore) / 1024;
// A worker that has read pages for a while has this page's code paths compiled and its heap grown: the same page twice more.
const warm = [extractOnce(), extractOnce()].sort((a, b) => a.ms - b.ms)[0] ?? cold;
console.log(
  JSON.stringify({
    name: shape.name,
    ms: cold.ms,
    outcome: cold.result.kind,
    detail: describe(cold.result),
    warmMs: warm.ms,
    warmOutcome: warm.result.kind,
    rssMB: rssGrowth,
    htmlMB: html.length / 1e6,
  }),
);
