// Sizes the check function's memory: the bundled handler, as a deploy ships it,
// on batches (2 messages × 32 checks of distinct hosts, all in flight at
// once) against DynamoDB Local and local HTTP servers serving real article pages
// from the extraction dev set, each answer held back 300 ms like a remote site.
// Reports peak RSS and CPU per check for unchanged pages (a cold invocation, then
// warm ones in the same process) and for pages that all changed (extraction, diff,
// two confirmation re-fetches, a version write).
// Every answer carries per-request noise outside the article (an ad slot, a
// token, a timestamp), as real pages do, so an unchanged check still reads the page.
// Usage: npx tsx bench/check-worker.ts
// CHECK_WORKER_CPU_PROF=<dir> writes the worker's CPU profiles there (node --cpu-prof).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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
/** Further batches of the unchanged checks in the same worker process, after the cold one. */
const WARM_RUNS = 3;

const files = readdirSync(DATASET)
  .filter((name) => name.endsWith('.html.gz'))
  .sort();
let edition = 0;
/** Setup watches without the modelled wait; the measured batches pay it. */
let waitMs = 0;
const servers: Server[] = [];

let served = 0;
/** An ad slot, a CSRF token and a render timestamp that differ on every answer; none of it is article text. */
function withRequestNoise(html: string): string {
  const token = `${Date.now().toString(36)}-${(served++).toString(36)}`;
  const slot = `<div class="ad-slot" id="ad-${token}" data-request="${token}"><iframe src="/ads?slot=${token}"></iframe></div>`;
  const stamp = `<input type="hidden" name="csrf" value="${token}"><script>window.renderedAt=${Date.now()}</script>`;
  return html.replace(/<body\b[^>]*>/i, (open) => `${open}${slot}`).replace(/<\/body>/i, `${stamp}</body>`);
}

function serve(html: string): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') return void response.writeHead(404).end();
    // An edition marker in the body text makes every page "change" when the bench asks for it.
    const edited = edition === 0 ? html : html.replace(/<\/p>/, ` Updated edition ${edition}.</p>`);
    const body = withRequestNoise(edited);
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
  const profileDir = process.env.CHECK_WORKER_CPU_PROF;
  // A profile names functions only if the bundle keeps their names.
  await build({
    ...lambdaEsbuildOptions(join(PROJECT_ROOT, 'lambdas/handlers/check.ts'), bundle),
    ...(profileDir ? { minify: false, minifyWhitespace: true, minifySyntax: true } : {}),
  });

  // A fresh client for each read after a worker run: DynamoDB Local drops connections left idle that long.
  const freshStore = () => new DynamoStore(createDocumentClient({ endpoint: dynamo.endpoint }), tableName);
  /** The checks as dispatch queues them; `dueAt` overrides each one's due time (a later batch of the same checks). */
  const batch = async (dueAt?: string): Promise<unknown> => {
    const store = freshStore();
    const checks = await Promise.all(
      urls.map(async (url) => {
        const head = await store.getArticle(url);
        return { key: articleKey(head!.url), dueAt: dueAt ?? head!.nextCheckAt! };
      }),
    );
    const records = Array.from({ length: MESSAGES }, (_, m) => ({
      messageId: `m-${m}`,
      body: JSON.stringify({ checks: checks.filter((_, i) => i % MESSAGES === m) }),
    }));
    return { Records: records };
  };
  const heads = () => {
    const store = freshStore();
    return Promise.all(urls.map((url) => store.getArticle(url)));
  };
  const versionCount = (all: Awaited<ReturnType<typeof heads>>): number => all.reduce((sum, head) => sum + (head?.currentVersion ?? -1) + 1, 0);
  const measure = async (label: string, warmRuns: number) => {
    const eventFile = join(dir, `${label}.json`);
    const versionsBefore = versionCount(await heads());
    const first = await batch();
    // The warm runs are the same checks again, due whenever they run: a warm container's later invocations.
    const warm = await batch('9999-12-31T00:00:00.000Z');
    writeFileSync(eventFile, JSON.stringify([first, ...Array.from({ length: warmRuns }, () => warm)]));
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
    // Asynchronously: the page servers live in this process and must answer while the worker runs.
    const child = await promisify(execFile)(process.execPath, [...profiling, join(PROJECT_ROOT, 'bench/check-worker-child.mjs'), bundle, eventFile], {
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
    const after = await heads();
    const newVersions = versionCount(after) - versionsBefore;
    const failing = after.filter((head) => head?.lastError != null).length;
    for (const [index, run] of report.runs.entries()) {
      console.log(
        `${label} (${index === 0 ? 'cold' : `warm ${index}`}): ${checks} checks in ${MESSAGES} messages, ${CHECKS_IN_FLIGHT} in flight: wall ${run.wallMs} ms, CPU ${run.cpuMs} ms (${(run.cpuMs / checks).toFixed(1)} ms/check), failed messages ${run.failed}, new versions ${newVersions}, articles failing ${failing}; module load CPU ${report.loadCpuMs} ms; peak RSS ${report.maxRssMb} MB`,
      );
    }
  };
  await measure('unchanged', WARM_RUNS);
  edition = 1;
  // Once: a second look at a changed page sees it unchanged.
  await measure('changed', 0);
} finally {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  rmSync(dir, { recursive: true, force: true });
  await dynamo.stop();
}
