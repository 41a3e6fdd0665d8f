// The AWS path's dispatcher on DynamoDB Local: each due article is queued once across overlapping
// and concurrent runs, a lagging lane is caught up to the budget (the rest reported overdue), each
// host's checks are spaced by delays, and a check message delivered twice costs no fetch.
// SQS cannot run here: the queue adapter is tested against a real SQSClient stopped at its own middleware stack.
import { SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDueIndex } from '../../lambdas/adapters/dynamo-due-index';
import { headToItems } from '../../lambdas/adapters/head-items';
import { SqsCheckQueue } from '../../lambdas/adapters/sqs-queue';
import { createRuntime } from '../../lambdas/composition/runtime';
import { type MonitorConfig, parseConfig } from '../../lambdas/domain/config';
import { DUE_SHARDS, laneName } from '../../lambdas/domain/due-lanes';
import { nextCheck } from '../../lambdas/domain/schedule';
import { articleKey } from '../../lambdas/domain/url';
import { QueueSendError } from '../../lambdas/errors';
import type { CheckBatchMessage } from '../../lambdas/ports';
import { checkArticle } from '../../lambdas/service/checker';
import { CHECKS_PER_MESSAGE, dispatchDue, packChecks } from '../../lambdas/service/dispatch';
import { newHead, watchArticle } from '../../lambdas/service/watch';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

const MINUTE = 60_000;

function fakeSqs(failIds: (callNumber: number) => string[] = () => []) {
  const client = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  const calls: SendMessageBatchRequestEntry[][] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      if (context.commandName !== 'SendMessageBatchCommand') throw new Error(`unexpected ${String(context.commandName)}`);
      const entries = structuredClone((args.input as { Entries: SendMessageBatchRequestEntry[] }).Entries);
      calls.push(entries);
      const failing = new Set(failIds(calls.length));
      return {
        output: {
          Successful: entries.filter((e) => !failing.has(e.Id ?? '')).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
          Failed: entries.filter((e) => failing.has(e.Id ?? '')).map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false })),
          $metadata: {},
        },
        response: {},
      };
    },
    { step: 'initialize', name: 'fakeSqs' },
  );
  return { client, calls };
}

/** One regular interval (15 minutes): 32 lanes a run. */
function oneInterval(gap: string): MonitorConfig {
  return parseConfig({ politeness: { perHostGap: gap }, schedule: { steps: [{ under: '365d', every: '15m' }], removedEvery: '15m' } });
}

/** A table holding `count` articles on `hosts` hosts, each checked on its slot and due again within the last 15 minutes. */
async function tableOfDueArticles(count: number, hosts: number, now: Date, config: MonitorConfig) {
  const { client, tableName, endpoint } = await freshTable();
  const before = new Date(now.getTime() - 15 * MINUTE);
  const items = Array.from({ length: count }, (_, i) => {
    const head = newHead(`https://host-${i % hosts}.example/news/${i}`, config, new Date(before.getTime() - MINUTE));
    const next = nextCheck(config.schedule, head, before);
    const { hot, info } = headToItems({ ...head, lastCheckedAt: before.toISOString(), nextCheckAt: next?.at ?? null, checkEvery: next?.every ?? null });
    return [hot, info];
  }).flat();
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  return { client, tableName, endpoint, dueIndex: new DynamoDueIndex(client, tableName) };
}

function collector() {
  const sent: CheckBatchMessage[] = [];
  return {
    sent,
    queue: { enqueue: async (messages: CheckBatchMessage[]) => void sent.push(...messages) },
    keys: () => sent.flatMap((m) => m.checks.map((c) => c.key)),
  };
}

