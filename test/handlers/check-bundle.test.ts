// The check Lambda as a deploy ships it: lambdas/handlers/check.ts bundled by
// esbuild with the stack's own settings, loaded from outside the project (so
// nothing resolves from node_modules), and invoked on an SQS event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isBuiltin } from 'node:module';
import { build } from 'esbuild';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseConfig } from '../../lambdas/domain/config';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { createRuntime } from '../../lambdas/composition/runtime';
import { watchArticle } from '../../lambdas/service/watch';
import { ESM_REQUIRE_BANNER, PROJECT_ROOT, lambdaEsbuildOptions } from '../../lib/bundling';
import { freshTable } from '../support/dynamo';
import { sqsRecord } from '../support/sqs-record';

const PARAGRAPHS = [
  'The city council approved a budget of 12 million dollars on Tuesday evening after a debate that lasted four hours.',
  'Council member Ana Ortiz said the plan would fund two new libraries and extend bus service to the northern districts.',
  '“We listened to residents for a year, and this budget is the result,” Ortiz told reporters after the vote.',
  'Opponents argued the spending would require a tax increase next year, a claim the finance office disputes.',
];

function articlePage(paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>Council approves budget</title></head><body>
<article><h1>Council approves budget</h1><p class="byline">By Sam Writer</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></body></html>`;
}

type CheckHandler = (event: SQSEvent, context?: { getRemainingTimeInMillis(): number }) => Promise<SQSBatchResponse>;

let server: Server;
let page = articlePage(PARAGRAPHS);
let articleUrl: string;
let store: DynamoStore;
let tableName: string;
let tableClient: Awaited<ReturnType<typeof freshTable>>['client'];
let handler: CheckHandler;
let bundleDir: string;
let bundleFile: string;
let runtimeImports: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/news/budget') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  articleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/budget`;

  const table = await freshTable();
  const { endpoint, client } = table;
  tableName = table.tableName;
  tableClient = client;
  store = new DynamoStore(client, tableName);
  // No gap between fetches of one host: the page is ours, and the test should not wait on politeness.
  const configJson = { politeness: { perHostGap: '0ms' } };
  const config = parseConfig(configJson);
  config.fetch.allowPrivateNetwork = true;
  await watchArticle(createRuntime({ config, tableName, endpoint }), articleUrl);

  bundleDir = mkdtempSync(join(tmpdir(), 'monitor-check-bundle-'));
  bundleFile = join(bundleDir, 'index.mjs');
  // The metafile only reports on the build; the output is what the stack's options produce.
  const result = await build({ ...lambdaEsbuildOptions(join(PROJECT_ROOT, 'lambdas/handlers/check.ts'), bundleFile), metafile: true });
  runtimeImports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));

  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    MONITOR_ALLOW_PRIVATE_NETWORK: 'true',
    MONITOR_CONFIG: JSON.stringify(configJson),
  });
  const bundle: unknown = await import(pathToFileURL(bundleFile).href);
  if (typeof bundle !== 'object' || bundle === null || !('handler' in bundle) || typeof bundle.handler !== 'function') {
    throw new TypeError('the bundle exports no handler function');
  }
  handler = bundle.handler as CheckHandler;
}, 120_000);

afterAll(async () => {
  process.env = savedEnv;
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('the bundled check handler', () => {
  it('is a single ESM file with the require banner and a source map, importing no packages at run time', () => {
    const code = readFileSync(bundleFile, 'utf8');
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    // Lambda provides Node's built-ins and nothing else we can count on. The node: scheme is
    // built-ins only (undici's lazy node:sqlite exists on the Node 22 runtime, not on Node 20).
    expect(runtimeImports.length).toBeGreaterThan(0);
    expect(runtimeImports.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
  });

  it('records a new version when the watched page changed, and drops a malformed message without failing the batch', async () => {
    const before = await store.getArticle(articleUrl);
    expect(before?.versionCount).toBe(1);

    page = articlePage([PARAGRAPHS[0]!.replace('12 million', '14 million'), ...PARAGRAPHS.slice(1)]);
    const response = await handler({
      Records: [sqsRecord('m-malformed', 'this is not JSON'), sqsRecord('m-article', JSON.stringify({ url: articleUrl }))],
    });

    expect(response.batchItemFailures).toEqual([]);
    const after = await store.getArticle(articleUrl);
    expect(after?.versionCount).toBe(2);
    expect(after?.lastCheckedAt).not.toBeNull();
    expect(Date.parse(after?.lastCheckedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before?.lastCheckedAt ?? before?.firstSeenAt ?? ''));
    const versions = await store.listVersions(articleUrl);
    expect(versions.map((v) => v.version)).toEqual([0, 1]);
    expect((await store.getVersion(articleUrl, 1))?.text).toContain('14 million');
  });

  it('drops a message for an article nobody watches: retrying cannot help, and nothing is stored', async () => {
    const unwatched = sqsRecord('m-unwatched', JSON.stringify({ url: `${articleUrl}-never-watched` }));
    expect((await handler({ Records: [unwatched] })).batchItemFailures).toEqual([]);
    expect(await store.getArticle(`${articleUrl}-never-watched`)).toBeNull();
  });

  it('hands back messages it has no time left for, without checking them', async () => {
    const before = await store.getArticle(articleUrl);
    const response = await handler(
      { Records: [sqsRecord('m-late-1', JSON.stringify({ url: articleUrl })), sqsRecord('m-late-2', JSON.stringify({ url: articleUrl }))] },
      { getRemainingTimeInMillis: () => 5_000 },
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-late-1' }, { itemIdentifier: 'm-late-2' }]);
    expect((await store.getArticle(articleUrl))?.lastCheckedAt).toBe(before?.lastCheckedAt);
  });

  it('logs one JSON summary line and flushes its metrics once per invocation, as EMF', async () => {
    page = articlePage([PARAGRAPHS[0]!.replace('12 million', '15 million'), ...PARAGRAPHS.slice(1)]);
    const lines = await stdoutOf(() => handler({ Records: [sqsRecord('m-metrics', JSON.stringify({ url: articleUrl }))] }));
    const json = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = json.filter((line) => line.message === 'check batch');
    expect(summary).toEqual([expect.objectContaining({ level: 'INFO', service: 'check', checks: 1, outcomes: { 'new-version': 1 } })]);
    expect(json.filter((line) => line.message === 'check recorded a change')).toHaveLength(1);
    const emf = json.filter((line) => typeof line._aws === 'object');
    const byOutcome = emf.find((line) => line.Outcome === 'new-version');
    expect(byOutcome).toMatchObject({ service: 'check', Checks: 1 });
    expect(emf.find((line) => 'VersionsRecorded' in line)).toMatchObject({ VersionsRecorded: 1, FailedMessages: 0 });
    expect(JSON.stringify(emf[0]?._aws)).toContain('"Namespace":"ArticleMonitor"');
  });

  it('hands back every message with a check when the store is unavailable, and drops the malformed one', async () => {
    await tableClient.send(new DeleteTableCommand({ TableName: tableName }));
    const response = await handler({
      Records: [
        sqsRecord('m-dropped', '{"link": "not the contract"}'),
        sqsRecord('m-first', JSON.stringify({ url: articleUrl })),
        sqsRecord('m-second', JSON.stringify({ checks: [{ key: 'some-key', dueAt: '2026-01-01T00:00:00.000Z' }] })),
      ],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-first' }, { itemIdentifier: 'm-second' }]);
  });
});

/** What `run` wrote to stdout, line by line (Powertools writes its logs and EMF there). */
async function stdoutOf(run: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'));
}
