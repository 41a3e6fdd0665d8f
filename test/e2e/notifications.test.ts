// Local mode tells subscribers too: `serve` with a webhook in its config, a newsroom
// edits a watched story, and the receiver on 127.0.0.1 gets one signed notification.

import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import { DELIVERY_LOG_FILE } from '../../lambdas/local/notification-files';
import { type RunningService, serve } from '../../lambdas/local/serve';
import { freshTable } from '../support/dynamo';
import { type Newsroom, sampleArticle, startNewsroom } from '../support/newsroom';

const SECRET = 'local-webhook-secret-123';

let newsroom: Newsroom;
let service: RunningService;
let receiver: Server;
let dataDir: string;
const received: Array<{ body: string; signature: string }> = [];

beforeAll(async () => {
  newsroom = await startNewsroom();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['x-monitor-signature']) });
      response.end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const { endpoint, tableName } = await freshTable();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-notify-'));
  const config = parseConfig({
    schedule: { steps: [{ under: '1d', every: '1s' }], jitter: 0 },
    checkInterval: '250ms',
    politeness: { perHostGap: 0 },
    notifications: { webhooks: [{ name: 'desk', url: hook, secret: SECRET, kinds: ['paragraph-edited', 'number'] }] },
  });
  config.fetch.allowPrivateNetwork = true;
  service = await serve({ port: 0, dataDir, endpoint, tableName, config, log: () => {} });
});

afterAll(async () => {
  await service?.stop();
  await newsroom?.close();
  await new Promise<void>((done) => receiver.close(() => done()));
});

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

it('serve posts a signed webhook for an edit its filter wants, and logs the delivery', async () => {
  newsroom.publish('/world/notify-story', sampleArticle());
  const articleUrl = newsroom.url('/world/notify-story');
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  const watch = await fetch(`${service.url}/api/watch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: articleUrl }),
  });
  expect(watch.status).toBe(201);

  newsroom.edit('/world/notify-story', (a) => {
    a.paragraphs[4] = a.paragraphs[4]!.replace('tens of thousands of civilians', 'hundreds of thousands of people');
    return a;
  });

  const hit = await waitFor(() => received[0], 'a webhook');
  const body = JSON.parse(hit.body) as { url: string; kinds: string[]; diffUrl?: string };
  expect(body.url).toBe(articleUrl);
  expect(body.kinds).toContain('paragraph-edited');
  expect(body.diffUrl).toBe(`${service.url}/diff?url=${encodeURIComponent(articleUrl)}&from=0&to=1`);
  expect(hit.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(hit.body).digest('hex')}`);

  // The receiver sees the request before serve has its answer, and serve logs the delivery only then.
  const logFile = join(dataDir, DELIVERY_LOG_FILE);
  const log = await waitFor(
    () =>
      existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { delivered: boolean; subscription: string })
        : undefined,
    'the delivery log',
  );
  expect(log).toContainEqual(expect.objectContaining({ subscription: 'desk', delivered: true }));
  expect(received).toHaveLength(1);
});
