// Reading article heads, which are two items each (head-items.ts): one article by a strongly
// consistent Query over its two adjacent sort keys, many by BatchGet. A read that catches the
// two items from different writes reads again.
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArticleHead } from '../domain/types';
import { StoreBusyError } from '../errors';
import type { RawItem } from './dynamo-item-fields';
import { aliasTarget, HEAD_SK } from './dynamo-items';
import { INFO_SK, itemsToHead, tornHeadError } from './head-items';

const BATCH_GET_MAX = 100;
const BATCH_GET_ATTEMPTS = 10;
/** A torn read is a transaction caught halfway; it settles within milliseconds, or it is damage. */
const TORN_READ_ATTEMPTS = 4;

export const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface StoredHeadItems {
  hot: RawItem;
  info: RawItem | undefined;
}

/** What sits at an article's HEAD sort key: its head, an alias to another address, or nothing. */
export type HeadLookup = { head: ArticleHead } | { aliasOf: string } | null;

export class HeadReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Both items of one article in one Query. Strongly consistent: the check that reads a head saves
   * conditionally on it, and a stale read would refetch the page after every refused save, undo the
   * last check's failure count or pending shrink (fields the condition does not guard), and let a
   * duplicate delivery see the article as still due. It would save half a read unit per check.
   */
  async itemsAt(pk: string): Promise<StoredHeadItems | null> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        // HEAD and INFO are adjacent: no other sort key starts with a letter from H to I.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :head AND :info',
        ExpressionAttributeValues: { ':pk': pk, ':head': HEAD_SK, ':info': INFO_SK },
        ConsistentRead: true,
      }),
    );
    const hot = Items.find((item) => item.sk === HEAD_SK);
    return hot ? { hot, info: Items.find((item) => item.sk === INFO_SK) } : null;
  }

  async lookup(pk: string): Promise<HeadLookup> {
    for (let attempt = 1; ; attempt++) {
      const items = await this.itemsAt(pk);
      if (!items) return null;
      const target = aliasTarget(items.hot);
      if (target !== null) return { aliasOf: target };
      const head = itemsToHead(items.hot, items.info);
      if (head !== 'torn') return { head };
      if (attempt >= TORN_READ_ATTEMPTS) throw tornHeadError(pk);
      await pause(20 * attempt);
    }
  }

  /** The heads under these partition keys, in their order, leaving out those gone or aliases. */
  async headsAt(pks: string[]): Promise<ArticleHead[]> {
    const unique = [...new Set(pks)];
    const found = new Map<string, StoredHeadItems>();
    const infos = new Map<string, RawItem>();
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX / 2) {
      const keys = unique.slice(i, i + BATCH_GET_MAX / 2).flatMap((pk) => [
        { pk, sk: HEAD_SK },
        { pk, sk: INFO_SK },
      ]);
      for (const item of await this.batchGet(keys)) {
        const pk = String(item.pk);
        if (item.sk === INFO_SK) infos.set(pk, item);
        else found.set(pk, { hot: item, info: undefined });
      }
    }
    const heads: ArticleHead[] = [];
    for (const pk of unique) {
      const items = found.get(pk);
      if (!items || aliasTarget(items.hot) !== null) continue;
      const head = itemsToHead(items.hot, infos.get(pk));
      if (head !== 'torn') {
        heads.push(head);
        continue;
      }
      // BatchGet reads are eventually consistent: read this one again the careful way.
      const again = await this.lookup(pk);
      if (again && 'head' in again) heads.push(again.head);
    }
    return heads;
  }

  private async batchGet(keys: Record<string, unknown>[]): Promise<RawItem[]> {
    const items: RawItem[] = [];
    let pending = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > BATCH_GET_ATTEMPTS) {
        throw new StoreBusyError(`DynamoDB left ${pending.length} article head items unread after ${BATCH_GET_ATTEMPTS} attempts`);
      }
      if (attempt > 1) await pause(Math.min(1000, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
      items.push(...(Responses?.[this.tableName] ?? []));
      pending = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }
}
