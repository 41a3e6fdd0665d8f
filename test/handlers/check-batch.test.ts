// The check worker on a batch as dispatch queues it: every check of the batch
// at once (up to CHECKS_IN_FLIGHT), one host's checks still spaced, a duplicate
// skipped, and a poison article failing nobody else. DynamoDB Local and real
// HTTP servers on 127.0.0.1, one per "host" (the host limiter keys on host:port).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseConfig } from '../../lambdas/domain/config';
import { articleKey } from '../../lambdas/domain/url';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { createRuntime } from '../../lambdas/composition/runtime';
import { watchArticle } from '../../lambdas/service/watch';
import { CHECKS_IN_FLIGHT, parseCheckMessage, postponedMessages } from '../../lambdas/service/check-batch';
import { freshTable } from '../support/dynamo';
import { sqsRecord } from '../support/sqs-record';
import { type SqsServer, startSqsServer } from '../support/sqs-server';

const HOSTS = CHECKS_IN_FLIGHT + 8;
/** Long enough that every check started together is still waiting on its server when the last one starts. */
const SLOW_RESPONSE_MS = 400;
/** Long enough that a second check of a host is sure to find its turn taken, even in a cold container. */
const GAP_MS = 1500;

const PAGE = `<!doctype html><html lang="en"><head><title>Council approves budget</title></head><body>
<article><h1>Council approves budget</h1><p class="byline">By Sam Writer</p>
<p>The city council approved a budget of 12 million dollars on Tuesday evening after a debate that lasted four hours.</p>
<p>Council member Ana Ortiz said the plan would fund two new libraries and extend bus service to the northern districts.</p>
<p>Opponents argued the spending would require a tax increase next year, a claim the finance office disputes.</p>
</article></body></html>`;

let slow = false;
/** Paths whose requests are answered by closing the connection. */
const resetting = new Set<string>();
let inFlight = 0;
let maxInFlight = 0;
/** Start times of article requests, by URL. */
const starts = new Map<string, number[]>();
const servers: Server[] = [];
const origins: string[] = [];
let store: DynamoStore;
let handler: typeof import('../../lambdas/handlers/check')['handler'];
let tableName: string;
let client: Awaited<ReturnType<typeof freshTable>>['client'];
let sqs: SqsServer;
let queueUrl = '';
const savedEnv = { ...process.env };

