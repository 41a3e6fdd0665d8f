// The AWS path's dispatcher: due articles become FIFO messages grouped by host,
// and a duplicate delivery of a check that already ran costs no fetch.
// SQS cannot run here, so a real SQSClient is stopped at its own middleware stack.
import { SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import { SqsCheckQueue } from '../../lambdas/adapters/sqs-queue';
import { QueueSendError } from '../../lambdas/errors';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import type { CheckMessage } from '../../lambdas/ports';
import { dispatchDue, messageGroup } from '../../lambdas/service/dispatch';
import { createRuntime } from '../../lambdas/composition/runtime';
import { watchArticle } from '../../lambdas/service/watch';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

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

let newsroom: Newsroom;
let deps: CheckerDeps;
let time = new Date('2026-11-21T09:00:00Z');

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({ politeness: { perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  deps = { ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time } };
});

afterAll(async () => {
  await newsroom.close();
});

describe('dispatch', () => {
  it('queues only due articles, grouped by host, each with the due time it was queued for', async () => {
    for (const n of [1, 2, 3]) {
      newsroom.publish(`/d/${n}`, sampleArticle());
      await watchArticle(deps, newsroom.url(`/d/${n}`));
    }
    const queued: CheckMessage[] = [];
    expect(await dispatchDue(deps.store, { enqueue: async (m) => void queued.push(...m) }, deps.clock, 100)).toBe(0);

    time = new Date(time.getTime() + 30 * 60_000);
    const count = await dispatchDue(deps.store, { enqueue: async (m) => void queued.push(...m) }, deps.clock, 100);
    expect(count).toBe(3);
    const heads = await Promise.all(queued.map((m) => deps.store.getArticle(m.url)));
    expect(queued.map((m) => m.group)).toEqual([new URL(newsroom.origin).host, new URL(newsroom.origin).host, new URL(newsroom.origin).host]);
    expect(queued.map((m) => m.dueAt)).toEqual(heads.map((h) => h?.nextCheckAt));
    expect(new Set(queued.map((m) => m.dedupId)).size).toBe(3);
  });

  it('a second delivery of a check that already ran is skipped without fetching', async () => {
    newsroom.publish('/d/dup', sampleArticle());
    const url = (await watchArticle(deps, newsroom.url('/d/dup'))).article.url;
    const dueAt = (await deps.store.getArticle(url))?.nextCheckAt ?? '';
    time = new Date(Date.parse(dueAt) + 1000);
    expect((await checkArticle(deps, url, { ifDueAt: dueAt })).outcome).toBe('unchanged');
    const fetches = newsroom.requests('/d/dup');
    expect((await checkArticle(deps, url, { ifDueAt: dueAt })).outcome).toBe('already-checked');
    expect(newsroom.requests('/d/dup')).toBe(fetches);
  });
});

describe('message groups', () => {
  it('keeps a host as its group, and turns an over-long host into a short stable id SQS accepts', () => {
    expect(messageGroup('www.npr.org')).toBe('www.npr.org');
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.example.com`;
    expect(messageGroup(long).length).toBeLessThanOrEqual(128);
    expect(messageGroup(long)).toBe(messageGroup(long));
    expect(messageGroup(long)).not.toBe(messageGroup(`c${long.slice(1)}`));
  });
});

describe('the SQS queue adapter', () => {
  const message = (n: number): CheckMessage => ({
    url: `https://news.example/${n}`,
    dueAt: '2026-11-21T09:15:00.000Z',
    group: 'news.example',
    dedupId: `key${n}-20261121091500000`,
  });

  it('sends FIFO batches of ten with the url and due time in the body', async () => {
    const sqs = fakeSqs();
    await new SqsCheckQueue(sqs.client, 'https://sqs.example/queue.fifo').enqueue(Array.from({ length: 23 }, (_, i) => message(i)));
    expect(sqs.calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(sqs.calls[0]?.[0]).toMatchObject({ MessageGroupId: 'news.example', MessageDeduplicationId: 'key0-20261121091500000' });
    expect(JSON.parse(sqs.calls[0]?.[0]?.MessageBody ?? '')).toEqual({ url: 'https://news.example/0', dueAt: '2026-11-21T09:15:00.000Z' });
  });

  it('resends entries SQS failed, and gives up with an error when they keep failing', async () => {
    const flaky = fakeSqs((call) => (call === 1 ? ['1'] : []));
    await new SqsCheckQueue(flaky.client, 'q').enqueue([message(0), message(1)]);
    expect(flaky.calls.map((c) => c.map((e) => e.Id))).toEqual([['0', '1'], ['1']]);

    const broken = fakeSqs(() => ['0']);
    await expect(new SqsCheckQueue(broken.client, 'q').enqueue([message(0)])).rejects.toBeInstanceOf(QueueSendError);
  });
});
