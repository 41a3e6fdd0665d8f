// The cache of bundled sources that bin/monitor.mjs runs (bin/cli-bundle.mjs),
// over a small project in a temporary folder: a bundle is used while nothing it
// was built from has changed, and built again as soon as something has.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildBundle, currentBundle, freshBundle, type BundleSpec } from '../../bin/cli-bundle.mjs';

/** Written an hour ago, as sources are by the time anyone runs them. */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

function project(words: string): BundleSpec {
  const root = mkdtempSync(join(tmpdir(), 'bundle-cache-'));
  writeFileSync(join(root, 'main.ts'), "import { words } from './words.ts';\nconst said: string = words;\nconsole.log(said);\n");
  writeFileSync(join(root, 'words.ts'), `export const words = '${words}';\n`);
  for (const file of ['main.ts', 'words.ts']) utimesSync(join(root, file), AN_HOUR_AGO, AN_HOUR_AGO);
  return { root, cacheDir: join(root, '.build'), entries: { cli: 'main.ts' } };
}

function run(dir: string): string {
  return spawnSync(process.execPath, [join(dir, 'cli.mjs')], { encoding: 'utf8' }).stdout.trim();
}

it('uses a bundle until a source changes, even one put back with its old size and mtime, then builds one with the change', async () => {
  const spec = project('alpha');
  const first = await buildBundle(spec);
  expect(run(first)).toBe('alpha');
  expect(freshBundle(spec)).toBe(first);

  // Same length, and the old mtime restored, as git or npm can leave a file: only its ctime tells.
  writeFileSync(join(spec.root, 'words.ts'), "export const words = 'omega';\n");
  utimesSync(join(spec.root, 'words.ts'), AN_HOUR_AGO, AN_HOUR_AGO);
  expect(freshBundle(spec)).toBeUndefined();

  const second = await currentBundle(spec);
  expect(second).toBeDefined();
  expect(run(second as string)).toBe('omega');
  expect(freshBundle(spec)).toBe(second);
});

it('builds again next time when a source was written just before its build, as it may have changed while esbuild read it', async () => {
  const spec = project('alpha');
  writeFileSync(join(spec.root, 'words.ts'), "export const words = 'fresh';\n");
  const built = await buildBundle(spec);
  expect(run(built)).toBe('fresh');
  expect(freshBundle(spec)).toBeUndefined();
});

it('does not run a damaged bundle or a damaged record of it: it builds a whole one', async () => {
  const spec = project('alpha');
  const built = await buildBundle(spec);
  truncateSync(join(built, 'cli.mjs'), 10);
  expect(freshBundle(spec)).toBeUndefined();
  const rebuilt = await currentBundle(spec);
  expect(run(rebuilt as string)).toBe('alpha');

  writeFileSync(join(spec.cacheDir, 'current.json'), '{"format":1,"build":');
  expect(freshBundle(spec)).toBeUndefined();
  expect(run((await currentBundle(spec)) as string)).toBe('alpha');
});

it('says why when the sources do not bundle, and leaves them to be run as they are', async () => {
  const spec = project('alpha');
  writeFileSync(join(spec.root, 'words.ts'), 'export const words = ;\n');
  const warnings: string[] = [];
  expect(await currentBundle(spec, (line) => warnings.push(line))).toBeUndefined();
  expect(warnings).toEqual([expect.stringMatching(/could not bundle the sources \(words\.ts:1: .*\); running them through tsx/)]);
  expect(freshBundle(spec)).toBeUndefined();
});

it('builds racing for one cache all publish one whole bundle and leave no scratch behind', async () => {
  const spec = project('alpha');
  const dirs = await Promise.all([1, 2, 3, 4].map(() => buildBundle(spec)));
  expect(new Set(dirs).size).toBe(1);
  const [dir] = dirs as [string];
  expect(run(dir)).toBe('alpha');
  expect(freshBundle(spec)).toBe(dir);
  expect(readdirSync(spec.cacheDir).sort()).toEqual([dir.slice(spec.cacheDir.length + 1), 'current.json'].sort());
  expect(JSON.parse(readFileSync(join(spec.cacheDir, 'current.json'), 'utf8')).outputs['cli.mjs']).toBe(statSync(join(dir, 'cli.mjs')).size);
});
