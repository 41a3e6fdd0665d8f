// Webhooks against a real receiver on 127.0.0.1: the body is the change's JSON,
// the signature is the HMAC a receiver can check, failures are retried with
// backoff, refusals are not, and every attempt is logged.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DeliveryLogEntry, WebhookPublisher } from '../../lambdas/adapters/webhook-publisher';
import { NotificationDeliveryError } from '../../lambdas/errors';
import type { ChangeNotification } from '../../lambdas/ports';

const SECRET = 'a-shared-secret-of-some-length';

interface Received {
  body: string;
  signature: string | undefined;
  contentType: string | undefined;
}

let server: Server;
let url: string;
let received: Received[];
/** Statuses to answer with, in turn; 200 once they run out. */
let answers: number[];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: request.headers['x-monitor-signature'] as string | undefined,
        contentType: request.headers['content-type'],
      });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

beforeEach(() => {
  received = [];
  answers = [];
});

function notification(summary: string): ChangeNotification {
  return {
    subject: `Stealth edit: ${summary}`,
    body: JSON.stringify({ type: 'change', url: 'https://news.example.com/a', summary }),
    attributes: { kinds: ['quote'], stealth: true, source: 'news.example.com', significance: 0.4 },
  };
}

function publisher(log: DeliveryLogEntry[], waits: number[] = [], target = url): WebhookPublisher {
  return new WebhookPublisher({
    name: 'desk',
    url: target,
    secret: SECRET,
    log: (entry) => log.push(entry),
    firstRetryMs: 100,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

describe('webhook notifications', () => {
  it('POST the change as JSON, signed with the HMAC-SHA256 of the body', async () => {
    const log: DeliveryLogEntry[] = [];
    await publisher(log).publish([notification('A quote changed')]);
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit?.contentType).toBe('application/json');
    expect(JSON.parse(hit?.body ?? '')).toMatchObject({ summary: 'A quote changed' });
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(hit?.body ?? '')
      .digest('hex')}`;
    expect(hit?.signature).toBe(expected);
    expect(log).toMatchObject([{ subscription: 'desk', attempt: 1, status: 200, delivered: true }]);
  });

  it('retry a failing receiver with growing waits until it takes the message', async () => {
    answers = [503, 500];
    const log: DeliveryLogEntry[] = [];
    const waits: number[] = [];
    await publisher(log, waits).publish([notification('A number changed')]);
    expect(received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    expect(log.map((entry) => [entry.attempt, entry.status, entry.delivered])).toEqual([
      [1, 503, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it('do not retry a receiver that refuses the message, and say which one was not delivered', async () => {
    answers = [400];
    const log: DeliveryLogEntry[] = [];
    const error = await publisher(log)
      .publish([notification('refused'), notification('taken')])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationDeliveryError);
    expect((error as NotificationDeliveryError).undelivered).toEqual([0]);
    expect(received.map((hit) => JSON.parse(hit.body).summary)).toEqual(['refused', 'taken']);
    expect(log.filter((entry) => !entry.delivered)).toHaveLength(1);
  });

  it('log every attempt at an unreachable receiver, with no status', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise<void>((done) => closed.close(() => done()));
    const log: DeliveryLogEntry[] = [];
    await expect(publisher(log, [], deadUrl).publish([notification('lost')])).rejects.toBeInstanceOf(NotificationDeliveryError);
    expect(log).toHaveLength(4);
    expect(log.every((entry) => entry.status === null && entry.error !== undefined && !entry.delivered)).toBe(true);
  });
});
