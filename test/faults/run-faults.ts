// `npm run test:faults`: faults injected into the real thing, then the store's
// invariants checked (invariants.ts) and a clean `check --all` run to show the
// monitor carries on. Faults: SIGKILL of `monitor check --all` at random
// moments while every article is changing; DynamoDB Local hung (SIGSTOP) and
// killed (SIGKILL) under a running check and a running `serve`. Prints each
// fault, then how many were injected and survived; exits 1 unless all survived.
// Bounded: no new fault starts after FAULT_BUDGET_MS, and every wait has a limit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { main, type CliIo } from '../../lambdas/cli/main';
import { parseConfig } from '../../lambdas/domain/config';
import { openDatabase } from '../../lambdas/local/database';
import { readLockFacts } from '../../lambdas/local/dynamo-lock';
import { serve } from '../../lambdas/local/serve';
import { normaliseUrl } from '../../lambdas/domain/url';
import { sampleArticle, startNewsroom, type NewsroomArticle } from '../support/newsroom';
import { stopProcess } from '../support/processes';
import { invariantViolations, type Seen } from './invariants';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The folder's DynamoDB Local stops soon after the suite lets go of it.
process.env.MONITOR_DYNAMODB_IDLE_MS = '3000';

const ARTICLES = 4;
const TABLE = 'article-monitor';
/** No fault is started after this; the run then finishes what it is doing and reports. */
const FAULT_BUDGET_MS = 110_000;
/** Every wait ends by this, whatever the machine's load: the whole suite stays within three minutes. */
const HARD_DEADLINE_MS = 170_000;
/** A command that has not ended this long after a fault is hung: that is a failure, and it is killed. */
const COMMAND_LIMIT_MS = 60_000;
const PLAN = [
  'kill',
  'kill',
  'hang',
  'kill',
  'kill',
  'dynamo-kill',
  'kill',
  'hang-before',
  'kill',
  'kill',
  'hang',
  'kill',
  'dynamo-kill',
  'kill',
  'kill',
] as const;
type FaultKind = (typeof PLAN)[number];

const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
/** A wait of up to `ms`, cut short by the hard deadline. */
const within = (ms: number): number => Math.max(0, Math.min(ms, started + HARD_DEADLINE_MS - Date.now()));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const children = new Set<ChildProcess>();

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
}

function spawnMonitor(args: string[]): { child: ChildProcess; done: Promise<Finished> } {
  const begun = Date.now();
  const child = spawn(process.execPath, ['bin/monitor.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, ms: Date.now() - begun, stdout, stderr });
    });
  });
  return { child, done };
}

/** Waits for a command to end by itself; past the limit it is killed and reported hung. */
async function ended(run: { child: ChildProcess; done: Promise<Finished> }): Promise<Finished | 'hung'> {
  const result = await Promise.race([run.done, sleep(within(COMMAND_LIMIT_MS)).then(() => 'hung' as const)]);
  if (result === 'hung') {
    if (run.child.pid !== undefined) process.kill(run.child.pid, 'SIGKILL');
    await run.done;
  }
  return result;
}

async function timedHealthz(url: string): Promise<{ status: number; ms: number }> {
  const begun = Date.now();
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  await response.text();
  return { status: response.status, ms: Date.now() - begun };
}

