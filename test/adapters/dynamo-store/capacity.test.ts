// What a check costs in write units, as DynamoDB Local reports them. A client middleware asks for
// ReturnConsumedCapacity, so the store's own requests stay exactly as production sends them.
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { freshTable } from '../../support/dynamo';
import { itemSize, writeUnits } from '../../support/item-size';
import { edited, saveEdit, watched } from './fixtures';

// The longest URL the monitor watches: it is the 'articles' index sort key, which DynamoDB caps at 1024
// bytes (domain/url.ts refuses longer). A 2,000-character URL reaches a head as the address it moved to.
const LONG_URL = `https://news.example.com/2026/03/${'council-budget-'.repeat(70)}`.slice(0, 1000);
const MOVED_URL = `https://news.example.com/2026/03/${'budget-approved-'.repeat(130)}`.slice(0, 2000);

interface MeteredRequest {
  command: string;
  items: Record<string, unknown>[];
  consumed: ConsumedCapacity[];
}

function meter(client: DynamoDBDocumentClient): { requests: MeteredRequest[]; stop: () => void } {
  const requests: MeteredRequest[] = [];
  const name = `capacity-meter-${Math.random()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
      const consumed = output.ConsumedCapacity === undefined ? [] : [output.ConsumedCapacity].flat();
      const transactItems = (input.TransactItems ?? []) as { Put?: { Item: Record<string, unknown> } }[];
      const items = input.Item ? [input.Item as Record<string, unknown>] : transactItems.flatMap((entry) => (entry.Put ? [entry.Put.Item] : []));
      requests.push({ command: String(context.commandName), items, consumed });
      return result;
    },
    { step: 'initialize', name },
  );
  return { requests, stop: () => void client.middlewareStack.remove(name) };
}

const tableUnits = (request: MeteredRequest | undefined) => request?.consumed.reduce((sum, entry) => sum + (entry.Table?.CapacityUnits ?? 0), 0);
const indexUnits = (request: MeteredRequest | undefined) =>
  Object.fromEntries(
    (request?.consumed ?? []).flatMap((entry) => Object.entries(entry.GlobalSecondaryIndexes ?? {}).map(([index, used]) => [index, used.CapacityUnits])),
  );

/** About 10 KB of ordinary prose (the dev set's median article is 9.7 KB), varied so gzip does no better than on real text. */
function articleText(seed: number): string {
  const words = 'council budget mayor approved million tuesday residents schools roads spending vote members said would year plan city'.split(' ');
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const paragraphs: string[] = [];
  while (paragraphs.join('\n\n').length < 10_000) {
    const sentence = Array.from({ length: 12 + (next() % 10) }, () => words[next() % words.length]).join(' ');
    paragraphs.push(`${sentence[0]?.toUpperCase()}${sentence.slice(1)}, ${next() % 1000} of them in ${1990 + (next() % 36)}.`);
  }
  return paragraphs.join('\n\n');
}

/** An article with a 1,000-byte URL, a 2,000-character current URL and 50 versions, as 49 edits after a watch leave it. */
async function longHistory() {
  const { client, tableName } = await freshTable();
  const store = new DynamoStore(client, tableName);
  let head: ArticleHead = await watched(store, LONG_URL, { currentUrl: MOVED_URL });
  for (let i = 1; i < 50; i++)
    head = await saveEdit(store, head, `2026-03-02T${String(Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}:00.000Z`);
  return { client, store, head };
}

describe('write units of a check', () => {
  it('an unchanged check of an article with 3,000 characters of URLs and 50 versions costs one table write unit', async () => {
    const { client, store, head } = await longHistory();
    expect(head.url).toHaveLength(1000);
    expect(head.currentUrl).toHaveLength(2000);
    expect(head.versionCount).toBe(50);
    const log = meter(client);
    const next: ArticleHead = { ...head, lastCheckedAt: '2026-03-03T09:00:00.000Z', etag: '"5f2b-61a8c3d2e4f00"', failureCount: 0 };
    await store.saveCheck(head, next);
    log.stop();

    expect(log.requests.map((request) => request.command)).toEqual(['PutItemCommand']);
    const [put] = log.requests;
    expect(tableUnits(put)).toBe(1);
    expect(itemSize(put?.items[0] ?? {})).toBeLessThan(1024);
    // The listing index is keyed on INFO, which an unchanged check leaves alone. (The due index is the dispatcher's.)
    expect(indexUnits(put).articles).toBeUndefined();
    console.info(`unchanged check: table ${tableUnits(put)} WCU, indexes ${JSON.stringify(indexUnits(put))}`);
    expect(await store.getArticle(LONG_URL)).toEqual(next);
  });

  it('a changed check writes the version gzipped, the change, INFO and HEAD in one transaction', async () => {
    const { client, store, head } = await longHistory();
    const edit = edited(head, '2026-03-03T10:00:00.000Z');
    const version = { ...edit.version, text: articleText(7) };
    const log = meter(client);
    await store.saveCheck(head, { ...edit.next, latestChars: version.text.length }, { version, change: edit.change });
    log.stop();

    const [transaction] = log.requests;
    expect(transaction?.command).toBe('TransactWriteItemsCommand');
    expect(transaction?.items.map((item) => item.sk)).toEqual(['V#000050', 'C#000049', 'INFO', 'HEAD']);
    const versionItem = transaction?.items[0] ?? {};
    expect(versionItem.textGz).toBeInstanceOf(Uint8Array);
    const textBytes = Buffer.byteLength(version.text);
    const sizes = (transaction?.items ?? []).map(itemSize);
    const [versionBytes = 0] = sizes;
    expect(versionBytes).toBeLessThan(textBytes / 2);
    // AWS bills a transactional write at 2 units per KB of each item; DynamoDB Local reports its own total.
    const awsUnits = sizes.reduce((sum, bytes) => sum + 2 * writeUnits(bytes), 0);
    const plainVersionUnits = 2 * writeUnits(versionBytes - itemSize({ textGz: versionItem.textGz }) + itemSize({ text: version.text }));
    console.info(
      `changed check: item bytes ${JSON.stringify(sizes)} (text ${textBytes} B), AWS table ${awsUnits} WCU (version ${2 * writeUnits(versionBytes)}, ${plainVersionUnits} uncompressed); DynamoDB Local reports table ${tableUnits(transaction)} WCU, indexes ${JSON.stringify(indexUnits(transaction))}`,
    );
    expect(await store.getVersion(LONG_URL, 50)).toEqual(version);
  });
});
