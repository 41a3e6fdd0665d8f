// Sizes the check function's memory: the bundled handler, as a deploy ships it,
// on batches (2 messages × 32 checks of distinct hosts, all in flight at
// once) against DynamoDB Local and local HTTP servers serving real article pages
// from the extraction dev set, each answer held back 300 ms like a remote site.
// Reports peak RSS and CPU per check for unchanged pages and for pages that all
// changed (extraction, diff, two confirmation re-fetches, a version write).
// Usage: npx tsx bench/check-worker.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devSetFolder } from './dev-set';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createDocumentClient } from '../lambdas/adapters/dynamo-client';
import { ensureTable } from '../lambdas/adapters/create-table';
import { DynamoStore } from '../lambdas/adapters/dynamo-store';
import { createRuntime } from '../lambdas/composition/runtime';
import { parseConfig } from '../lambdas/domain/config';
import { articleKey } from '../lambdas/domain/url';
import { startDynamoLocal } from '../lambdas/local/dynamo-local';
import { CHECKS_IN_FLIGHT } from '../lambdas/service/check-batch';
import { watchArticle } from '../lambdas/service/watch';
import { lambdaEsbuildOptions, PROJECT_ROOT } from '../lib/bundling';

const DATASET = join(devSetFolder('bench:check-worker'), 'html');
const MESSAGES = 2;
const HOSTS = MESSAGES * CHECKS_IN_FLIGHT;
const NETWORK_WAIT_MS = 300;

const files = readdirSync(DATASET)
  .filter((name) => name.endsWith('.html.gz'))
  .sort();
let edition = 0;
/** Setup watches without the modelled wait; the measured batches pay it. */
let waitMs = 0;
const servers: Server[] = [];

function serve(html: string): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    // An edition marker in the body text makes every page "change" when the bench asks for it.
    const body = edition === 0 ? html : html.replace(/<\/p>/, ` Updated edition ${edition}.</p>`);
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body), waitMs);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/article`)));
}

const dynamo = await startDynamoLocal();
const dir = mkdtempSync(join(tmpdir(), 'check-worker-bench-'));
try {
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  const tableName = 'bench';
  await ensureTable(client, tableName);
  const configJson = { politeness: { perHostGap: '0ms' } };
  const config = parseConfig(configJson);
  config.fetch.allowPrivateNetwork = true;
  const runtime = createRuntime({ config, tableName, endpoint: dynamo.endpoint });
  const store = new DynamoStore(client, tableName);
  const urls: string[] = [];
  for (let next = 0; urls.length < HOSTS && next < files.length; next += 4) {
    const chunk = files.slice(next, next + Math.min(4, HOSTS - urls.length));
    const served = await Promise.all(chunk.map((file) => serve(gunzipSync(readFileSync(join(DATASET, file))).toString('utf8'))));
    const watched = await Promise.all(
      // Not every page of the dev set is an article the monitor would watch.
      served.map((url) =>
        watchArticle(runtime, url).then(
          () => url,
          () => null,
        ),
      ),
    );
    urls.push(...watched.filter((url): url is string => url !== null));
  }
  urls.splice(HOSTS);
  waitMs = NETWORK_WAIT_MS;
  const bundle = join(dir, 'index.mjs');
  await build(lambdaEsbuildOptions(join(PROJECT_ROOT, 'lambdas/handlers/check.ts'), bundle));

  const batch = async (): Promise<unknown> => {
    const checks = await Promise.all(
      urls.map(async (url) => {
        const head = await store.getArticle(url);
        return { key: articleKey(head!.url), dueAt: head!.nextCheckAt! };
      }),
    );
    const records = Array.from({ length: MESSAGES }, (_, m) => ({
      messageId: `m-${m}`,
      body: JSON.stringify({ checks: checks.filter((_, i) => i % MESSAGES === m) }),
    }));
    return { Records: records };
  };
  const measure = async (label: string) => {
    const eventFile = join(dir, `${label}.json`);
    // Two batches in one process: the first pays module load and cold connections, the second is a warm invocation.
    const first = await batch();
    writeFileSync(eventFile, JSON.stringify([first]));
    const child = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bench/check-worker-child.mjs'), bundle, eventFile], {
      env: {
        ...process.env,
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        MONITOR_ALLOW_PRIVATE_NETWORK: 'true',
        MONITOR_CONFIG: JSON.stringify(configJson),
        LOG_LEVEL: 'WARN',
        POWERTOOLS_METRICS_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = child.stderr.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(line) as { loadCpuMs: number; maxRssMb: number; runs: Array<{ checks: number; failed: number; wallMs: number; cpuMs: number }> };
    const checks = urls.length;
    for (const run of report.runs) {
      console.log(
        `${label}: ${checks} checks in ${MESSAGES} messages, ${CHECKS_IN_FLIGHT} in flight: wall ${run.wallMs} ms, CPU ${run.cpuMs} ms (${(run.cpuMs / checks).toFixed(1)} ms/check), failed messages ${run.failed}; module load CPU ${report.loadCpuMs} ms; peak RSS ${report.maxRssMb} MB`,
      );
    }
  };
  await measure('unchanged');
  edition = 1;
  await measure('changed');
} finally {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  rmSync(dir, { recursive: true, force: true });
  await dynamo.stop();
}
