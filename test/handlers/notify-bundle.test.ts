// The notify Lambda as a deploy ships it: bundled by esbuild with the stack's
// own settings and loaded from outside the project, so nothing resolves from node_modules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { headToItems } from '../../lambdas/adapters/head-items';
import { ESM_REQUIRE_BANNER, PROJECT_ROOT, lambdaEsbuildOptions } from '../../lib/bundling';
import { articleHead } from '../adapters/dynamo-store/fixtures';
import { TOPIC_ARN } from '../support/fake-sns';
import { streamEvent, streamImage, streamRecord } from '../support/stream-events';

type NotifyHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

let bundleDir: string;
let bundleFile: string;
let runtimeImports: string[] = [];
let handler: NotifyHandler;
const savedEnv = { ...process.env };

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'monitor-notify-bundle-'));
  bundleFile = join(bundleDir, 'index.mjs');
  const result = await build({ ...lambdaEsbuildOptions(join(PROJECT_ROOT, 'lambdas/handlers/notify.ts'), bundleFile), metafile: true });
  runtimeImports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
  const bundle: unknown = await import(pathToFileURL(bundleFile).href);
  if (typeof bundle !== 'object' || bundle === null || !('handler' in bundle) || typeof bundle.handler !== 'function') {
    throw new TypeError('the bundle exports no handler function');
  }
  handler = bundle.handler as NotifyHandler;
}, 120_000);

afterAll(() => {
  process.env = savedEnv;
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('the bundled notify handler', () => {
  it('is a single ESM file with the require banner, importing no packages at run time (the SNS client is inside)', () => {
    expect(readFileSync(bundleFile, 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(runtimeImports.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
  });

  it('refuses to start without CHANGE_TOPIC_ARN', async () => {
    delete process.env.CHANGE_TOPIC_ARN;
    const error = await handler(streamEvent()).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    // The bundle has its own (minified) copy of the error classes: only the message can be compared here.
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof Error ? error.message : '').toBe('environment variable CHANGE_TOPIC_ARN is not set');
  });

  it('answers a batch holding no new change without calling SNS', async () => {
    Object.assign(process.env, { CHANGE_TOPIC_ARN: TOPIC_ARN, SITE_URL: 'https://abc123.lambda-url.us-east-1.on.aws/' });
    const response = await handler(streamEvent(streamRecord('MODIFY', streamImage(headToItems(articleHead('https://news.example.org/a')).hot))));
    expect(response).toEqual({ batchItemFailures: [] });
  });
});
