// The ArticleStore on one DynamoDB table. Every read is by key (Get, Query, BatchGet),
// never Scan; item layout and index names are in table-schema.ts.
import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ArticleHead, ChangeRecord, VersionRecord } from '../domain/types';
import { ArticleExistsError, StaleHeadError, StoreBusyError } from '../errors';
import { systemClock, type ArticleStore, type ChangeQuery, type CheckWrites, type Clock, type VersionSummary } from '../ports';
import type { RawItem } from './dynamo-item-fields';
import {
  CHANGE_PREFIX,
  HEAD_SK,
  VERSION_PREFIX,
  VERSION_SUMMARY_FIELDS,
  articlePk,
  changeToItem,
  dueShardKey,
  feedSourceKey,
  headToItem,
  itemToChange,
  itemToHead,
  itemToVersion,
  itemToVersionSummary,
  listShardKey,
  versionSk,
  versionToItem,
} from './dynamo-items';
import { checkCreate, checkSave } from './store-write-rules';
import { SHARD_COUNT } from './table-schema';
import { cursorTime } from '../domain/change-cursor';
import { DEFAULT_CHANGE_LIMIT, feedMonthsBack } from './change-listing';

/** Items one change listing may read before it returns what it has. */
export const MAX_EXAMINED = 5000;
const BATCH_GET_MAX = 100;
const CONFLICT_ATTEMPTS = 5;
const BATCH_GET_ATTEMPTS = 10;

type KeyedQuery = Pick<
  QueryCommandInput,
  'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'ScanIndexForward'
>;

const HEAD_LOCK = '#versionCount = :previousVersionCount AND #changeCount = :previousChangeCount';

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function cancellationCodes(error: unknown): string[] {
  if (!(error instanceof TransactionCanceledException)) return [];
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

function conditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || cancellationCodes(error).includes('ConditionalCheckFailed');
}

/** Another transaction held one of our items; the write did not happen and may simply be tried again. */
function conflicted(error: unknown): boolean {
  return error instanceof TransactionConflictException || cancellationCodes(error).includes('TransactionConflict');
}

