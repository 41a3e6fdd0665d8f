// Where the shared WCXB dev set is: beside the checkout (../shared), or beside the
// folder of worktrees (../../shared); WCXB_DEV_SET names it anywhere else.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function devSetFolder(bench: string): string {
  const candidates = [
    process.env.WCXB_DEV_SET,
    resolve(repoRoot, '..', 'shared', 'datasets', 'wcxb-dev-article'),
    resolve(repoRoot, '..', '..', 'shared', 'datasets', 'wcxb-dev-article'),
  ].filter((candidate): candidate is string => candidate !== undefined);
  const found = candidates.find((candidate) => existsSync(resolve(candidate, 'html')));
  if (found === undefined) {
    console.error(`${bench}: no WCXB dev set (a folder with html/) at ${candidates.join(' or ')}; set WCXB_DEV_SET`);
    process.exit(2);
  }
  return found;
}
