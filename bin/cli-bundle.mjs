// The monitor's TypeScript sources as esbuild bundles, cached in .build/, so a
// command starts without compiling them through tsx's loader first, and a fresh
// clone still needs no build step: the first command, and the first after an
// edit, builds them (about a second).
//
// .build/current.json names the current build and what it was made from: the
// size and times of every input. ctime counts too, because git and npm can put
// a file back with an old mtime. Each build has a directory of its own, named
// by its content: a command already running keeps the worker and supervisor
// files of the build it started from, and commands that rebuild at the same
// moment publish the same directory by an atomic rename.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bumped when current.json changes shape. */
const STAMP_FORMAT = 1;
const STAMP = 'current.json';
/** The build settings live here, so a change to this file is a change to every build. */
const THIS_FILE = fileURLToPath(import.meta.url);
/**
 * An input modified this close to the start of its build may have changed while esbuild read it;
 * it is recorded as unknown, so the next command builds again. (File times come from a coarser
 * clock than Date.now, and some file systems keep whole seconds.)
 */
const SETTLE_MS = 1000;
/** Superseded builds kept for commands still running from them (a `serve` restarts a crashed worker from its own build). */
const KEEP_SUPERSEDED = 3;
/** A scratch directory this old belongs to a build that died. */
const ABANDONED_SCRATCH_MS = 10 * 60 * 1000;
/** ESM output has no `require`; CommonJS packages bundled into it still call it. */
const REQUIRE_BANNER = "import { createRequire as __monitorCreateRequire } from 'node:module'; const require = __monitorCreateRequire(import.meta.url);";

/**
 * The CLI and the entries it starts as threads or processes. Each output lands beside the CLI
 * under the name its starter looks for beside its own module (`./content-worker.mjs`,
 * `./dynamo-supervisor.mjs`), so the bundled CLI starts bundled workers without knowing it is bundled.
 * @type {import('./cli-bundle.mjs').BundleSpec}
 */
export const MONITOR_BUNDLE = {
  root: PROJECT_ROOT,
  cacheDir: join(PROJECT_ROOT, '.build'),
  entries: {
    cli: 'lambdas/cli/main.ts',
    'content-worker': 'lambdas/adapters/content-worker.ts',
    'dynamo-supervisor': 'lambdas/local/dynamo-supervisor.ts',
  },
};

/** @param {import('./cli-bundle.mjs').BundleSpec} spec */
export function freshBundle(spec) {
  try {
    const stamp = JSON.parse(readFileSync(join(spec.cacheDir, STAMP), 'utf8'));
    if (stamp.format !== STAMP_FORMAT || JSON.stringify(stamp.entries) !== JSON.stringify(spec.entries)) return undefined;
    const dir = join(spec.cacheDir, stamp.build);
    for (const [name, size] of Object.entries(stamp.outputs)) {
      if (statSync(join(dir, name), { throwIfNoEntry: false })?.size !== size) return undefined;
    }
    for (const [path, size, mtimeMs, ctimeMs] of stamp.inputs) {
      const now = statSync(resolve(spec.root, path), { throwIfNoEntry: false });
      if (!now || now.size !== size || now.mtimeMs !== mtimeMs || now.ctimeMs !== ctimeMs) return undefined;
    }
    return dir;
  } catch {
    // No stamp, or one this code cannot read: build again.
    return undefined;
  }
}

