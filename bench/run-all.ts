// `npm run bench`: every benchmark, one after another. Exits non-zero if any
// benchmark misses its target.
import { spawnSync } from 'node:child_process';

const benches: Array<[string, string]> = [
  ['diff (target: <= 50 ms for texts up to 200 KB)', 'bench/diff.ts'],
  ['extraction (targets: F1 >= 0.95, median <= 3 ms, p95 <= 10 ms)', 'bench/extract.ts'],
];

let failed = 0;
for (const [title, script] of benches) {
  console.log(`\n=== ${title}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