export class DynamoStore implements ArticleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Where the overall change feed starts looking back from. */
    private readonly clock: Clock = systemClock,
  ) {}

  async getArticle(url: string): Promise<ArticleHead | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: articlePk(url), sk: HEAD_SK }, ConsistentRead: true }),
    );
    return Item ? itemToHead(Item) : null;
  }

  async createArticle(head: ArticleHead, version?: VersionRecord): Promise<void> {
    checkCreate(head, version);
    const refuse = (): Error => new ArticleExistsError(head.url);
    const newItem = { ConditionExpression: 'attribute_not_exists(pk)', TableName: this.tableName };
    if (!version) {
      await this.write(() => this.client.send(new PutCommand({ ...newItem, Item: headToItem(head) })), refuse);
      return;
    }
    await this.write(
      () =>
        this.client.send(
          new TransactWriteCommand({
            ClientRequestToken: randomUUID(),
            TransactItems: [{ Put: { ...newItem, Item: headToItem(head) } }, { Put: { ...newItem, Item: versionToItem(version) } }],
          }),
        ),
      refuse,
    );
  }

  async saveCheck(previous: ArticleHead, next: ArticleHead, writes: CheckWrites = {}): Promise<void> {
    checkSave(previous, next, writes);
    const headPut = {
      TableName: this.tableName,
      Item: headToItem(next),
      ConditionExpression: HEAD_LOCK,
      ExpressionAttributeNames: { '#versionCount': 'versionCount', '#changeCount': 'changeCount' },
      ExpressionAttributeValues: {
        ':previousVersionCount': previous.versionCount,
        ':previousChangeCount': previous.changeCount,
      },
    };
    const stale = (): Error => new StaleHeadError(previous.url);
    const { version, change } = writes;
    if (!version && !change) {
      // The common case: an unchanged check is this one small conditional write and nothing else.
      await this.write(() => this.client.send(new PutCommand(headPut)), stale);
      return;
    }
    const newItem = { TableName: this.tableName, ConditionExpression: 'attribute_not_exists(pk)' };
    const puts = [
      ...(version ? [{ Put: { ...newItem, Item: versionToItem(version) } }] : []),
      ...(change ? [{ Put: { ...newItem, Item: changeToItem(change, next.changeCount - 1) } }] : []),
      { Put: headPut },
    ];
    // The token makes an SDK retry of a transaction that did commit succeed instead of failing its own condition.
    await this.write(
      () => this.client.send(new TransactWriteCommand({ ClientRequestToken: randomUUID(), TransactItems: puts })),
      stale,
    );
  }

  async getVersion(url: string, version: number): Promise<VersionRecord | null> {
    if (!Number.isInteger(version) || version < 0) return null;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: articlePk(url), sk: versionSk(version) },
        ConsistentRead: true,
      }),
    );
    return Item ? itemToVersion(Item) : null;
  }

  async listVersions(url: string): Promise<VersionSummary[]> {
    const names = Object.fromEntries(VERSION_SUMMARY_FIELDS.map((field) => [`#${field}`, field]));
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': articlePk(url), ':prefix': VERSION_PREFIX },
      ExpressionAttributeNames: names,
      ProjectionExpression: Object.keys(names).join(', '),
      ConsistentRead: true,
    });
    return items.map(itemToVersionSummary);
  }

  async recentChanges(query: ChangeQuery): Promise<ChangeRecord[]> {
    const limit = query.limit ?? DEFAULT_CHANGE_LIMIT;
    if (limit <= 0) return [];
    const items = await this.firstMatching(this.changePartitions(query), changeFilter(query), limit);
    return items.map(itemToChange);
  }

  async dueArticles(now: string, limit: number): Promise<ArticleHead[]> {
    if (limit <= 0) return [];
    const perShard = await Promise.all(
      Array.from({ length: SHARD_COUNT }, (_, shard) =>
        this.firstMatching(
          [
            {
              IndexName: 'due',
              KeyConditionExpression: 'dueShard = :shard AND dueAt <= :now',
              ExpressionAttributeValues: { ':shard': dueShardKey(shard), ':now': now },
              ScanIndexForward: true,
            },
          ],
          null,
          limit,
        ),
      ),
    );
    return perShard
      .flat()
      .map(itemToHead)
      .sort(bySoonestCheck)
      .slice(0, limit);
  }

  async *allArticles(): AsyncIterable<ArticleHead> {
    for (let shard = 0; shard < SHARD_COUNT; shard++) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'articles',
            KeyConditionExpression: 'listShard = :shard',
            ExpressionAttributeValues: { ':shard': listShardKey(shard) },
            Limit: BATCH_GET_MAX,
            ExclusiveStartKey: startKey,
          }),
        );
        const keys = (page.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
        for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
          yield* await this.batchGetHeads(keys.slice(i, i + BATCH_GET_MAX));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }

  /** Sends a conditional write, turning a failed condition into the caller's error and retrying transaction conflicts. */
  private async write(send: () => Promise<unknown>, onConditionFailed: () => Error): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        if (conditionFailed(error)) throw onConditionFailed();
        if (!conflicted(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
        // Jittered, so two checks that collided do not collide again.
        await pause(10 * attempt + Math.random() * 20 * attempt);
      }
    }
  }

  private async batchGetHeads(keys: Record<string, unknown>[]): Promise<ArticleHead[]> {
    const heads: ArticleHead[] = [];
    let pending = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > BATCH_GET_ATTEMPTS) {
        throw new StoreBusyError(`DynamoDB left ${pending.length} article heads unread after ${BATCH_GET_ATTEMPTS} attempts`);
      }
      if (attempt > 1) await pause(Math.min(1000, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
      );
      heads.push(...(Responses?.[this.tableName] ?? []).map(itemToHead));
      pending = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return heads;
  }

  private async queryAll(input: QueryCommandInput): Promise<RawItem[]> {
    const items: RawItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /**
   * Walks the partitions in order, page by page, until `limit` items pass the filter, all are read,
   * or MAX_EXAMINED items were read: a rare filter must not let one request read the whole table.
   * The caller pages on with `before` from the last item it got.
   */
  private async firstMatching(partitions: Iterable<KeyedQuery>, filter: ChangeFilter | null, limit: number): Promise<RawItem[]> {
    const found: RawItem[] = [];
    let examined = 0;
    for (const partition of partitions) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const remaining = limit - found.length;
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            ...partition,
            ...(filter
              ? {
                  FilterExpression: filter.expression,
                  ExpressionAttributeNames: { ...partition.ExpressionAttributeNames, ...filter.names },
                  ExpressionAttributeValues: { ...partition.ExpressionAttributeValues, ...filter.values },
                }
              : {}),
            // Limit counts items read before the filter, so a filtered read asks for more to fill the page.
            Limit: filter ? Math.max(remaining * 2, 100) : remaining,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          found.push(item);
          if (found.length >= limit) return found;
        }
        examined += page.ScannedCount ?? 0;
        if (examined >= MAX_EXAMINED) return found;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return found;
  }

  private *changePartitions(query: ChangeQuery): Iterable<KeyedQuery> {
    if (query.url !== undefined) {
      yield {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': articlePk(query.url), ':prefix': CHANGE_PREFIX },
        ScanIndexForward: false,
      };
      return;
    }
    // feedAt starts with detectedAt, so "< before" keeps exactly the changes detected earlier.
    const beforeClause = query.before !== undefined ? ' AND feedAt < :before' : '';
    const beforeValue = query.before !== undefined ? { ':before': query.before } : {};
    if (query.source !== undefined) {
      yield {
        IndexName: 'changes-by-source',
        KeyConditionExpression: `feedSource = :source${beforeClause}`,
        ExpressionAttributeValues: { ':source': feedSourceKey(query.source), ...beforeValue },
        ScanIndexForward: false,
      };
      return;
    }
    for (const month of feedMonthsBack(query.before, this.clock)) {
      yield {
        IndexName: 'changes',
        KeyConditionExpression: `feedMonth = :month${beforeClause}`,
        ExpressionAttributeValues: { ':month': month, ...beforeValue },
        ScanIndexForward: false,
      };
    }
  }
}

