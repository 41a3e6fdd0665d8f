// The ArticleStore in this process's memory, for tests and throwaway runs. It keeps
// the single table's items (dynamo-items.ts: the same layout, sort keys, size limit
// and field-by-field reading as DynamoStore) and answers each index query by
// sorting, so it gives back the same records in the same order and refuses the
// same writes. Each write checks its conditions and applies in one synchronous
// step, which makes it atomic: no other call can run in between.
import type { ArticleHead, ChangeRecord, VariantRecord, VersionRecord } from '../domain/types';
import { cursorTime } from '../domain/change-cursor';
import { ArticleExistsError, StaleHeadError } from '../errors';
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
import { decodeListCursor, encodeListCursor, MAX_LISTED_EXAMINED } from './article-listing';
import { DEFAULT_CHANGE_LIMIT, feedMonthsBack } from './change-listing';
import type { RawItem } from './dynamo-item-fields';
import {
  CHANGE_PREFIX,
  HEAD_SK,
  VERSION_PREFIX,
  aliasTarget,
  aliasToItem,
  articlePk,
  listShardKey,
  changeToItem,
  feedSourceKey,
  itemToChange,
  itemToVersion,
  itemToVersionSummary,
  versionSk,
  versionToItem,
} from './dynamo-items';
import { headToItems, INFO_SK, infoTag, itemsToHead, lockMatches, storedTag, tornHeadError } from './head-items';
import { checkCreate, checkSave } from './store-write-rules';
import { SHARD_COUNT } from './table-schema';
import {
  VARIANT_PREFIX,
  applyVariantSighting,
  byFirstSighting,
  checkVariantSightings,
  itemToVariant,
  variantMonthsBack,
  variantSk,
  variantSourceKey,
} from './variant-items';

type Table = Map<string, Map<string, RawItem>>;

/** DynamoDB's order for string keys: UTF-8 bytes, which for these ASCII keys is plain string order. */
function byKey(name: string, descending: boolean): (a: RawItem, b: RawItem) => number {
  return (a, b) => {
    const left = String(a[name]);
    const right = String(b[name]);
    const order = left < right ? -1 : left > right ? 1 : 0;
    return descending ? -order : order;
  };
}

export class MemoryStore implements ArticleStore {
  private readonly table: Table = new Map();

  constructor(
    /** Where the overall change feed starts looking back from. */
    private readonly clock: Clock = systemClock,
  ) {}

  async getArticle(url: string): Promise<ArticleHead | null> {
    const found = this.lookup(articlePk(url));
    if (found === null || 'head' in found) return found?.head ?? null;
    // Aliases always name an article's own head, never another alias.
    const target = this.lookup(articlePk(found.aliasOf));
    return target && 'head' in target ? target.head : null;
  }

  async getArticleByKey(key: string): Promise<ArticleHead | null> {
    const found = this.lookup(`A#${key}`);
    return found && 'head' in found ? found.head : null;
  }

  async createArticle(head: ArticleHead, version?: VersionRecord): Promise<void> {
    checkCreate(head, version);
    const { hot, info } = headToItems(head);
    const versionItems = version ? [versionToItem(version)] : [];
    // As DynamoStore's conditions: the HEAD item decides whether the article exists; INFO is overwritten.
    if ([hot, ...versionItems].some((item) => this.exists(item))) throw new ArticleExistsError(head.url);
    this.put([hot, info, ...versionItems]);
  }

