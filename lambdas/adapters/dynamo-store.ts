// The ArticleStore on one DynamoDB table. Every read is by key (Get, Query, BatchGet),
// never Scan; item layout and index names are in table-schema.ts.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ArticleHead, ChangeRecord, VariantRecord, VersionRecord } from '../domain/types';
import { ArticleExistsError, StaleHeadError, StoreBusyError } from '../errors';
import {
  systemClock,
  type ArticleListPage,
  type ArticleListRequest,
  type ArticleStore,
  type ChangeQuery,
  type CheckWrites,
  type Clock,
  type VariantQuery,
  type VersionSummary,
} from '../ports';
import type { RawItem } from './dynamo-item-fields';
import {
  CHANGE_PREFIX,
  HEAD_SK,
  HOLD_FIELDS,
  aliasTarget,
  aliasToItem,
  VERSION_PREFIX,
  VERSION_SUMMARY_FIELDS,
  articlePk,
  changeToItem,
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
import { decodeListCursor, encodeListCursor, MAX_LISTED_EXAMINED } from './article-listing';
import { SHARD_COUNT } from './table-schema';
import { cursorTime } from '../domain/change-cursor';
import { DEFAULT_CHANGE_LIMIT, feedMonthsBack } from './change-listing';
import {
  VARIANT_PREFIX,
  byFirstSighting,
  checkVariantSightings,
  isVariantItem,
  itemToVariant,
  variantMonthsBack,
  variantSourceKey,
  variantUpdate,
} from './variant-items';

/** Items one change listing may read before it returns what it has. */
const MAX_EXAMINED = 5000;
const BATCH_GET_MAX = 100;
const BATCH_WRITE_MAX = 25;
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
    const item = await this.headItem(url);
    if (!item) return null;
    const target = aliasTarget(item);
    if (target === null) return itemToHead(item);
    // Aliases always name an article's own head, never another alias, so one more read ends it.
    const targetItem = await this.headItem(target);
    return targetItem && aliasTarget(targetItem) === null ? itemToHead(targetItem) : null;
  }

  async getArticleByKey(key: string): Promise<ArticleHead | null> {
    const item = await this.headItemAt(`A#${key}`);
    return item && aliasTarget(item) === null ? itemToHead(item) : null;
  }

  private headItem(url: string): Promise<RawItem | undefined> {
    return this.headItemAt(articlePk(url));
  }

  private async headItemAt(pk: string): Promise<RawItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk: HEAD_SK }, ConsistentRead: true }));
    return Item;
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
    const variants = writes.variants ?? [];
    checkVariantSightings(previous.url, variants);
    const holdNames: Record<string, string> = {};
    const holdValues: Record<string, unknown> = {};
    const holdClauses = HOLD_FIELDS.map((field) => {
      holdNames[`#${field}`] = field;
      const seen = previous[field];
      if (seen === null) return `attribute_not_exists(#${field})`;
      holdValues[`:previous_${field}`] = seen;
      return `#${field} = :previous_${field}`;
    });
    const headPut = {
      TableName: this.tableName,
      Item: headToItem(next),
      ConditionExpression: [HEAD_LOCK, ...holdClauses].join(' AND '),
      ExpressionAttributeNames: { '#versionCount': 'versionCount', '#changeCount': 'changeCount', ...holdNames },
      ExpressionAttributeValues: {
        ':previousVersionCount': previous.versionCount,
        ':previousChangeCount': previous.changeCount,
        ...holdValues,
      },
    };
    const stale = (): Error => new StaleHeadError(previous.url);
    const { version, change } = writes;
    const alias = writes.alias !== undefined && writes.alias !== next.url ? writes.alias : undefined;
    if (!version && !change && alias === undefined && variants.length === 0) {
      // The common case: an unchanged check is this one small conditional write and nothing else.
      await this.write(() => this.client.send(new PutCommand(headPut)), stale);
      return;
    }
    const newItem = { TableName: this.tableName, ConditionExpression: 'attribute_not_exists(pk)' };
    const puts = [
      ...(version ? [{ Put: { ...newItem, Item: versionToItem(version) } }] : []),
      ...(change ? [{ Put: { ...newItem, Item: changeToItem(change, next.changeCount - 1) } }] : []),
      ...variants.map((sighting) => ({ Update: variantUpdate(this.tableName, sighting) })),
      { Put: headPut },
    ];
    // The token makes an SDK retry of a transaction that did commit succeed instead of failing its own condition.
    const send = (items: typeof puts) => () => this.client.send(new TransactWriteCommand({ ClientRequestToken: randomUUID(), TransactItems: items }));
    if (alias !== undefined) {
      const aliasPut = {
        Put: {
          TableName: this.tableName,
          Item: aliasToItem(alias, next.url, next.lastCheckedAt ?? this.clock.now().toISOString()),
          // An alias may replace an older alias (the address moved on), never another article's head.
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(aliasOf)',
        },
      };
      const items = [...puts, aliasPut];
      let aliasRefused = false;
      await this.write(send(items), (error) => {
        const codes = cancellationCodes(error);
        const onlyTheAlias = codes.length === items.length && codes.slice(0, -1).every((code) => code === 'None') && codes.at(-1) === 'ConditionalCheckFailed';
        if (!onlyTheAlias) return stale();
        aliasRefused = true;
        return null;
      });
      // Another article is watched at the new address: both histories stay, this one without the alias.
      if (!aliasRefused) return;
    }
    await this.write(send(puts), stale);
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

  async listArticles(request: ArticleListRequest): Promise<ArticleListPage> {
    let { shard, afterUrl } = request.after === undefined ? { shard: 0, afterUrl: null } : decodeListCursor(request.after);
    const found: ArticleHead[] = [];
    if (request.limit <= 0) return { articles: found, next: request.after ?? null };
    let examined = 0;
    while (shard < SHARD_COUNT) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'articles',
          KeyConditionExpression: afterUrl === null ? 'listShard = :shard' : 'listShard = :shard AND #url > :after',
          ...(afterUrl === null ? {} : { ExpressionAttributeNames: { '#url': 'url' } }),
          ExpressionAttributeValues: { ':shard': listShardKey(shard), ...(afterUrl === null ? {} : { ':after': afterUrl }) },
          Limit: request.where ? BATCH_GET_MAX : Math.min(BATCH_GET_MAX, request.limit - found.length),
        }),
      );
      const keys = page.Items ?? [];
      const heads = new Map((await this.batchGetHeads(keys.map((item) => ({ pk: item.pk, sk: item.sk })))).map((head) => [head.url, head]));
      for (const key of keys) {
        const url = String(key.url);
        afterUrl = url;
        examined++;
        const head = heads.get(url);
        if (head && (request.where?.(head) ?? true)) found.push(head);
        if (found.length >= request.limit) return { articles: found, next: encodeListCursor(shard, url) };
      }
      if (page.LastEvaluatedKey === undefined) {
        shard++;
        afterUrl = null;
      }
      if (examined >= MAX_LISTED_EXAMINED && shard < SHARD_COUNT) return { articles: found, next: encodeListCursor(shard, afterUrl) };
    }
    return { articles: found, next: null };
  }

  async deleteArticle(url: string): Promise<boolean> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': articlePk(url) },
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', '#newUrl': 'newUrl', '#aliasOf': 'aliasOf' },
      ProjectionExpression: '#pk, #sk, #newUrl, #aliasOf',
      ConsistentRead: true,
    });
    const head = items.find((item) => item.sk === HEAD_SK);
    // An alias is not the article; deleting "it" would only unlink the address.
    if (items.length === 0 || (head && aliasTarget(head) !== null)) return false;
    const movedTo = new Set(items.map((item) => item.newUrl).filter((value): value is string => typeof value === 'string'));
    // Aliases first: they are found through the changes that recorded the moves. Then the changes, so a
    // deletion cut short never leaves changes in the feeds; the head last, so running it again finds what is left.
    for (const alias of movedTo) {
      await this.write(
        () =>
          this.client.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { pk: articlePk(alias), sk: HEAD_SK },
              ConditionExpression: '#aliasOf = :url',
              ExpressionAttributeNames: { '#aliasOf': 'aliasOf' },
              ExpressionAttributeValues: { ':url': url },
            }),
          ),
        // No alias there, or one that now points at another article: not ours to delete.
        () => null,
      );
    }
    const changes = items.filter((item) => String(item.sk).startsWith(CHANGE_PREFIX));
    const versions = items.filter((item) => String(item.sk).startsWith(VERSION_PREFIX));
    const variants = items.filter(isVariantItem);
    await this.batchDelete([...changes, ...variants, ...versions].map((item) => ({ pk: item.pk, sk: item.sk })));
    if (head) await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: articlePk(url), sk: HEAD_SK } }));
    return true;
  }

  async listVariants(url: string): Promise<VariantRecord[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': articlePk(url), ':prefix': VARIANT_PREFIX },
      ConsistentRead: true,
    });
    return items.map(itemToVariant).sort(byFirstSighting);
  }

  async recentVariants(query: VariantQuery): Promise<VariantRecord[]> {
    if (query.limit <= 0) return [];
    const beforeClause = query.before !== undefined ? ' AND feedAt < :before' : '';
    const beforeValue = query.before !== undefined ? { ':before': query.before } : {};
    const partitions: KeyedQuery[] =
      query.source !== undefined
        ? [
            {
              IndexName: 'changes-by-source',
              KeyConditionExpression: `feedSource = :source${beforeClause}`,
              ExpressionAttributeValues: { ':source': variantSourceKey(query.source), ...beforeValue },
              ScanIndexForward: false,
            },
          ]
        : variantMonthsBack(query.before, this.clock).map((month) => ({
            IndexName: 'changes',
            KeyConditionExpression: `feedMonth = :month${beforeClause}`,
            ExpressionAttributeValues: { ':month': month, ...beforeValue },
            ScanIndexForward: false,
          }));
    return (await this.firstMatching(partitions, null, query.limit)).map(itemToVariant);
  }

  private async batchDelete(keys: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
      let pending = keys.slice(i, i + BATCH_WRITE_MAX).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > BATCH_GET_ATTEMPTS)
          throw new StoreBusyError(`DynamoDB left ${pending.length} items undeleted after ${BATCH_GET_ATTEMPTS} attempts; run the deletion again`);
        if (attempt > 1) await pause(Math.min(1000, 25 * 2 ** attempt));
        const { UnprocessedItems } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
          request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
        );
      }
    }
  }

  /**
   * Sends a conditional write, turning a failed condition into the caller's error (or, when it
   * returns null, into nothing: the condition failing is an answer too) and retrying transaction conflicts.
   */
  private async write(send: () => Promise<unknown>, onConditionFailed: (error: unknown) => Error | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        if (conditionFailed(error)) {
          const failure = onConditionFailed(error);
          if (failure === null) return;
          throw failure;
        }
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
      const { Responses, UnprocessedKeys } = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
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
