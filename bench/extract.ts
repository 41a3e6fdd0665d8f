// `npm run bench:extract`: scores the extractor on the shared article dev set
// with the shared evaluator (article-extraction-benchmark metric), in-process,
// and prints its report. Extra arguments (--limit N, --show-worst K) pass through.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The shared folder sits beside the repository, in a checkout as on the build machine.
const shared = resolve(repoRoot, '..', 'shared');
const evaluator = join(shared, 'bench', 'extraction', 'eval.mjs');
const dataset = join(shared, 'datasets', 'wcxb-dev-article');
const module = join(repoRoot, 'lambdas', 'domain', 'extract', 'index.ts');

for (const [what, path] of [
  ['evaluator', evaluator],
  ['dataset', join(dataset, 'ground-truth.json')],
] as const) {
  if (!existsSync(path)) {
    console.error(`bench:extract: the ${what} is missing (${path}); the shared folder must sit beside the repository as ../shared`);
    process.exit(2);
  }
}

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const result = spawnSync(tsx, [evaluator, '--data', dataset, '--module', module, ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`bench:extract: could not run the evaluator: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status ?? 1);