  async saveCheck(previous: ArticleHead, next: ArticleHead, writes: CheckWrites = {}): Promise<void> {
    checkSave(previous, next, writes);
    checkVariantSightings(previous.url, writes.variants ?? []);
    const { version, change } = writes;
    const newItems = [...(version ? [versionToItem(version)] : []), ...(change ? [changeToItem(change, next.changeCount - 1)] : [])];
    const pk = articlePk(previous.url);
    const hot = this.item(pk, HEAD_SK);
    const stored = hot && aliasTarget(hot) === null ? itemsToHead(hot, this.item(pk, INFO_SK)) : null;
    const previousTag = infoTag(previous);
    // As DynamoStore's condition: the counts, the holds (a save never overwrites a pause or unwatch it
    // did not read) and the INFO fields this save read.
    const headMatches = hot !== undefined && stored !== null && stored !== 'torn' && lockMatches(stored, previous) && infoTag(stored) === previousTag;
    if (!headMatches || newItems.some((item) => this.exists(item))) throw new StaleHeadError(previous.url);
    const aliasItems: RawItem[] = [];
    if (writes.alias !== undefined && writes.alias !== next.url) {
      const there = this.item(articlePk(writes.alias), HEAD_SK);
      // An alias may replace an older alias, never another article's head.
      if (there === undefined || aliasTarget(there) !== null) {
        aliasItems.push(aliasToItem(writes.alias, next.url, next.lastCheckedAt ?? this.clock.now().toISOString()));
      }
    }
    const variantItems = (writes.variants ?? []).map((sighting) =>
      applyVariantSighting(this.item(articlePk(sighting.url), variantSk(sighting.hash)), sighting),
    );
    const items = headToItems(next);
    // INFO is rewritten when its fields changed, or when the stored head predates the split or its tag.
    const infoItems = items.tag !== previousTag || storedTag(hot) !== previousTag ? [items.info] : [];
    this.put([...newItems, ...aliasItems, ...variantItems, ...infoItems, items.hot]);
  }

  async getVersion(url: string, version: number): Promise<VersionRecord | null> {
    if (!Number.isInteger(version) || version < 0) return null;
    const item = this.item(articlePk(url), versionSk(version));
    return item ? itemToVersion(item) : null;
  }

  async listVersions(url: string): Promise<VersionSummary[]> {
    return this.partition(articlePk(url), VERSION_PREFIX, false).map(itemToVersionSummary);
  }

