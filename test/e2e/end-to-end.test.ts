// The whole local service: a newsroom serves an article, it is watched through
// the API, the newsroom edits it, the service's own check loop records version 1,
// and the diff page shows the edited words.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import { serve, type RunningService } from '../../lambdas/local/serve';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let service: RunningService;
let dataDir: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-e2e-'));
  const config = parseConfig({
    schedule: { steps: [{ under: '1d', every: '1s' }], jitter: 0 },
    checkInterval: '250ms',
    politeness: { perHostGap: 0 },
  });
  config.fetch.allowPrivateNetwork = true;
  service = await serve({ port: 0, dataDir, endpoint, tableName, config, log: () => {} });
});

afterAll(async () => {
  await service?.stop();
  await newsroom?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 80; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

it('watch → edit → version 1 → the diff page shows the edited words', async () => {
  newsroom.publish('/world/syria-plan', sampleArticle());
  const articleUrl = newsroom.url('/world/syria-plan');
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();

  const unauthorised = await fetch(`${service.url}/api/watch`, { method: 'POST', body: JSON.stringify({ url: articleUrl }) });
  expect(unauthorised.status).toBe(401);

  const watch = await fetch(`${service.url}/api/watch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: articleUrl }),
  });
  expect(watch.status).toBe(201);
  expect(await watch.json()).toMatchObject({ url: articleUrl, versionCount: 1, status: 'active' });

  newsroom.edit('/world/syria-plan', (a) => {
    a.paragraphs[4] = a.paragraphs[4]!.replace('tens of thousands of civilians', 'hundreds of thousands of people');
    return a;
  });

  const api = `${service.url}/api/articles?url=${encodeURIComponent(articleUrl)}`;
  const body = await waitFor(async () => {
    const response = await fetch(api);
    const json = (await response.json()) as { article: { versionCount: number }; changes: Array<{ kinds: string[] }> };
    return json.article.versionCount === 2 ? json : undefined;
  }, 'version 1');
  expect(body.changes[0]?.kinds).toContain('paragraph-edited');

  const diff = await fetch(`${service.url}/diff?url=${encodeURIComponent(articleUrl)}&from=0&to=1`);
  expect(diff.status).toBe(200);
  expect(diff.headers.get('content-type')).toMatch(/text\/html/);
  const html = await diff.text();
  expect(html).toMatch(/<del[^>]*>[^<]*tens[^<]*<\/del>/);
  expect(html).toMatch(/<ins[^>]*>[^<]*hundreds[^<]*<\/ins>/);

  const history = await (await fetch(`${service.url}/article?url=${encodeURIComponent(articleUrl)}`)).text();
  expect(history).toContain('U.S. And Russia Agree On Plan To Coordinate Airstrikes In Syria');

  const feed = (await (await fetch(`${service.url}/feeds/changes.json`)).json()) as { items: Array<{ url: string }> };
  expect(feed.items.length).toBeGreaterThan(0);
});