describe('dispatch queues each due article once', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');

  it('across overlapping runs a minute apart, and across two dispatchers running at once', async () => {
    const config = oneInterval('0s');
    const { dueIndex } = await tableOfDueArticles(300, 30, now, config);
    const out = collector();
    let time = now;
    const deps = { dueIndex, config, clock: { now: () => time }, queue: out.queue };
    const [a, b] = await Promise.all([dispatchDue(deps, { budgetMs: 30_000 }), dispatchDue(deps, { budgetMs: 30_000 })]);
    expect(a.queued + b.queued).toBe(300);
    expect(new Set(out.keys()).size).toBe(300);
    // Fifteen more minutes, two dispatchers each minute: each article comes round once more, at its slot.
    // (Its check never ran here, so it is still due then.)
    for (let minute = 1; minute <= 15; minute++) {
      time = new Date(now.getTime() + minute * MINUTE);
      await Promise.all([dispatchDue(deps, { budgetMs: 30_000 }), dispatchDue(deps, { budgetMs: 30_000 })]);
    }
    const queued = out.sent.flatMap((m) => m.checks.map((c) => `${c.key} ${c.dueAt}`));
    expect(new Set(queued).size).toBe(queued.length);
    expect(queued).toHaveLength(600);
    expect(new Set(out.keys().slice(300)).size).toBe(300);
  }, 120_000);

  it('catches a lagging lane up to the budget and reports the rest overdue; the next run finishes it', async () => {
    const config = oneInterval('0s');
    const { dueIndex } = await tableOfDueArticles(3000, 300, now, config);
    const out = collector();
    const deps = { dueIndex, config, clock: { now: () => now }, queue: out.queue };
    const short = await dispatchDue(deps, { budgetMs: 0 });
    expect(short.queued).toBe(0);
    // Due up to 15 minutes ago: all but those due in the last two minutes are overdue.
    expect(short.overdue).toBeGreaterThan(3000 * (12 / 15) * 0.8);
    expect(short.overdue).toBeLessThan(3000);
    const full = await dispatchDue(deps, { budgetMs: 60_000 });
    expect(full.queued).toBe(3000);
    expect(full.overdue).toBe(0);
    expect(new Set(out.keys()).size).toBe(3000);
  }, 120_000);

  it('spaces a host: 30 due articles of one host get delays 0..29 s at a 1 s gap, one per message', async () => {
    const config = oneInterval('1s');
    const { dueIndex } = await tableOfDueArticles(30, 1, now, config);
    const out = collector();
    const report = await dispatchDue({ dueIndex, config, clock: { now: () => now }, queue: out.queue }, { budgetMs: 30_000 });
    expect(report).toMatchObject({ queued: 30, deferred: 0 });
    expect(out.sent.map((m) => m.delaySeconds).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(out.sent.every((m) => m.checks.length === 1)).toBe(true);
  });

  it('defers what a host could not start within 900 s to a one-off lane at its start time, and remembers the busy host', async () => {
    const config = oneInterval('10s');
    const { dueIndex } = await tableOfDueArticles(100, 1, now, config);
    const out = collector();
    const deps = { dueIndex, config, clock: { now: () => now }, queue: out.queue };
    const report = await dispatchDue(deps, { budgetMs: 30_000 });
    // Starts 0, 10, ... 900 s fit; the rest wait.
    expect(report).toMatchObject({ queued: 91, deferred: 9 });
    expect(Math.max(...out.sent.map((m) => m.delaySeconds))).toBe(900);
    expect([...(await dueIndex.busyHosts()).values()]).toEqual([now.getTime() + 1000 * 1000]);
    // They wait in a one-off lane at their start times, after the host's last start.
    const queuedFirst = new Set(out.keys());
    const waiting = (
      await Promise.all(Array.from({ length: DUE_SHARDS }, (_, shard) => dueIndex.entries(laneName({ kind: 'one-off', shard }), '0', '9', 100)))
    ).flatMap((page) => page.entries);
    expect(waiting).toHaveLength(9);
    for (const entry of waiting) {
      expect(queuedFirst.has(entry.key)).toBe(false);
      expect(Date.parse(entry.slot) - now.getTime()).toBeGreaterThan(900_000);
    }
    // When their start comes, they are queued.
    const later = { ...deps, clock: { now: () => new Date(now.getTime() + 17 * MINUTE) } };
    await dispatchDue(later, { budgetMs: 30_000 });
    const queuedLater = new Set(out.keys().slice(queuedFirst.size));
    for (const entry of waiting) expect(queuedLater.has(entry.key)).toBe(true);
  }, 120_000);
});

