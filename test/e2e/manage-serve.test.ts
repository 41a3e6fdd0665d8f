// The local service managed over HTTP: discovery started from the API instead
// of waiting for its interval, and a paused article left alone by the check loop.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import type { ArticleJson } from '../../lambdas/domain/types';
import { serve, type RunningService } from '../../lambdas/local/serve';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let service: RunningService;
let token: string;

function feed(paths: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>${paths
    .map((path) => `<item><title>x</title><link>${newsroom.url(path)}</link></item>`)
    .join('')}</channel></rss>`;
}

beforeAll(async () => {
  newsroom = await startNewsroom();
  newsroom.serveRaw('/desk.xml', 'application/rss+xml', feed([]));
  const { endpoint, tableName } = await freshTable();
  const dataDir = mkdtempSync(join(tmpdir(), 'monitor-manage-'));
  const config = parseConfig({
    schedule: { steps: [{ under: '1d', every: '1s' }], jitter: 0 },
    checkInterval: '250ms',
    // Far longer than the test: only a request can start the second run.
    discoverInterval: '1h',
    politeness: { perHostGap: 0 },
    sources: [{ name: 'desk', hosts: ['127.0.0.1'], feeds: [newsroom.url('/desk.xml')] }],
  });
  config.fetch.allowPrivateNetwork = true;
  service = await serve({ port: 0, dataDir, endpoint, tableName, config, log: () => {} });
  token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
});

afterAll(async () => {
  await service?.stop();
  await newsroom?.close();
});

function api(path: string, body: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function listed(): Promise<ArticleJson[]> {
  const response = await fetch(`${service.url}/api/articles/list?status=all`);
  return ((await response.json()) as { articles: ArticleJson[] }).articles;
}

async function waitFor(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

it('POST /api/discover runs discovery now, and the check loop leaves a paused article alone', async () => {
  // Let the first, scheduled run read the empty feed.
  await waitFor(async () => newsroom.requests('/desk.xml') > 0, 'the first discovery run');
  newsroom.publish('/desk/one', sampleArticle());
  newsroom.serveRaw('/desk.xml', 'application/rss+xml', feed(['/desk/one']));

  const started = await api('/api/discover', {});
  expect(started.status).toBe(202);
  expect(await started.json()).toEqual({ discovery: 'started' });
  const url = newsroom.url('/desk/one');
  await waitFor(async () => (await listed()).some((article) => article.url === url), 'the discovered article');

  const paused = await api('/api/articles/pause', { url });
  expect(paused.status).toBe(200);
  const fetches = newsroom.requests('/desk/one');
  // The article is due every second and the loop looks every 250 ms: a few rounds pass it by.
  await new Promise((r) => setTimeout(r, 2000));
  expect(newsroom.requests('/desk/one')).toBe(fetches);
  expect((await listed()).find((article) => article.url === url)?.pausedAt).toEqual(expect.any(String));

  await api('/api/articles/resume', { url });
  await waitFor(async () => newsroom.requests('/desk/one') > fetches, 'a check after resuming');
});
