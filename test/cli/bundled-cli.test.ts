// `monitor` as a fresh clone runs it: bin/monitor.mjs in a copy of the project
// with no .build/ yet. It bundles the sources on the first command, runs an
// edit on the next one, and still runs when its bundle is damaged.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import type { ContentAnswer, ContentTask } from '../../lambdas/adapters/worker-content-work';

const PROJECT = resolve('.');
const PAGE = `<html><head><title>Copy</title></head><body><article><p>${'Words of the story. '.repeat(20)}</p></article></body></html>`;

/** A copy of the sources; its node_modules links to this checkout's packages, all or all but `without`. */
function freshClone(without?: string): string {
  const clone = mkdtempSync(join(tmpdir(), 'bundled-cli-'));
  // Their times kept: sources written a moment before a build get built again by the next command, in case they changed during it.
  for (const part of ['bin', 'lambdas', 'package.json', 'tsconfig.json']) {
    cpSync(join(PROJECT, part), join(clone, part), { recursive: true, preserveTimestamps: true });
  }
  const packages = realpathSync(join(PROJECT, 'node_modules'));
  if (without === undefined) {
    symlinkSync(packages, join(clone, 'node_modules'));
  } else {
    mkdirSync(join(clone, 'node_modules'));
    for (const name of readdirSync(packages)) {
      if (name !== without && name !== '.bin' && name !== '.cache') symlinkSync(join(packages, name), join(clone, 'node_modules', name));
    }
  }
  return clone;
}

async function monitor(clone: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(clone, 'bin', 'monitor.mjs'), ...argv], { cwd: clone });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

function currentBuild(clone: string): string {
  return join(clone, '.build', JSON.parse(readFileSync(join(clone, '.build', 'current.json'), 'utf8')).build);
}

it('bundles the sources on the first command, and runs an edit on the next one', async () => {
  const clone = freshClone();
  const first = await monitor(clone, '--help');
  expect(first).toMatchObject({ code: 0, err: '' });
  expect(first.out).toMatch(/^usage: monitor <command> \[options\]\n/);
  const built = currentBuild(clone);
  expect(readdirSync(built)).toEqual(expect.arrayContaining(['cli.mjs', 'content-worker.mjs', 'dynamo-supervisor.mjs']));

  const args = join(clone, 'lambdas', 'cli', 'args.ts');
  writeFileSync(args, readFileSync(args, 'utf8').replace('usage: monitor <command> [options]', 'usage: monitor <command> [options] (edited)'));
  const edited = await monitor(clone, '--help');
  expect(edited).toMatchObject({ code: 0, err: '' });
  expect(edited.out).toMatch(/^usage: monitor <command> \[options\] \(edited\)\n/);
  expect(currentBuild(clone)).not.toBe(built);
});

it('runs from the sources when its bundle fails to load, and builds a whole one for the next command', async () => {
  const clone = freshClone();
  expect((await monitor(clone, '--help')).code).toBe(0);
  // The same size, so only loading it finds the damage.
  const cli = join(currentBuild(clone), 'cli.mjs');
  writeFileSync(cli, "throw new Error('damaged');".padEnd(statSync(cli).size, ' '));

  const damaged = await monitor(clone, '--help');
  expect(damaged.code).toBe(0);
  expect(damaged.out).toMatch(/^usage: monitor/);
  expect(damaged.err).toMatch(/^monitor: the bundled sources in .* failed to load \(damaged\); running them through tsx\n$/);

  const next = await monitor(clone, '--help');
  expect(next).toMatchObject({ code: 0, err: '' });
  expect(readFileSync(join(currentBuild(clone), 'cli.mjs'), 'utf8')).not.toMatch(/damaged/);
});

it('commands started at once on a fresh clone all run, and leave one bundle', async () => {
  const clone = freshClone();
  const runs = await Promise.all([1, 2, 3, 4].map(() => monitor(clone, '--help')));
  for (const run of runs) {
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^usage: monitor/);
  }
  expect(readdirSync(join(clone, '.build')).sort()).toEqual([currentBuild(clone).slice(clone.length + '/.build/'.length), 'current.json'].sort());
});

it('the bundled CLI and its content worker need no tsx', async () => {
  const clone = freshClone('tsx');
  writeFileSync(join(clone, 'page.html'), PAGE);
  const extract = await monitor(clone, 'extract', join(clone, 'page.html'));
  expect(extract).toMatchObject({ code: 0, err: '' });
  expect(JSON.parse(extract.out.trim())).toMatchObject({ title: 'Copy' });

  // The worker beside the bundled CLI: the one `./content-worker.mjs` names from inside it.
  const worker = new Worker(join(currentBuild(clone), 'content-worker.mjs'));
  try {
    const answer = await new Promise<ContentAnswer>((done, fail) => {
      worker.on('error', fail);
      worker.on('message', (message: ContentAnswer | { ready: true }) => {
        if ('ready' in message) worker.postMessage({ id: 1, page: { text: PAGE }, url: 'https://example.com/story', rules: undefined } satisfies ContentTask);
        else done(message);
      });
    });
    expect(answer).toMatchObject({ id: 1, reading: expect.anything() });
    expect(JSON.stringify(answer)).toMatch(/Words of the story/);
  } finally {
    await worker.terminate();
  }
});