/** @param {import('./cli-bundle.mjs').BundleSpec} spec */
export async function buildBundle(spec) {
  // First, so a checkout this user cannot write to gives up before loading esbuild.
  mkdirSync(spec.cacheDir, { recursive: true });
  const { build } = await import('esbuild');
  const started = Date.now();
  const scratch = join(spec.cacheDir, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const result = await build({
    absWorkingDir: spec.root,
    entryPoints: spec.entries,
    outdir: scratch,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages bundled too: one file parses faster than a thousand resolved one by one (0.24 s against 0.40 s for --help).
    banner: { js: REQUIRE_BANNER },
    // Read only with MONITOR_DEBUG, which prints stack traces (see bin/monitor.mjs).
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const files = result.outputFiles.map((file) => ({ name: relative(scratch, file.path), file }));
  const buildName = createHash('sha256')
    .update(files.map(({ name, file }) => `${name}:${file.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const outputs = Object.fromEntries(files.map(({ name, file }) => [name, file.contents.byteLength]));
  const dir = join(spec.cacheDir, buildName);
  try {
    mkdirSync(scratch);
    for (const { name, file } of files) writeFileSync(join(scratch, name), file.contents);
    publishDirectory(scratch, dir, files);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const stamp = {
    format: STAMP_FORMAT,
    build: buildName,
    entries: spec.entries,
    outputs,
    inputs: inputsOf(spec.root, Object.keys(result.metafile.inputs), started),
  };
  writeAtomically(join(spec.cacheDir, STAMP), JSON.stringify(stamp));
  removeSuperseded(spec.cacheDir, buildName);
  return dir;
}

/** The bundle to run: the cached one when it is fresh, else a new one; undefined when bundling failed. */
export async function currentBundle(/** @type {import('./cli-bundle.mjs').BundleSpec} */ spec, warn = defaultWarn) {
  const fresh = freshBundle(spec);
  if (fresh) return fresh;
  try {
    return await buildBundle(spec);
  } catch (error) {
    // A checkout this user may not write to runs from the sources, as it did before there was a cache.
    if (!isUnwritable(error)) warn(`could not bundle the sources (${firstLine(error)}); running them through tsx, which starts slower`);
    return undefined;
  } finally {
    // esbuild's service process would otherwise idle beside a `serve` for as long as it runs.
    await stopEsbuild();
  }
}

async function stopEsbuild() {
  try {
    await (await import('esbuild')).stop();
  } catch {
    // No esbuild to stop.
  }
}

/** After a bundle failed to load: the next command builds a new one instead of loading this one again. */
export function discardBundle(/** @type {import('./cli-bundle.mjs').BundleSpec} */ spec) {
  rmSync(join(spec.cacheDir, STAMP), { force: true });
}

function publishDirectory(scratch, dir, files) {
  try {
    renameSync(scratch, dir);
  } catch (error) {
    // Another command published the same build first: keep its copy, unless it has been damaged since.
    if (files.every(({ name, file }) => readIfThere(join(dir, name))?.equals(file.contents))) return;
    if (statSync(dir, { throwIfNoEntry: false }) === undefined) throw error;
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
  }
}

function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Each source file by its own times; a package by its package.json, which npm writes whenever
 * it installs the package's files, so a start stats a few hundred files instead of a thousand.
 * Besides what esbuild read, the settings it took from the project's package.json and tsconfig.json.
 */
function inputsOf(root, metafileInputs, started) {
  const paths = new Set([THIS_FILE, join(root, 'package.json'), join(root, 'tsconfig.json')]);
  for (const input of metafileInputs) {
    const path = resolve(root, input);
    const inPackage = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path);
    paths.add(inPackage ? join(inPackage[1] ?? '', 'package.json') : path);
  }
  const inputs = [];
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    // esbuild's own virtual inputs, and a project without a tsconfig.json, have no file to watch.
    if (!stats) continue;
    const settled = stats.mtimeMs < started - SETTLE_MS;
    inputs.push([relative(root, path), stats.size, settled ? stats.mtimeMs : -1, stats.ctimeMs]);
  }
  return inputs;
}

function writeAtomically(file, text) {
  const scratch = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(scratch, text);
  renameSync(scratch, file);
}

function removeSuperseded(cacheDir, current) {
  try {
    const now = Date.now();
    const entries = readdirSync(cacheDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== current)
      .map((entry) => ({ name: entry.name, mtimeMs: statSync(join(cacheDir, entry.name)).mtimeMs }));
    const scratch = entries.filter((entry) => entry.name.startsWith('.tmp-'));
    const builds = entries.filter((entry) => !entry.name.startsWith('.tmp-')).sort((a, b) => b.mtimeMs - a.mtimeMs);
    const doomed = [...scratch.filter((entry) => now - entry.mtimeMs > ABANDONED_SCRATCH_MS), ...builds.slice(KEEP_SUPERSEDED)];
    for (const entry of doomed) rmSync(join(cacheDir, entry.name), { recursive: true, force: true });
  } catch {
    // Tidying is best effort; another command may be tidying the same folder.
  }
}

function isUnwritable(error) {
  return error instanceof Error && 'code' in error && ['EACCES', 'EPERM', 'EROFS'].includes(String(error.code));
}

/** esbuild's own message starts "Build failed with 1 error:"; the error itself is in `errors`. */
function firstLine(error) {
  const built = error?.errors?.[0];
  if (built) return built.location ? `${built.location.file}:${built.location.line}: ${built.text}` : built.text;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function defaultWarn(line) {
  process.stderr.write(`monitor: ${line}\n`);
}