  async recentChanges(query: ChangeQuery): Promise<ChangeRecord[]> {
    const limit = query.limit ?? DEFAULT_CHANGE_LIMIT;
    if (limit <= 0) return [];
    const found: ChangeRecord[] = [];
    for (const items of this.changePartitions(query)) {
      for (const item of items) {
        const change = itemToChange(item);
        if (!matches(change, query)) continue;
        found.push(change);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  /** The stored head items themselves, for MemoryDueIndex, which moves their due keys in place as an UpdateItem would. */
  headItemsInPlace(): RawItem[] {
    return this.headItems();
  }

  async *allArticles(): AsyncIterable<ArticleHead> {
    // Read up front, so writes made while the caller pages through do not disturb the walk.
    const heads = this.headItems().map((item) => this.headAt(String(item.pk)));
    for (const head of heads) yield head;
  }

  async listArticles(request: ArticleListRequest): Promise<ArticleListPage> {
    let { shard, afterUrl } = request.after === undefined ? { shard: 0, afterUrl: null } : decodeListCursor(request.after);
    const found: ArticleHead[] = [];
    if (request.limit <= 0) return { articles: found, next: request.after ?? null };
    let examined = 0;
    // The 'articles' index: the items carrying listShard (INFO, or a whole head from before the split), in URL order within each shard.
    for (; shard < SHARD_COUNT; shard++, afterUrl = null) {
      const key = listShardKey(shard);
      const inShard = [...this.table.values()]
        .flatMap((partition) => [...partition.values()])
        .filter((item) => item.listShard === key && (afterUrl === null || String(item.url) > afterUrl))
        .sort(byKey('url', false));
      for (const item of inShard) {
        const head = this.headAt(String(item.pk));
        examined++;
        if (request.where?.(head) ?? true) found.push(head);
        if (found.length >= request.limit) return { articles: found, next: encodeListCursor(shard, head.url) };
        if (examined >= MAX_LISTED_EXAMINED) return { articles: found, next: encodeListCursor(shard, head.url) };
      }
    }
    return { articles: found, next: null };
  }

  async deleteArticle(url: string): Promise<boolean> {
    const pk = articlePk(url);
    const partition = this.table.get(pk);
    const head = partition?.get(HEAD_SK);
    if (!partition || partition.size === 0 || (head && aliasTarget(head) !== null)) return false;
    for (const item of partition.values()) {
      if (typeof item.newUrl !== 'string') continue;
      const alias = this.item(articlePk(item.newUrl), HEAD_SK);
      if (alias && aliasTarget(alias) === url) this.table.get(articlePk(item.newUrl))?.delete(HEAD_SK);
    }
    this.table.delete(pk);
    return true;
  }

  async listVariants(url: string): Promise<VariantRecord[]> {
    return this.partition(articlePk(url), VARIANT_PREFIX, false).map(itemToVariant).sort(byFirstSighting);
  }

  async recentVariants(query: VariantQuery): Promise<VariantRecord[]> {
    if (query.limit <= 0) return [];
    const filed = [...this.table.values()]
      .flatMap((partition) => [...partition.values()])
      .filter((item) => String(item.sk).startsWith(VARIANT_PREFIX) && (query.before === undefined || String(item.feedAt) < query.before));
    // The index partitions DynamoStore reads, in its order: one per source, or the months back from the cursor.
    const partitions =
      query.source !== undefined
        ? [filed.filter((item) => item.feedSource === variantSourceKey(query.source ?? ''))]
        : variantMonthsBack(query.before, this.clock).map((month) => filed.filter((item) => item.feedMonth === month));
    return partitions
      .flatMap((items) => items.sort(byKey('feedAt', true)))
      .slice(0, query.limit)
      .map(itemToVariant);
  }

  private item(pk: string, sk: string): RawItem | undefined {
    return this.table.get(pk)?.get(sk);
  }

  private exists(item: RawItem): boolean {
    return this.item(String(item.pk), String(item.sk)) !== undefined;
  }

  /** Copies in, so a caller changing its records afterwards cannot change what is stored. */
  private put(items: RawItem[]): void {
    for (const item of items) {
      const pk = String(item.pk);
      const partition = this.table.get(pk) ?? new Map<string, RawItem>();
      partition.set(String(item.sk), structuredClone(item));
      this.table.set(pk, partition);
    }
  }

  private partition(pk: string, skPrefix: string, descending: boolean): RawItem[] {
    const items = [...(this.table.get(pk)?.values() ?? [])].filter((item) => String(item.sk).startsWith(skPrefix));
    return items.sort(byKey('sk', descending));
  }

  /** What sits at an article's HEAD sort key: its head, an alias, or nothing. */
  private lookup(pk: string): { head: ArticleHead } | { aliasOf: string } | null {
    const hot = this.item(pk, HEAD_SK);
    if (!hot) return null;
    const target = aliasTarget(hot);
    return target === null ? { head: this.headAt(pk) } : { aliasOf: target };
  }

  /** The head under pk; its two items are written in one step here, so they are never torn. */
  private headAt(pk: string): ArticleHead {
    const hot = this.item(pk, HEAD_SK);
    const head = hot ? itemsToHead(hot, this.item(pk, INFO_SK)) : 'torn';
    if (head === 'torn') throw tornHeadError(pk);
    return head;
  }

  /** The HEAD items of articles, not the aliases that share their sort key. */
  private headItems(): RawItem[] {
    return [...this.table.values()].flatMap((partition) => {
      const head = partition.get(HEAD_SK);
      return head && aliasTarget(head) === null ? [head] : [];
    });
  }

  /** The same partitions, in the same order, as DynamoStore reads. */
  private *changePartitions(query: ChangeQuery): Iterable<RawItem[]> {
    if (query.url !== undefined) {
      yield this.partition(articlePk(query.url), CHANGE_PREFIX, true);
      return;
    }
    const changes = [...this.table.values()].flatMap((partition) => [...partition.values()]).filter((item) => item.feedAt !== undefined);
    // One index partition, newest first, bounded by the cursor the way DynamoDB's key condition bounds it.
    const indexPartition = (name: 'feedMonth' | 'feedSource', key: string): RawItem[] =>
      changes.filter((item) => item[name] === key && (query.before === undefined || String(item.feedAt) < query.before)).sort(byKey('feedAt', true));
    if (query.source !== undefined) {
      yield indexPartition('feedSource', feedSourceKey(query.source));
      return;
    }
    for (const month of feedMonthsBack(query.before, this.clock)) yield indexPartition('feedMonth', month);
  }
}

/** What DynamoStore's filter expression keeps. */
function matches(change: ChangeRecord, query: ChangeQuery): boolean {
  if (query.includeBoring !== true && change.boring) return false;
  if (query.stealthOnly === true && !change.stealth) return false;
  if (query.kinds && query.kinds.length > 0 && !query.kinds.some((kind) => change.kinds.includes(kind))) return false;
  // Read from the article's own partition (keyed by change number), the source and the time only narrow it.
  if (query.url !== undefined && query.source !== undefined && change.source !== query.source) return false;
  if (query.url !== undefined && query.before !== undefined && !(change.detectedAt < cursorTime(query.before))) return false;
  return true;
}
