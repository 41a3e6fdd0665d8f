// `npm run bench:dynamo-local`: DynamoDB Local's own CPU per request, on the monitor's table (its four
// indexes included), for the requests a local check sends. It is the part of bench:throughput's CPU per
// check that no change in the monitor can lower except by sending fewer items; the file-backed store
// (what `npm start` and the CLI use) is measured beside an in-memory one, in one run.
// Bounded: 1,500 requests of each kind, 200 transactions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../lambdas/adapters/create-table';
import { createDocumentClient } from '../lambdas/adapters/dynamo-client';
import { startDynamoLocal } from '../lambdas/local/dynamo-local';
import { cpuSecondsOf } from './process-usage';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TABLE = 'bench-dynamo-local';
const ARTICLES = 1000;
const REQUESTS = 1500;
const TRANSACTIONS = 200;
const TRANSACTION_ITEMS = 8;
const CONCURRENCY = 8;

/** A HEAD item of about the size an unchanged check rewrites, in its periodic lane's fixed slot, as check writes it. */
function headItem(article: number, round: number): Record<string, unknown> {
  return {
    pk: `A#bench-${article}`,
    sk: 'HEAD',
    status: 'active',
    lastCheckedAt: new Date(1_800_000_000_000 + round * 1000).toISOString(),
    checks: round,
    contentHash: 'c'.repeat(64),
    etag: null,
    hostKey: `127.0.0.${article % 50}`,
    leaseCount: 0,
    dueLane: `P#3600#${article % 8}`,
    dueSlot: String((article * 7) % 3600).padStart(5, '0'),
  };
}

async function measure(pid: number, count: number, send: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const before = cpuSecondsOf(pid);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await send(next++);
    }),
  );
  return ((cpuSecondsOf(pid) - before) * 1000) / count;
}

async function runStore(label: string, dataDir: string | undefined): Promise<Map<string, number>> {
  const local = await startDynamoLocal(dataDir ? { dataDir } : {});
  const pid = local.pid;
  if (pid === undefined) throw new Error('DynamoDB Local started without a process id');
  const client = createDocumentClient({ endpoint: local.endpoint });
  const results = new Map<string, number>();
  try {
    await ensureTable(client, TABLE);
    // Every item exists and the JIT has seen each request before anything is timed.
    await measure(pid, ARTICLES, (i) => client.send(new PutCommand({ TableName: TABLE, Item: headItem(i, 0) })));
    await measure(pid, 200, (i) => client.send(new GetCommand({ TableName: TABLE, Key: { pk: `A#bench-${i}`, sk: 'HEAD' } })));
    results.set(
      'conditional PutItem (HEAD)',
      await measure(pid, REQUESTS, (i) =>
        client.send(new PutCommand({ TableName: TABLE, Item: headItem(i % ARTICLES, 1 + i), ConditionExpression: 'attribute_exists(pk)' })),
      ),
    );
    results.set(
      'GetItem (HEAD)',
      await measure(pid, REQUESTS, (i) => client.send(new GetCommand({ TableName: TABLE, Key: { pk: `A#bench-${i % ARTICLES}`, sk: 'HEAD' } }))),
    );
    const perTransaction = await measure(pid, TRANSACTIONS, (i) =>
      client.send(
        new TransactWriteCommand({
          TransactItems: Array.from({ length: TRANSACTION_ITEMS }, (_, k) => ({
            Put: { TableName: TABLE, Item: headItem((i * TRANSACTION_ITEMS + k) % ARTICLES, 5000 + i), ConditionExpression: 'attribute_exists(pk)' },
          })),
        }),
      ),
    );
    results.set(`TransactWriteItems of ${TRANSACTION_ITEMS}, per item`, perTransaction / TRANSACTION_ITEMS);
    for (const [name, ms] of results) console.log(`${label}: ${name}: ${ms.toFixed(2)} ms CPU`);
    return results;
  } finally {
    client.destroy();
    await local.stop();
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'bench-dynamo-local-'));
try {
  console.log(
    `bench:dynamo-local: DynamoDB Local's CPU per request (its process, all threads), ${CONCURRENCY} in flight, JAVA_TOOL_OPTIONS=${process.env.JAVA_TOOL_OPTIONS ?? "(the monitor's default)"}`,
  );
  const file = await runStore('file store', join(workDir, 'dynamo'));
  const memory = await runStore('in memory', undefined);
  console.log('--- summary');
  for (const [name, ms] of file) {
    const key = name
      .replace(/[^a-z0-9]+/gi, '_')
      .replace(/^_|_$/g, '')
      .toLowerCase();
    console.log(
      `${key}_cpu_ms=${ms.toFixed(2)} (in memory ${(memory.get(name) ?? Number.NaN).toFixed(2)}; file/memory ${(ms / (memory.get(name) ?? Number.NaN)).toFixed(2)})`,
    );
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(0);
