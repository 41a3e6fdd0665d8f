// One DynamoDB Local per data folder, whether or not `serve` runs: commands
// started together share the first one's, a command outlives the one that
// started it, a dead owner's lock is never trusted, and concurrent `monitor
// check` processes on one folder never record a version twice. Real
// processes, real DynamoDB Local, the test newsroom on 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { openDatabase, type LocalDatabase } from '../../lambdas/local/database';
import { LOCK_FILE, isAlive, readLockFacts } from '../../lambdas/local/dynamo-lock';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

const IDLE_MS = 1000;
const run = promisify(execFile);

let newsroom: Newsroom;
const opened: LocalDatabase[] = [];

beforeAll(async () => {
  newsroom = await startNewsroom();
});

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
  await newsroom.close();
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'monitor-shared-'));
}

async function open(dataDir: string): Promise<LocalDatabase> {
  const database = await openDatabase({ dataDir, idleMs: IDLE_MS });
  opened.push(database);
  return database;
}

async function answers(endpoint: string): Promise<boolean> {
  const client = createDocumentClient({ endpoint, requestTimeoutMs: 2000 });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `monitor <args>` as its own process on `dataDir`, with no `serve` anywhere. */
async function monitor(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/monitor.mjs', ...args, '--data', dataDir, '--allow-private-network'], {
      env: { ...process.env, MONITOR_DYNAMODB_IDLE_MS: String(IDLE_MS) },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// Each test starts DynamoDB Local and Node processes; on a busy two-core machine that takes a while.
/** `monitor <args>` in this process (it attaches to the folder's DynamoDB Local like any command). */
async function inProcess(dataDir: string, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => out.push(line), isTty: false };
  process.env.MONITOR_DYNAMODB_IDLE_MS = String(IDLE_MS);
  await main([...args, '--data', dataDir, '--allow-private-network'], io);
  return out.join('\n');
}

describe('one DynamoDB Local per data folder', { timeout: 180_000 }, () => {
  it('commands that start together all use the one DynamoDB Local the lock file names', async () => {
    const dataDir = folder();
    const databases = await Promise.all(Array.from({ length: 4 }, () => open(dataDir)));
    const endpoints = new Set(databases.map((database) => database.endpoint));
    expect(endpoints.size).toBe(1);
    const facts = readLockFacts(dataDir);
    expect(facts).toMatchObject({ state: 'ready', endpoint: databases[0]?.endpoint });
    expect(isAlive(facts?.supervisorPid ?? -1)).toBe(true);
    expect(isAlive(facts?.javaPid ?? -1)).toBe(true);
  });

  it('a command that attached carries on when the one that started DynamoDB Local exits; the last one out lets it stop', async () => {
    const dataDir = folder();
    const starter = await open(dataDir);
    const second = await open(dataDir);
    const javaPid = readLockFacts(dataDir)?.javaPid ?? -1;
    await starter.close();
    await new Promise((resolve) => setTimeout(resolve, 2 * IDLE_MS));
    expect(await answers(second.endpoint)).toBe(true);
    await second.close();
    await until(() => !existsSync(join(dataDir, LOCK_FILE)), 'the idle DynamoDB Local to stop');
    await until(() => !isAlive(javaPid), 'the Java process to exit');
    // The next command starts a fresh one on the same files.
    const next = await open(dataDir);
    expect(await answers(next.endpoint)).toBe(true);
  });

  it('never trusts a lock whose owner is dead: a stale lock file, or an owner killed with SIGKILL', async () => {
    const dataDir = folder();
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({
        supervisorPid: 2 ** 22 + 12345,
        javaPid: null,
        endpoint: 'http://127.0.0.1:9',
        state: 'ready',
        dataDir,
        updatedAt: '2020-01-01T00:00:00Z',
      }),
    );
    const first = await open(dataDir);
    expect(first.endpoint).not.toBe('http://127.0.0.1:9');
    const store = new DynamoStore(createDocumentClient({ endpoint: first.endpoint }), 'kept');
    const facts = readLockFacts(dataDir);
    expect(facts?.endpoint).toBe(first.endpoint);

    const { ensureTable } = await import('../../lambdas/adapters/create-table');
    await ensureTable(createDocumentClient({ endpoint: first.endpoint }), 'kept');
    expect(await store.getArticle('https://example.com/')).toBeNull();

    process.kill(facts?.supervisorPid ?? -1, 'SIGKILL');
    await until(() => !isAlive(facts?.javaPid ?? -1), 'the orphaned DynamoDB Local to be killed by its watchdog');
    const second = await open(dataDir);
    expect(readLockFacts(dataDir)?.supervisorPid).not.toBe(facts?.supervisorPid);
    const client = createDocumentClient({ endpoint: second.endpoint });
    expect((await client.send(new ListTablesCommand({}))).TableNames).toContain('kept');
  });

  it('concurrent `monitor check` processes, no serve: the conditional version write holds across them', async () => {
    const dataDir = folder();
    newsroom.publish('/shared/story', sampleArticle());
    const url = newsroom.url('/shared/story');
    const watch = await inProcess(dataDir, 'watch', url);
    expect(watch).toContain(`watching ${url}: version 0`);
    newsroom.edit('/shared/story', (a) => ({ ...a, paragraphs: [...a.paragraphs, 'A paragraph added after publication, once.'] }));

    const checks = await Promise.all(Array.from({ length: 4 }, () => monitor(dataDir, 'check', url, '--json')));
    const outcomes = checks.map((check) => (JSON.parse(check.stdout.trim()) as { outcome: string }).outcome).sort();
    // Nothing but the progress line a check prints once it has run for a couple of seconds.
    const problems = (stderr: string): string[] => stderr.split('\n').filter((line) => line !== '' && !line.startsWith('monitor: checking:'));
    expect(checks.map((check) => problems(check.stderr))).toEqual([[], [], [], []]);
    expect(outcomes.filter((outcome) => outcome === 'new-version')).toHaveLength(1);
    expect(outcomes.every((outcome) => ['new-version', 'duplicate', 'unchanged'].includes(outcome))).toBe(true);

    const history = JSON.parse(await inProcess(dataDir, 'history', url, '--json')) as {
      versions: Array<{ version: number }>;
      changes: Array<{ from: number; to: number }>;
    };
    expect(history.versions.map((v) => v.version)).toEqual([0, 1]);
    expect(history.changes.map((c) => [c.from, c.to])).toEqual([[0, 1]]);
  });
});
