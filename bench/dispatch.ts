// Dispatch benchmark: 10,000 periodic articles due at once (500 hosts × 20) on DynamoDB Local,
// one dispatch run. Prints the lanes, DynamoDB calls by kind, the messages it would send and
// the time taken. The queue is counted, not sent (SQS does not run here): SendMessageBatch calls
// are messages / 10.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../lambdas/adapters/create-table';
import { createDocumentClient } from '../lambdas/adapters/dynamo-client';
import { DynamoDueIndex } from '../lambdas/adapters/dynamo-due-index';
import { headToItems } from '../lambdas/adapters/head-items';
import { defaultConfig } from '../lambdas/domain/config';
import { nextCheck } from '../lambdas/domain/schedule';
import { startDynamoLocal } from '../lambdas/local/dynamo-local';
import type { CheckBatchMessage } from '../lambdas/ports';
import { dispatchDue } from '../lambdas/service/dispatch';
import { newHead } from '../lambdas/service/watch';

const ARTICLES = Number(process.env.ARTICLES ?? 10_000);
const HOSTS = Number(process.env.HOSTS ?? 500);

const dynamo = await startDynamoLocal();
try {
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.set(String(context.commandName), (calls.get(String(context.commandName)) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const tableName = 'bench-dispatch';
  await ensureTable(client, tableName);
  const config = defaultConfig();
  const now = new Date('2026-12-01T12:00:00.000Z');
  const firstSeen = new Date(now.getTime() - 60 * 60_000);
  const items = Array.from({ length: ARTICLES }, (_, i) => {
    const url = `https://host-${i % HOSTS}.example/news/${i}`;
    const head = newHead(url, config, firstSeen);
    // Checked a quarter of an hour ago on its slot: due again at its slot within the last 15 minutes.
    const next = nextCheck(config.schedule, head, new Date(now.getTime() - 15 * 60_000));
    const { hot, info } = headToItems({ ...head, lastCheckedAt: firstSeen.toISOString(), nextCheckAt: next?.at ?? null, checkEvery: next?.every ?? null });
    return [hot, info];
  }).flat();
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let b = worker; b < batches.length; b += 8)
        await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: (batches[b] ?? []).map((Item) => ({ PutRequest: { Item } })) } }));
    }),
  );
  calls.clear();
  const sent: CheckBatchMessage[] = [];
  const report = await dispatchDue(
    { dueIndex: new DynamoDueIndex(client, tableName), config, clock: { now: () => now }, queue: { enqueue: async (messages) => void sent.push(...messages) } },
    { budgetMs: 50_000 },
  );
  const checks = sent.reduce((sum, message) => sum + message.checks.length, 0);
  const maxDelay = Math.max(...sent.map((message) => message.delaySeconds));
  console.log(JSON.stringify({ report }));
  console.log(`DynamoDB calls: ${JSON.stringify(Object.fromEntries(calls))}`);
  console.log(`messages: ${sent.length} (${Math.ceil(sent.length / 10)} SendMessageBatch calls) carrying ${checks} checks; longest delay ${maxDelay} s`);
  console.log(`RESULT dispatch_checks_per_second=${Math.round((report.queued / report.tookMs) * 1000)}`);
} finally {
  await dynamo.stop();
}
