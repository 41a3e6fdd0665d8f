// The ArticleStore on one DynamoDB table. Every read is by key (Get, Query, BatchGet),
// never Scan; item layout and index names are in table-schema.ts.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
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
import { changeFilter, changePartitions, firstMatching, type KeyedQuery } from './dynamo-queries';
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
  itemToChange,
  itemToVersion,
  itemToVersionSummary,
  listShardKey,
  versionSk,
  versionToItem,
} from './dynamo-items';
import { headToItems, INFO_SK, infoTag, itemsToHead, lockMatches, storedTag } from './head-items';
import { HeadReader, pause } from './dynamo-head-reads';
import { checkCreate, checkSave } from './store-write-rules';
import { decodeListCursor, encodeListCursor, MAX_LISTED_EXAMINED } from './article-listing';
import { SHARD_COUNT } from './table-schema';
import { type HeadPuts, singleHeadPuts } from './grouped-head-puts';
import { DEFAULT_CHANGE_LIMIT } from './change-listing';
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

/** Index entries one listing request reads; their heads are then read 50 at a time (two items each). */
const ARTICLE_PAGE = 100;
const BATCH_WRITE_MAX = 25;
const CONFLICT_ATTEMPTS = 5;
const BATCH_GET_ATTEMPTS = 10;

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
  private readonly heads: HeadReader;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Where the overall change feed starts looking back from. */
    private readonly clock: Clock = systemClock,
    /** How an unchanged check's lone HEAD Put is sent; local mode groups them (grouped-head-puts.ts). */
    private readonly headPuts: HeadPuts = singleHeadPuts(client),
  ) {
    this.heads = new HeadReader(client, tableName);
  }

  async getArticle(url: string): Promise<ArticleHead | null> {
    const found = await this.heads.lookup(articlePk(url));
    if (found === null || 'head' in found) return found?.head ?? null;
    // Aliases always name an article's own head, never another alias, so one more read ends it.
    const target = await this.heads.lookup(articlePk(found.aliasOf));
    return target && 'head' in target ? target.head : null;
  }

  async getArticleByKey(key: string): Promise<ArticleHead | null> {
    const found = await this.heads.lookup(`A#${key}`);
    return found && 'head' in found ? found.head : null;
  }

  async createArticle(head: ArticleHead, version?: VersionRecord): Promise<void> {
    checkCreate(head, version);
    const { hot, info } = headToItems(head);
    const newItem = { ConditionExpression: 'attribute_not_exists(pk)', TableName: this.tableName };
    await this.write(
      () =>
        this.client.send(
          new TransactWriteCommand({
            ClientRequestToken: randomUUID(),
            TransactItems: [
              { Put: { ...newItem, Item: hot } },
              // No condition of its own: the HEAD item decides whether the article exists.
              { Put: { TableName: this.tableName, Item: info } },
              ...(version ? [{ Put: { ...newItem, Item: versionToItem(version) } }] : []),
            ],
          }),
        ),
      () => new ArticleExistsError(head.url),
    );
  }

  async saveCheck(previous: ArticleHead, next: ArticleHead, writes: CheckWrites = {}): Promise<void> {
    checkSave(previous, next, writes);
    checkVariantSightings(previous.url, writes.variants ?? []);
    const items = headToItems(next);
    const previousTag = infoTag(previous);
    try {
      // The INFO item is written only when one of its fields changed: an unchanged check writes the HEAD alone.
      await this.commit(previous, next, writes, { hot: items.hot, info: items.tag === previousTag ? null : items.info }, previousTag);
    } catch (error) {
      if (!(error instanceof StaleHeadError)) throw error;
      // Refused, but perhaps only for its tag: the head may be one written before the split (no tag), or
      // tagged by a release whose digest differs. If the stored fields are what this save read, rewrite both items.
      const stored = await this.heads.itemsAt(articlePk(previous.url));
      if (!stored || aliasTarget(stored.hot) !== null) throw error;
      const tag = storedTag(stored.hot);
      const head = tag === previousTag ? 'torn' : itemsToHead(stored.hot, stored.info);
      if (head === 'torn' || !lockMatches(head, previous) || infoTag(head) !== previousTag) throw error;
      await this.commit(previous, next, writes, { hot: items.hot, info: items.info }, tag);
    }
  }

  /**
   * Writes the HEAD item (and INFO, when given) with the version, change, variants and alias, conditional on the
   * stored HEAD still having `previous`'s counts and holds and carrying `expectedTag` (null: no tag).
   */
  private async commit(
    previous: ArticleHead,
    next: ArticleHead,
    writes: CheckWrites,
    items: { hot: RawItem; info: RawItem | null },
    expectedTag: string | null,
  ): Promise<void> {
    const headPut = { TableName: this.tableName, Item: items.hot, ...headCondition(previous, expectedTag) };
    const stale = (): Error => new StaleHeadError(previous.url);
    const { version, change } = writes;
    const variants = writes.variants ?? [];
    const alias = writes.alias !== undefined && writes.alias !== next.url ? writes.alias : undefined;
    if (!version && !change && alias === undefined && variants.length === 0 && items.info === null) {
      // The common case: an unchanged check is this one small conditional write and nothing else.
      await this.write(() => this.headPuts.put(headPut), stale);
      return;
    }
    const newItem = { TableName: this.tableName, ConditionExpression: 'attribute_not_exists(pk)' };
    const puts = [
      ...(version ? [{ Put: { ...newItem, Item: versionToItem(version) } }] : []),
      ...(change ? [{ Put: { ...newItem, Item: changeToItem(change, next.changeCount - 1) } }] : []),
      ...variants.map((sighting) => ({ Update: variantUpdate(this.tableName, sighting) })),
      ...(items.info ? [{ Put: { TableName: this.tableName, Item: items.info } }] : []),
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
    const items = await firstMatching(this.client, this.tableName, changePartitions(query, this.clock), changeFilter(query), limit);
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
            Limit: ARTICLE_PAGE,
            ExclusiveStartKey: startKey,
          }),
        );
        // The index points at INFO items, or at whole HEAD items written before the split.
        yield* await this.heads.headsAt((page.Items ?? []).map((item) => String(item.pk)));
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
          Limit: request.where ? ARTICLE_PAGE : Math.min(ARTICLE_PAGE, request.limit - found.length),
        }),
      );
      const keys = page.Items ?? [];
      const heads = new Map((await this.heads.headsAt(keys.map((item) => String(item.pk)))).map((head) => [articlePk(head.url), head]));
      for (const key of keys) {
        const url = String(key.url);
        afterUrl = url;
        examined++;
        const head = heads.get(String(key.pk));
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
    // HEAD and INFO go together, so no reader finds half a head.
    const headKeys = items.filter((item) => item.sk === HEAD_SK || item.sk === INFO_SK).map((item) => ({ pk: item.pk, sk: item.sk }));
    if (headKeys.length > 0) {
      await this.write(
        () =>
          this.client.send(
            new TransactWriteCommand({
              ClientRequestToken: randomUUID(),
              TransactItems: headKeys.map((Key) => ({ Delete: { TableName: this.tableName, Key } })),
            }),
          ),
        () => null,
      );
    }
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
    return (await firstMatching(this.client, this.tableName, partitions, null, query.limit)).map(itemToVariant);
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
}

/**
 * The save's condition on the stored HEAD item: the counts (the optimistic lock), the holds (a save never
 * overwrites a pause or unwatch it did not read) and the INFO tag (the INFO item is the one it read).
 */
function headCondition(previous: ArticleHead, expectedTag: string | null) {
  const names: Record<string, string> = { '#versionCount': 'versionCount', '#changeCount': 'changeCount', '#infoTag': 'infoTag' };
  const values: Record<string, unknown> = { ':previousVersionCount': previous.versionCount, ':previousChangeCount': previous.changeCount };
  const clauses = ['#versionCount = :previousVersionCount', '#changeCount = :previousChangeCount'];
  for (const field of HOLD_FIELDS) {
    names[`#${field}`] = field;
    const seen = previous[field];
    if (seen === null) {
      clauses.push(`attribute_not_exists(#${field})`);
    } else {
      values[`:previous_${field}`] = seen;
      clauses.push(`#${field} = :previous_${field}`);
    }
  }
  if (expectedTag === null) {
    clauses.push('attribute_not_exists(#infoTag)');
  } else {
    values[':infoTag'] = expectedTag;
    clauses.push('#infoTag = :infoTag');
  }
  return { ConditionExpression: clauses.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