function startServer(): Promise<string> {
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host}`;
    if (request.url === '/robots.txt') {
      response.writeHead(404).end();
      return;
    }
    if (resetting.has(request.url ?? '')) {
      // A page whose server hangs up: the check breaks on the network every time.
      request.socket.destroy();
      return;
    }
    const url = `${origin}${request.url}`;
    starts.set(url, [...(starts.get(url) ?? []), performance.now()]);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(
      () => {
        inFlight--;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      },
      slow ? SLOW_RESPONSE_MS : 0,
    );
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/**
 * The check dispatch would queue for this article once it is due: dispatch queues only what is due by
 * now, so the head is first made due a second ago (a check run before its time keeps the same next slot).
 */
async function queuedCheck(url: string): Promise<{ key: string; dueAt: string }> {
  const head = await store.getArticle(url);
  if (!head?.nextCheckAt) throw new Error(`${url} is not watched`);
  const dueAt = new Date(Date.now() - 1000).toISOString();
  await store.saveCheck(head, { ...head, nextCheckAt: dueAt, checkEvery: null });
  return { key: articleKey(head.url), dueAt };
}

const articleOf = (origin: string, path = '/news/budget') => `${origin}${path}`;

beforeAll(async () => {
  for (let i = 0; i < HOSTS; i++) origins.push(await startServer());
  const table = await freshTable();
  ({ tableName, client } = table);
  store = new DynamoStore(client, tableName);
  const configJson = { politeness: { perHostGap: `${GAP_MS}ms` } };
  const config = parseConfig(configJson);
  config.fetch.allowPrivateNetwork = true;
  const runtime = createRuntime({ config, tableName, endpoint: table.endpoint });
  for (const origin of origins) await watchArticle(runtime, articleOf(origin));
  await watchArticle(runtime, articleOf(origins[0]!, '/news/second'));
  await watchArticle(runtime, articleOf(origins[3]!, '/soon-broken'));
  sqs = await startSqsServer();
  queueUrl = `${sqs.endpoint}/123456789012/check-queue`;
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    CHECK_QUEUE_URL: queueUrl,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    DYNAMODB_ENDPOINT: table.endpoint,
    MONITOR_ALLOW_PRIVATE_NETWORK: 'true',
    MONITOR_CONFIG: JSON.stringify(configJson),
    // The worker's lines would drown the test output; their content is the handler's business.
    LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // Imported once the environment is set: the handler reads it when it loads.
  ({ handler } = await import('../../lambdas/handlers/check'));
}, 120_000);

afterAll(async () => {
  process.env = savedEnv;
  await sqs.close();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('the check worker', () => {
  it('runs the checks of many hosts at once, never more than CHECKS_IN_FLIGHT, and checks every one', async () => {
    const checks = await Promise.all(origins.map((origin) => queuedCheck(articleOf(origin))));
    // Ten messages, as the queue hands them over; dispatch packs one check per host into each.
    const bodies = Array.from({ length: 10 }, (_, m) => ({ checks: checks.filter((_, i) => i % 10 === m) }));
    slow = true;
    maxInFlight = 0;
    try {
      const response = await handler({ Records: bodies.map((body, m) => sqsRecord(`m-${m}`, body)) });
      expect(response.batchItemFailures).toEqual([]);
    } finally {
      slow = false;
    }
    expect(maxInFlight).toBeGreaterThan(CHECKS_IN_FLIGHT / 2);
    expect(maxInFlight).toBeLessThanOrEqual(CHECKS_IN_FLIGHT);
    for (const origin of origins) {
      const head = await store.getArticle(articleOf(origin));
      const queued = checks[origins.indexOf(origin)];
      expect(head?.nextCheckAt, origin).not.toBe(queued?.dueAt);
    }
  });

  it('skips a duplicate delivery of a check that already ran, without fetching the page again', async () => {
    const url = articleOf(origins[1]!);
    // The host's last request (an earlier test's) out of the way, so the first delivery is checked, not queued for the host's turn.
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    const before = starts.get(url)?.length ?? 0;
    const message = sqsRecord('m-dup', { checks: [await queuedCheck(url)] });
    expect((await handler({ Records: [message] })).batchItemFailures).toEqual([]);
    const fetched = starts.get(url)?.length ?? 0;
    expect(fetched).toBe(before + 1);
    const checkedAt = (await store.getArticle(url))?.lastCheckedAt;

    expect((await handler({ Records: [{ ...message, messageId: 'm-dup-again' }] })).batchItemFailures).toEqual([]);
    expect(starts.get(url)?.length).toBe(fetched);
    expect((await store.getArticle(url))?.lastCheckedAt).toBe(checkedAt);
  });

  it("does not sleep on a second check of a host that lands in the same batch: it queues it again for the host's next turn, then checks it", async () => {
    const urls = [articleOf(origins[0]!), articleOf(origins[0]!, '/news/second')];
    // The host's last request (an earlier test's) out of the way: both checks could go now, one after the other.
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    const before = urls.map((url) => starts.get(url)?.length ?? 0);
    const checks = [await queuedCheck(urls[0]!), await queuedCheck(urls[1]!)];
    const headsBefore = await Promise.all(urls.map((url) => store.getArticle(url)));
    sqs.sent.length = 0;
    const response = await handler({ Records: checks.map((check, i) => sqsRecord(`m-${i}`, { checks: [check] })) });
    // One page fetched, the other not waited for (it would have been fetched once its turn came), and
    // nothing handed back: the postponed check travels in a message of its own.
    expect(response.batchItemFailures).toEqual([]);
    expect(sqs.sent).toHaveLength(1);
    const requeued = sqs.sent[0]?.body as { checks: Array<{ key: string }> } | undefined;
    const later = checks.findIndex((check) => check.key === requeued?.checks[0]?.key);
    const sooner = 1 - later;
    expect(sqs.sent).toEqual([{ queueUrl, body: { checks: [checks[later]] }, delaySeconds: expect.any(Number) }]);
    const delaySeconds = sqs.sent[0]?.delaySeconds ?? 0;
    // Held back until the host's turn: what is left of the gap, in whole seconds.
    expect(delaySeconds).toBeGreaterThanOrEqual(1);
    expect(delaySeconds).toBeLessThanOrEqual(Math.ceil(GAP_MS / 1000));
    expect(urls.map((url) => starts.get(url)?.length ?? 0)).toEqual(before.map((count, i) => (i === sooner ? count + 1 : count)));
    // Not fetched is not failed: its head is as it was, still due.
    expect(await store.getArticle(urls[later]!)).toEqual(headsBefore[later]);

    // Delivered after its delay, it is checked, the gap kept since the host's last request.
    await new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000));
    const again = await handler({ Records: [sqsRecord('m-again', sqs.sent[0]?.body)] });
    expect(again.batchItemFailures).toEqual([]);
    const startedAt = [starts.get(urls[sooner]!)?.[before[sooner]!], starts.get(urls[later]!)?.[before[later]!]].map(Number);
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(GAP_MS);
    expect((await store.getArticle(urls[later]!))?.nextCheckAt).not.toBe(checks[later]?.dueAt);
  });

  it('fails no message for a poison article: unknown and corrupt ones are dropped, a broken page is recorded on its head', async () => {
    const corruptKey = articleKey('http://corrupt.example/a');
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: `A#${corruptKey}`, sk: 'HEAD', status: 'bogus' } }));
    const brokenUrl = articleOf(origins[3]!, '/soon-broken');
    const broken = await queuedCheck(brokenUrl);
    resetting.add('/soon-broken');
    const good = articleOf(origins[2]!);
    const healthy = await queuedCheck(good);
    const response = await handler({
      Records: [
        sqsRecord('m-poison', {
          checks: [{ key: articleKey('http://never-watched.example/'), dueAt: healthy.dueAt }, { key: corruptKey, dueAt: healthy.dueAt }, healthy],
        }),
        sqsRecord('m-broken', { checks: [broken] }),
        sqsRecord('m-garbage', 'not json'),
      ],
    });
    expect(response.batchItemFailures).toEqual([]);
    expect((await store.getArticle(good))?.nextCheckAt).not.toBe(healthy.dueAt);
    // The failure is on the head, which now waits for a later retry instead of looping through the queue.
    const recorded = await store.getArticle(brokenUrl);
    expect(recorded?.nextCheckAt).not.toBe(broken.dueAt);
    expect(Date.parse(recorded?.nextCheckAt ?? '')).toBeGreaterThan(Date.now());
  });
});

