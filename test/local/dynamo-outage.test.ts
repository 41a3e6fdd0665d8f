// DynamoDB (Local) stopped or killed under a running `serve` and a command:
// every call gives up in bounded time, /healthz says the table is unreachable,
// pages answer 503, commands exit with a reason, and `serve` recovers when
// DynamoDB comes back. Real processes and signals, no mocks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { parseConfig } from '../../lambdas/domain/config';
import { readLockFacts } from '../../lambdas/local/dynamo-lock';
import { serve, type RunningService } from '../../lambdas/local/serve';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';
import { stopProcess } from '../support/processes';

let newsroom: Newsroom;
let service: RunningService;
let dataDir: string;
let articleUrl: string;
const logged: string[] = [];

function javaPid(): number {
  const pid = readLockFacts(dataDir)?.javaPid;
  if (typeof pid !== 'number') throw new Error('no DynamoDB Local in the lock file');
  return pid;
}

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${service.url}${path}`);
  return { status: response.status, body: await response.text() };
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  // The folder's DynamoDB Local stops a second after the last holder lets go, not a minute.
  process.env.MONITOR_DYNAMODB_IDLE_MS = '1000';
  newsroom = await startNewsroom();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-outage-'));
  const config = parseConfig({ checkInterval: '1h', politeness: { perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  // No endpoint: serve attaches to (and here starts) the folder's own DynamoDB Local.
  service = await serve({ port: 0, dataDir, tableName: 'outage', config, log: (line) => logged.push(line) });
  newsroom.publish('/outage/story', sampleArticle());
  articleUrl = newsroom.url('/outage/story');
  const io: CliIo = { out: () => {}, err: () => {}, isTty: false };
  expect(await main(['watch', articleUrl, '--data', dataDir, '--table', 'outage', '--allow-private-network'], io)).toBe(0);
}, 180_000);

afterAll(async () => {
  try {
    process.kill(javaPid(), 'SIGCONT');
  } catch {
    // already gone
  }
  await service?.stop();
  await newsroom?.close();
});

describe('DynamoDB Local stopped or killed', { timeout: 180_000 }, () => {
  it('hung (SIGSTOP): /healthz answers 503, pages 503 and commands exit 1, none of them hang; all is well again after SIGCONT', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const pid = javaPid();
    await stopProcess(pid);
    try {
      const health = await get('/healthz');
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body)).toEqual({ ok: false, error: 'table unreachable: no answer within 1500 ms' });

      const page = await get(`/article?url=${encodeURIComponent(articleUrl)}`);
      expect(page.status).toBe(503);
      expect(page.body).toContain('The database is not answering right now');

      const err: string[] = [];
      const io: CliIo = { out: () => {}, err: (line) => err.push(line), isTty: false };
      expect(await main(['history', articleUrl, '--endpoint', service.endpoint, '--table', 'outage'], io)).toBe(1);
      expect(err.join('\n')).toMatch(/^monitor: DynamoDB at http:\/\/127\.0\.0\.1:\d+ did not answer in time$/);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(async () => (await get('/healthz')).status === 200, 'healthz after SIGCONT');
    expect((await get(`/article?url=${encodeURIComponent(articleUrl)}`)).status).toBe(200);
  });

  it('killed (SIGKILL): /healthz says so, DynamoDB Local is started again on the same port, and serve answers again with the data intact', async () => {
    const before = javaPid();
    process.kill(before, 'SIGKILL');
    await until(async () => (await get('/healthz')).status === 503, 'healthz to notice');
    await until(async () => (await get('/healthz')).status === 200, 'serve to recover');
    // The lock file names the new process once its start-up probe has seen it answer.
    await until(async () => javaPid() !== before, 'the lock file to name the new DynamoDB Local');
    expect(readLockFacts(dataDir)?.endpoint).toBe(service.endpoint);
    const page = await get(`/article?url=${encodeURIComponent(articleUrl)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Version 0');
  });
});