describe('messages', () => {
  it('pack checks of the same second, at most one per host and 25 per message', () => {
    const checks = Array.from({ length: 60 }, (_, i) => ({
      key: `k${i}`,
      dueAt: '2026-12-01T12:00:00.000Z',
      hostKey: i < 10 ? 'same' : `h${i}`,
      startAt: 1000,
    }));
    const messages = packChecks(checks, 1000);
    expect(messages.every((m) => m.delaySeconds === 0 && m.checks.length <= CHECKS_PER_MESSAGE)).toBe(true);
    for (const message of messages) expect(message.checks.filter((c) => Number(c.key.slice(1)) < 10).length).toBeLessThanOrEqual(1);
    expect(messages.flatMap((m) => m.checks)).toHaveLength(60);
  });
});

describe('checks', () => {
  let newsroom: Newsroom;
  beforeAll(async () => {
    newsroom = await startNewsroom();
  });
  afterAll(async () => {
    await newsroom.close();
  });

  it('an unchanged check of a periodic article leaves its due index keys as they were; a duplicate message costs no fetch and no write', async () => {
    const { endpoint, tableName, client } = await freshTable();
    const config = parseConfig({ politeness: { perHostGap: 0 } });
    config.fetch.allowPrivateNetwork = true;
    let time = new Date('2026-11-21T09:00:00Z');
    const deps = { ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time } };
    newsroom.publish('/p/1', sampleArticle());
    const { article } = await watchArticle(deps, newsroom.url('/p/1'));
    expect(article.checkEvery).toBe(900);
    const raw = async () => (await client.send(new GetCommand({ TableName: tableName, Key: { pk: `A#${articleKey(article.url)}`, sk: 'HEAD' } }))).Item ?? {};
    const before = await raw();
    time = new Date(article.nextCheckAt ?? '');
    const out = collector();
    await dispatchDue({ ...deps, queue: out.queue }, { budgetMs: 30_000 });
    const [queued] = out.sent.flatMap((m) => m.checks);
    expect(queued).toEqual({ key: articleKey(article.url), dueAt: article.nextCheckAt });
    const fetches = newsroom.requests('/p/1');
    expect((await checkArticle(deps, article.url, { ifDueAt: queued?.dueAt ?? '' })).outcome).toBe('unchanged');
    const after = await raw();
    expect({ dueLane: after.dueLane, dueSlot: after.dueSlot, hostKey: after.hostKey }).toEqual({
      dueLane: before.dueLane,
      dueSlot: before.dueSlot,
      hostKey: before.hostKey,
    });
    expect(Date.parse(String(after.nextCheckAt)) - Date.parse(article.nextCheckAt ?? '')).toBe(15 * MINUTE);
    // The same message again: skipped, nothing fetched, nothing written.
    expect((await checkArticle(deps, article.url, { ifDueAt: queued?.dueAt ?? '' })).outcome).toBe('already-checked');
    expect(newsroom.requests('/p/1')).toBe(fetches + 1);
    expect(await raw()).toEqual(after);
  });
});

describe('the SQS queue adapter', () => {
  const message = (n: number): CheckBatchMessage => ({ checks: [{ key: `key${n}`, dueAt: '2026-11-21T09:15:00.000Z' }], delaySeconds: n % 3 });

  it('sends batches of ten to a standard queue, with the delay and the checks in the body', async () => {
    const sqs = fakeSqs();
    await new SqsCheckQueue(sqs.client, 'https://sqs.example/queue').enqueue(Array.from({ length: 23 }, (_, i) => message(i)));
    expect(sqs.calls.map((c) => c.length).sort((a, b) => b - a)).toEqual([10, 10, 3]);
    const first = sqs.calls.flat().find((entry) => JSON.parse(entry.MessageBody ?? '').checks[0].key === 'key2');
    expect(first).toMatchObject({ DelaySeconds: 2 });
    expect(first?.MessageGroupId).toBeUndefined();
    expect(JSON.parse(first?.MessageBody ?? '')).toEqual({ checks: [{ key: 'key2', dueAt: '2026-11-21T09:15:00.000Z' }] });
  });

  it('resends entries SQS failed, and gives up with an error when they keep failing', async () => {
    const flaky = fakeSqs((call) => (call === 1 ? ['1'] : []));
    await new SqsCheckQueue(flaky.client, 'q').enqueue([message(0), message(1)]);
    expect(flaky.calls.map((c) => c.map((e) => e.Id))).toEqual([['0', '1'], ['1']]);

    const broken = fakeSqs(() => ['0']);
    await expect(new SqsCheckQueue(broken.client, 'q').enqueue([message(0)])).rejects.toBeInstanceOf(QueueSendError);
  });
});
