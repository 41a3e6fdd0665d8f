// Ctrl+C as a terminal sends it: SIGINT to the whole foreground process group,
// the monitor and the DynamoDB Local it started alike. The monitor must stop
// starting checks, finish the ones under way against a database that is still
// there, say what was done, and exit 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let dir: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  dir = mkdtempSync(join(tmpdir(), 'interrupt-'));
  // Checks one request at a time, 0.8 s apart: by the first progress line (2 s) only two or three have
  // ended, so the pool has not started them all. Watching goes at full speed.
  writeFileSync(join(dir, 'monitor.config.json'), JSON.stringify({ politeness: { perHostConcurrency: 1, perHostGap: '800ms' } }));
  writeFileSync(join(dir, 'fast.json'), JSON.stringify({ politeness: { perHostConcurrency: 4, perHostGap: 0 } }));
});

afterAll(async () => {
  await newsroom.close();
});

const bin = resolve('bin/monitor.mjs');
const COUNT = 14;

it('stops cleanly on a terminal Ctrl+C, with its own DynamoDB Local still answering', async () => {
  const urls = Array.from({ length: COUNT }, (_, i) => {
    newsroom.publish(`/interrupt/${i}`, sampleArticle());
    return newsroom.url(`/interrupt/${i}`);
  });
  const flags = ['--data', join(dir, 'data'), '--allow-private-network'];
  await promisify(execFile)(process.execPath, [bin, 'watch', ...urls, ...flags, '--config', join(dir, 'fast.json')], { cwd: dir });

  // A process group of its own, like a shell's foreground job.
  const child = spawn(process.execPath, [bin, 'check', '--all', ...flags], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let pressed = false;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    // The first progress line: checks are under way. Press Ctrl+C for the whole group.
    if (!pressed && /monitor: checking: \d+\/\d+ done/.test(err)) {
      pressed = true;
      process.kill(-(child.pid ?? 0), 'SIGINT');
    }
  });
  const code = await new Promise<number | null>((done) => child.once('exit', (status) => done(status)));

  expect(pressed).toBe(true);
  expect(code).toBe(130);
  expect(err).toMatch(/stopping: nothing new will start/);
  const summary = /(\d+) articles checked: 0 changed, 0 failed, (\d+) unchanged/.exec(out);
  expect(summary, out).not.toBeNull();
  const checked = Number(summary?.[1]);
  expect(checked).toBeLessThan(COUNT);
  expect(err).toMatch(new RegExp(`interrupted: ${checked} of ${COUNT} checked; the other ${COUNT - checked} were not started`));
  // Every check that was under way saved: none failed for want of its database.
  expect(err).not.toMatch(/ECONNREFUSED|socket hang up|failed:/);
}, 120_000);