async function untilTrue(probe: () => Promise<boolean>, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + within(limitMs);
  for (;;) {
    try {
      if (await probe()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/**
 * The newsroom behind a front that answers story i after i × STAGGER_MS: the checks of one run
 * finish, and write, one after another instead of all at once, so a kill can land between writes.
 */
const STAGGER_MS = 400;
async function slowFront(backend: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const index = Number(/story-(\d+)/.exec(request.url ?? '')?.[1] ?? 0);
    setTimeout(() => {
      fetch(`${backend}${request.url ?? '/'}`, { headers: { 'user-agent': request.headers['user-agent'] ?? '' } })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/html' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.destroy());
    }, index * STAGGER_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function runFaults(): Promise<number> {
  const newsroom = await startNewsroom();
  const dataDir = mkdtempSync(join(tmpdir(), 'monitor-faults-'));
  const configFile = join(dataDir, 'monitor.config.json');
  writeFileSync(configFile, JSON.stringify({ politeness: { perHostGap: 0, perHostConcurrency: ARTICLES }, fetch: { timeout: '5s' } }));
  const common = ['--data', dataDir, '--config', configFile, '--allow-private-network'];
  const paths = Array.from({ length: ARTICLES }, (_, i) => `/faults/story-${i}`);
  const base = sampleArticle();
  for (const path of paths) newsroom.publish(path, base);
  const site = await slowFront(newsroom.origin);
  const urls = paths.map((path) => normaliseUrl(`${site.origin}${path}`));

  let round = 0;
  /** Every article gets a new last paragraph: every check from now on has a version to write. */
  const editAll = (): void => {
    round++;
    for (const path of paths) {
      newsroom.edit(path, (article: NewsroomArticle) => ({
        ...article,
        paragraphs: [...base.paragraphs, `In round ${round} of the talks the council revised the figure to ${1000 + round} million.`],
      }));
    }
  };

  const quiet: CliIo = { out: () => {}, err: (line) => console.error(line), isTty: false };
  if ((await main(['watch', ...urls, ...common], quiet)) !== 0) throw new Error('could not watch the articles');
  const database = await openDatabase({ dataDir });
  const store = new DynamoStore(createDocumentClient({ endpoint: database.endpoint }), TABLE);
  const config = parseConfig({ checkInterval: '1h', politeness: { perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  // A running serve, attached like any command: its /healthz is timed while DynamoDB Local is hung.
  const service = await serve({ port: 0, dataDir, tableName: TABLE, config, log: () => {} });
  const seen: Seen = new Map();
  const javaPid = (): number => {
    const pid = readLockFacts(dataDir)?.javaPid;
    if (typeof pid !== 'number') throw new Error('the lock file names no DynamoDB Local');
    return pid;
  };

  const problems: string[] = [];
  const initial = await invariantViolations(store, urls, seen);
  if (initial.length > 0) throw new Error(`invariants broken before any fault: ${initial.join('; ')}`);

  /** A clean `check --all` after a fault: it must succeed, see every article's latest text, and leave the invariants whole. */
  const recovers = async (label: string): Promise<boolean> => {
    const healthy = await untilTrue(async () => (await timedHealthz(service.url)).status === 200, 60_000);
    if (!healthy) {
      problems.push(`${label}: /healthz did not come back`);
      return false;
    }
    const result = await ended(spawnMonitor(['check', '--all', ...common]));
    if (result === 'hung' || result.code !== 0) {
      problems.push(`${label}: the clean check afterwards ${result === 'hung' ? 'hung' : `exited ${result.code}: ${result.stderr.trim().slice(0, 300)}`}`);
      return false;
    }
    const broken = await invariantViolations(store, urls, seen);
    for (const url of urls) {
      const head = await store.getArticle(url);
      const current = head?.currentVersion != null ? await store.getVersion(url, head.currentVersion) : null;
      if (!current?.text.includes(`In round ${round} of the talks`)) broken.push(`${url}: the latest edit (round ${round}) was not recorded`);
    }
    problems.push(...broken.map((problem) => `${label}: ${problem}`));
    return broken.length === 0;
  };

  // How long a full `check --all` of changing articles takes here: kills land anywhere inside it.
  editAll();
  const calibration = await ended(spawnMonitor(['check', '--all', ...common]));
  if (calibration === 'hung' || calibration.code !== 0) throw new Error(`the first check --all failed: ${JSON.stringify(calibration)}`);
  await invariantViolations(store, urls, seen);
  const fullRunMs = calibration.ms;
  console.log(`fault suite: ${ARTICLES} articles, data in ${dataDir}; a full check --all takes ${fullRunMs} ms here`);

  /** How far the killed command had got: articles whose current version already has this round's edit. */
  const recordedThisRound = async (): Promise<number> => {
    let count = 0;
    for (const url of urls) {
      const head = await store.getArticle(url);
      const current = head?.currentVersion != null ? await store.getVersion(url, head.currentVersion) : null;
      if (current?.text.includes(`In round ${round} of the talks`)) count++;
    }
    return count;
  };

  let kills = 0;
  let injected = 0;
  let survived = 0;
  const healthzWhileHung: number[] = [];
  const record = async (kind: FaultKind, what: string, fine: boolean): Promise<void> => {
    injected++;
    const invariantsAfter = await invariantViolations(store, urls, seen);
    problems.push(...invariantsAfter.map((problem) => `${kind}: ${problem}`));
    const ok = fine && invariantsAfter.length === 0 && (await recovers(kind));
    if (ok) survived++;
    console.log(`  ${elapsed()}  ${ok ? 'survived' : 'FAILED  '}  ${kind}: ${what}`);
  };

  for (const kind of PLAN) {
    if (Date.now() - started > FAULT_BUDGET_MS) break;
    editAll();
    if (kind === 'kill') {
      const run = spawnMonitor(['check', '--all', ...common]);
      const begun = Date.now();
      // Every other kill waits for the run to be part-way through its writes; the others land anywhere.
      const midWrite = kills++ % 2 === 1;
      const target = 1 + Math.floor(Math.random() * (ARTICLES - 1));
      const delay = Math.round(200 + Math.random() * fullRunMs);
      if (midWrite) {
        await untilTrue(async () => run.child.exitCode !== null || (await recordedThisRound()) >= target, COMMAND_LIMIT_MS);
      } else {
        await sleep(delay);
      }
      if (run.child.exitCode !== null) {
        console.log(`  ${elapsed()}  (check --all finished before its kill; not counted)`);
        await run.done;
        continue;
      }
      if (run.child.pid !== undefined) process.kill(run.child.pid, 'SIGKILL');
      await run.done;
      const when = midWrite ? `once ${target} of ${ARTICLES} articles had recorded the edit` : `at a random moment`;
      await record(kind, `SIGKILL of check --all ${when} (${Date.now() - begun} ms in; ${await recordedThisRound()} of ${ARTICLES} recorded)`, true);
    } else if (kind === 'hang' || kind === 'dynamo-kill') {
      const run = spawnMonitor(['check', '--all', ...common]);
      const delay = Math.round(200 + Math.random() * fullRunMs);
      await sleep(delay);
      const pid = javaPid();
      if (kind === 'hang') {
        await stopProcess(pid);
        let health: { status: number; ms: number } | null = null;
        let result: Finished | 'hung';
        try {
          health = await timedHealthz(service.url);
          healthzWhileHung.push(health.ms);
          result = await ended(run);
        } finally {
          process.kill(pid, 'SIGCONT');
        }
        const fine = result !== 'hung' && health.status === 503;
        if (!fine) problems.push(`hang: ${result === 'hung' ? 'check --all hung' : `/healthz answered ${health.status}`}`);
        await record(
          kind,
          `DynamoDB Local stopped ${delay} ms into check --all; /healthz ${health.status} in ${health.ms} ms; the check ${result === 'hung' ? 'HUNG' : `ended by itself in ${result.ms} ms (exit ${result.code})`}`,
          fine,
        );
      } else {
        process.kill(pid, 'SIGKILL');
        const result = await ended(run);
        const restarted = await untilTrue(async () => readLockFacts(dataDir)?.javaPid !== pid && (await timedHealthz(service.url)).status === 200, 60_000);
        if (!restarted) problems.push('dynamo-kill: DynamoDB Local was not started again');
        await record(
          kind,
          `DynamoDB Local killed ${delay} ms into check --all; the check ${result === 'hung' ? 'HUNG' : `ended in ${result.ms} ms (exit ${result.code})`}; restarted: ${restarted}`,
          result !== 'hung' && restarted,
        );
      }
    } else {
      // hang-before: a command that starts while DynamoDB Local is hung must give up with a reason, not wait forever.
      const pid = javaPid();
      await stopProcess(pid);
      let result: Finished | 'hung';
      try {
        result = await ended(spawnMonitor(['check', '--all', ...common]));
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      const fine = result !== 'hung' && result.code === 1 && /did not answer in time/.test(result.stderr);
      if (!fine) problems.push(`hang-before: ${result === 'hung' ? 'the command hung' : `exit ${result.code}, stderr ${result.stderr.trim().slice(0, 200)}`}`);
      await record(
        kind,
        `check --all started with DynamoDB Local stopped: ${result === 'hung' ? 'HUNG' : `exit ${result.code} after ${result.ms} ms: ${result.stderr.trim().split('\n')[0]}`}`,
        fine,
      );
    }
  }

  await service.stop();
  await database.close();
  await site.close();
  await newsroom.close();
  console.log('');
  if (healthzWhileHung.length > 0) console.log(`/healthz with DynamoDB Local stopped: 503 in ${healthzWhileHung.join(', ')} ms`);
  for (const problem of problems) console.log(`problem: ${problem}`);
  if (Date.now() - started > HARD_DEADLINE_MS) problems.push('the suite ran out of time');
  console.log(`faults injected: ${injected}, survived: ${survived} (${elapsed()})`);
  const passed = injected > 0 && survived === injected && problems.length === 0;
  // A failed run keeps its data folder (named at the top) for a look.
  if (passed) rmSync(dataDir, { recursive: true, force: true });
  return passed ? 0 : 1;
}

runFaults()
  .catch((error: unknown) => {
    console.error('fault suite failed:', error);
    return 1;
  })
  .then((code) => {
    for (const child of children) if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    process.exit(code);
  });
