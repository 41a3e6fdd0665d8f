// The stack gives each function the IAM actions STORE_METHOD_ACCESS lists for
// the store methods it calls. This runs every method of the DynamoDB store on
// DynamoDB Local, through every write path (plain, transaction, alias), and
// fails when a method sends an action, or queries an index, the list leaves out:
// on AWS that call would be denied.
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDueIndex } from '../../lambdas/adapters/dynamo-due-index';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { articleKey } from '../../lambdas/domain/url';
import { type DynamoAction, STORE_METHOD_ACCESS, type StoreMethod } from '../../lambdas/adapters/store-permissions';
import { hostSource } from '../../lambdas/domain/url';
import { freshTable } from '../support/dynamo';
import { recordCommands, type SentCommand } from './dynamo-store/command-log';
import { articleHead, changeRecord, versionRecord } from './dynamo-store/fixtures';

const COMMAND_ACTIONS: Record<string, DynamoAction> = {
  GetItemCommand: 'GetItem',
  BatchGetItemCommand: 'BatchGetItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  PutItemCommand: 'PutItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteItemCommand: 'DeleteItem',
  BatchWriteItemCommand: 'BatchWriteItem',
};

/** A transaction is authorised item by item (AWS: "Using IAM with DynamoDB transactions"). */
const TRANSACT_ACTIONS: Record<string, DynamoAction> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

function permissionsUsed(sent: SentCommand[]): { table: Set<string>; indexes: Set<string> } {
  const table = new Set<string>();
  const indexes = new Set<string>();
  for (const command of sent) {
    if (command.name === 'TransactWriteItemsCommand') {
      for (const item of command.input.TransactItems as Array<Record<string, unknown>>) {
        for (const key of Object.keys(item)) table.add(TRANSACT_ACTIONS[key] ?? `unknown transaction item ${key}`);
      }
      continue;
    }
    const action = COMMAND_ACTIONS[command.name];
    if (action === undefined) throw new Error(`the store sent ${command.name}, which this test does not know: add it with its IAM action`);
    if (action === 'Query' && typeof command.input.IndexName === 'string') indexes.add(command.input.IndexName);
    else table.add(action);
  }
  return { table, indexes };
}

const URL_A = 'https://news.example/2026/budget';
const URL_B = 'https://news.example/2026/budget-moved';

let store: DynamoStore;
let client: Awaited<ReturnType<typeof freshTable>>['client'];
const used = new Map<StoreMethod, { table: Set<string>; indexes: Set<string> }>();

async function run(method: StoreMethod, call: () => Promise<unknown>): Promise<void> {
  const log = recordCommands(client);
  try {
    await call();
  } finally {
    log.stop();
  }
  const seen = permissionsUsed(log.sent);
  const before = used.get(method) ?? { table: new Set<string>(), indexes: new Set<string>() };
  used.set(method, { table: new Set([...before.table, ...seen.table]), indexes: new Set([...before.indexes, ...seen.indexes]) });
}

beforeAll(async () => {
  const table = await freshTable();
  client = table.client;
  store = new DynamoStore(client, table.tableName);
  const head = articleHead(URL_A, { versionCount: 1 });
  await run('createArticle', () => store.createArticle(head, versionRecord(URL_A, 0)));
  await run('createArticle', () => store.createArticle(articleHead('https://news.example/other')));
  await run('getArticle', () => store.getArticle(URL_A));
  await run('getArticleByKey', () => store.getArticleByKey('no-such-key'));
  // An unchanged check, then a new version with its change, then a move (alias).
  const checked = { ...head, lastCheckedAt: '2026-03-01T08:20:00.000Z' };
  await run('saveCheck', () => store.saveCheck(head, checked));
  const changed = { ...checked, versionCount: 2, changeCount: 1, contentHash: 'hash-1' };
  await run('saveCheck', () => store.saveCheck(checked, changed, { version: versionRecord(URL_A, 1), change: changeRecord(URL_A, 0, 1) }));
  const moved = { ...changed, versionCount: 3, changeCount: 2, contentHash: 'hash-2' };
  await run('saveCheck', () =>
    store.saveCheck(changed, moved, {
      version: versionRecord(URL_A, 2),
      change: changeRecord(URL_A, 1, 2, { kinds: ['url-changed'], newUrl: URL_B }),
      alias: URL_B,
    }),
  );
  // A check that suppressed a headline variant counts it on the variant's own item.
  const suppressed = { ...moved, lastCheckedAt: '2026-03-01T09:00:00.000Z' };
  const sighting = {
    url: URL_A,
    source: hostSource(URL_A),
    hash: 'b'.repeat(64),
    title: 'Council rejects budget',
    currentTitle: 'Council approves budget',
    excerpt: 'rejected',
    seenAt: '2026-03-01T09:00:00.000Z',
  };
  await run('saveCheck', () => store.saveCheck(moved, suppressed, { variants: [sighting] }));
  await run('listVariants', () => store.listVariants(URL_A));
  await run('recentVariants', () => store.recentVariants({ limit: 10 }));
  await run('recentVariants', () => store.recentVariants({ source: hostSource(URL_A), limit: 10 }));
  await run('getArticle', () => store.getArticle(URL_B));
  await run('getVersion', () => store.getVersion(URL_A, 1));
  await run('listVersions', () => store.listVersions(URL_A));
  await run('recentChanges', () => store.recentChanges({ url: URL_A }));
  await run('recentChanges', () => store.recentChanges({ source: hostSource(URL_A), kinds: ['number'] }));
  await run('recentChanges', () => store.recentChanges({ stealthOnly: true }));
  const dueIndex = new DynamoDueIndex(client, table.tableName);
  await run('cursors', () => dueIndex.cursors());
  await run('claim', () => dueIndex.claim('P#900#0', null, 1_000));
  const lane = 'P#900#0';
  const page = await dueIndex.entries(lane, '0', '9', 10);
  await run('entries', () => dueIndex.entries(lane, '0', '999999', 10));
  await run('count', () => dueIndex.count(lane, '0', '999999'));
  const entry = page.entries[0] ?? { key: articleKey(URL_A), hostKey: 'h', slot: '000001', leaseCount: 0 };
  await run('lease', () => dueIndex.lease('O#0', entry, '2030-01-01T00:00:00.000Z'));
  await run('defer', () => dueIndex.defer(lane, entry, 'O#0', '2030-01-01T00:00:00.000Z'));
  await run('setHostFreeAt', () => dueIndex.setHostFreeAt('h', 1_000));
  await run('busyHosts', () => dueIndex.busyHosts());
  await run('forgetHost', () => dueIndex.forgetHost('h', 1_000));
  await run('allArticles', async () => {
    for await (const _ of store.allArticles()) void _;
  });
  await run('listArticles', () => store.listArticles({ limit: 1 }));
  await run('deleteArticle', () => store.deleteArticle(URL_A));
}, 60_000);

describe('the IAM actions each store method needs', () => {
  it.each(Object.keys(STORE_METHOD_ACCESS) as StoreMethod[])('are all listed for %s', (method) => {
    const seen = used.get(method);
    expect(seen, `${method} was never called here: call it in beforeAll`).toBeDefined();
    expect([...(seen?.table ?? [])].filter((action) => !STORE_METHOD_ACCESS[method].table.includes(action as DynamoAction))).toEqual([]);
    expect([...(seen?.indexes ?? [])].filter((index) => !(STORE_METHOD_ACCESS[method].indexes as readonly string[]).includes(index))).toEqual([]);
  });
});