describe('postponed checks', () => {
  const postponed = (key: string, hostKey: string, afterMs: number) =>
    ({ messageId: 'm', target: { key, dueAt: '2026-01-01T00:00:00.000Z' }, status: 'postponed', hostKey, afterMs }) as const;

  it("go out at most one per host per message, each held back until its host's turn, later ones of a host a second later", () => {
    const messages = postponedMessages([postponed('a1', 'a', 300), postponed('b1', 'b', 1500), postponed('a2', 'a', 300), postponed('c1', 'c', 10)]);
    expect(messages).toEqual([
      { checks: [expect.objectContaining({ key: 'a1' }), expect.objectContaining({ key: 'c1' })], delaySeconds: 1 },
      { checks: [expect.objectContaining({ key: 'b1' }), expect.objectContaining({ key: 'a2' })], delaySeconds: 2 },
    ]);
  });

  it("are never held back past SQS's longest delay, 15 minutes", () => {
    expect(postponedMessages([postponed('a1', 'a', 3_600_000)])).toEqual([{ checks: [expect.objectContaining({ key: 'a1' })], delaySeconds: 900 }]);
  });
});

describe('check messages', () => {
  it("accept dispatch's {checks:[{key,dueAt}]} and a hand-queued {url}, and nothing else", () => {
    expect(parseCheckMessage('{"checks":[{"key":"k1","dueAt":"2026-01-01T00:00:00.000Z"}]}')).toEqual([{ key: 'k1', dueAt: '2026-01-01T00:00:00.000Z' }]);
    expect(parseCheckMessage('{"url":"https://example.org/a"}')).toEqual([{ url: 'https://example.org/a' }]);
    for (const bad of ['not json', '[]', '{"checks":[]}', '{"checks":[{"key":"k"}]}', '{"checks":[{"key":"k","dueAt":"yesterday"}]}', '{"url":5}', '{}']) {
      expect(parseCheckMessage(bad), bad).toBeNull();
    }
  });
});