/** Plain string order, the order DynamoDB sorted each shard in. */
function bySoonestCheck(a: ArticleHead, b: ArticleHead): number {
  const left = a.nextCheckAt ?? '';
  const right = b.nextCheckAt ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

interface ChangeFilter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function changeFilter(query: ChangeQuery): ChangeFilter | null {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.includeBoring !== true) {
    clauses.push('#boring = :false');
    names['#boring'] = 'boring';
    values[':false'] = false;
  }
  if (query.stealthOnly === true) {
    clauses.push('#stealth = :true');
    names['#stealth'] = 'stealth';
    values[':true'] = true;
  }
  if (query.kinds && query.kinds.length > 0) {
    names['#kinds'] = 'kinds';
    const anyKind = query.kinds.map((kind, i) => {
      values[`:kind${i}`] = kind;
      return `contains(#kinds, :kind${i})`;
    });
    clauses.push(`(${anyKind.join(' OR ')})`);
  }
  // With both, the article's partition is read and the source only narrows it.
  if (query.url !== undefined && query.source !== undefined) {
    clauses.push('#source = :sourceName');
    names['#source'] = 'source';
    values[':sourceName'] = query.source;
  }
  // The index queries bound time in their key condition; an article's own partition is keyed by change number.
  if (query.url !== undefined && query.before !== undefined) {
    clauses.push('#detectedAt < :beforeTime');
    names['#detectedAt'] = 'detectedAt';
    values[':beforeTime'] = cursorTime(query.before);
  }
  return clauses.length > 0 ? { expression: clauses.join(' AND '), names, values } : null;
}
