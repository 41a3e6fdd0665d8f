// `npm run bench:signatures`: how many dev-set pages an unchanged check knows
// from their signature alone. Each page is read once with one request's noise
// (bench/page-noise.ts), signed, and checked against the same page with the
// next request's noise: a signature that does not hold means the page is
// decoded and read whole at every check (still correct, only slower).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readPage } from '../lambdas/domain/page-reading';
import { readsAsSources } from '../lambdas/domain/page-signature';
import { devSetFolder } from './dev-set';
import { withRequestNoise } from './page-noise';

const dataset = devSetFolder('bench:signatures');
const ids = Object.keys(JSON.parse(readFileSync(join(dataset, 'ground-truth.json'), 'utf8')) as Record<string, unknown>).sort();
let read = 0;
let signed = 0;
let holding = 0;
let checkMs = 0;
for (const id of ids) {
  const html = gunzipSync(readFileSync(join(dataset, 'html', `${id}.html.gz`))).toString('utf8');
  const url = `http://site-${id}.test/articles/${id}`;
  const reading = readPage(withRequestNoise(html, 1), url);
  if (reading.kind !== 'read') continue;
  read++;
  if (reading.sources === null) continue;
  signed++;
  const next = Buffer.from(withRequestNoise(html, 2), 'utf8');
  const start = performance.now();
  if (readsAsSources(next, url, reading.sources)) holding++;
  checkMs += performance.now() - start;
}
console.log(
  `pages ${ids.length}, read ${read}, signed ${signed}, signature holds under fresh noise ${holding} (${((100 * holding) / ids.length).toFixed(1)}% of pages)`,
);
console.log(`checking a signature: mean ${(checkMs / Math.max(1, signed)).toFixed(3)} ms (first check of each page, code still warming)`);
