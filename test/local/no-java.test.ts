// A laptop without Java: every command that needs the local database says so in
// one line, with what to install, and stores nothing — instead of a crash's
// stack trace or a long silent wait.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** A PATH holding node and nothing else, so `java` cannot be found. */
function pathWithoutJava(): string {
  const bin = mkdtempSync(join(tmpdir(), 'monitor-nojava-bin-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

describe('without Java on PATH', () => {
  it('a command fails at once with one line naming Java and how to install it', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'monitor-nojava-')), 'data');
    const failure = await run(process.execPath, ['bin/monitor.mjs', 'list', '--data', data], {
      env: { ...process.env, PATH: pathWithoutJava() },
      // Under the 90 s start-up deadline: a command that waited it out instead of noticing the failed spawn is killed and fails here.
      timeout: 60_000,
    }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = (failure?.stderr ?? '').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java was not found on PATH.*Java 17.*openjdk-17-jre-headless/);
    expect(failure?.stderr).not.toMatch(/ENOENT|at .*\(node:/);
    expect(existsSync(join(data, 'dynamodb')) ? readdirSync(join(data, 'dynamodb')) : []).toEqual([]);
  });
});
