// The DynamoDB IAM actions each ArticleStore method of the DynamoDB store sends,
// and on which resources, so the CDK stack can give every function exactly the
// actions of the methods it calls (lib/table-access.ts) and nothing more.
// test/adapters/store-permissions.test.ts runs every method against DynamoDB
// Local and fails when a method sends an action this table does not list.
//
// Transactions (TransactWriteItems) have no IAM action of their own: IAM checks
// each item's Put/Update/Delete, and dynamodb:ConditionCheckItem for a
// ConditionCheck (AWS: "Using IAM with DynamoDB transactions").
import type { ArticleStore, DueIndex } from '../ports';
import { HOST_LANE_PARTITION } from './dynamo-due-index';
import type { TABLE_SCHEMA } from './table-schema';

export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';

export type IndexName = (typeof TABLE_SCHEMA.indexes)[number]['name'];

export interface MethodAccess {
  /** Actions on the table's items. */
  table: readonly DynamoAction[];
  /** Indexes the method queries (Query only). */
  indexes: readonly IndexName[];
  /**
   * When set, the method's table actions touch only items under these partition keys, and are
   * granted only there (IAM's dynamodb:LeadingKeys), unless another method needs them everywhere.
   */
  partitions?: readonly string[];
}

/** A method of the article store or of the due index, both on the one table. */
export type StoreMethod = keyof ArticleStore | keyof DueIndex;

export const STORE_METHOD_ACCESS: Record<StoreMethod, MethodAccess> = {
  // HEAD and INFO in one Query of the article's partition (and the head an alias names).
  getArticle: { table: ['Query'], indexes: [] },
  getArticleByKey: { table: ['Query'], indexes: [] },
  // A conditional Put; with version 0, a transaction of two Puts.
  createArticle: { table: ['PutItem'], indexes: [] },
  // The head's conditional Put; with a version, change or alias, a transaction of Puts; a suppressed
  // variant is counted with an Update of its own item in that transaction. A refused fast save (a head
  // stored before the HEAD/INFO split) re-reads the article's items with a Query and writes both.
  saveCheck: { table: ['PutItem', 'UpdateItem', 'Query'], indexes: [] },
  getVersion: { table: ['GetItem'], indexes: [] },
  listVersions: { table: ['Query'], indexes: [] },
  // One article's changes by its key; all or one source's through the feed indexes.
  recentChanges: { table: ['Query'], indexes: ['changes', 'changes-by-source'] },
  listVariants: { table: ['Query'], indexes: [] },
  // Variant items sit in the feed indexes next to the changes.
  recentVariants: { table: [], indexes: ['changes', 'changes-by-source'] },
  // The keys-only articles index, then the heads by key.
  allArticles: { table: ['BatchGetItem'], indexes: ['articles'] },
  listArticles: { table: ['BatchGetItem'], indexes: ['articles'] },
  deleteArticle: { table: ['Query', 'DeleteItem', 'BatchWriteItem'], indexes: [] },
  // The due index (DynamoDueIndex): lane cursors and host lanes are items of their own partitions.
  cursors: { table: ['Query'], indexes: [] },
  claim: { table: ['UpdateItem'], indexes: [] },
  entries: { table: [], indexes: ['due-slots'] },
  count: { table: [], indexes: ['due-slots'] },
  lease: { table: ['UpdateItem'], indexes: [] },
  defer: { table: ['UpdateItem'], indexes: [] },
  busyHosts: { table: ['Query'], indexes: [] },
  setHostFreeAt: { table: ['PutItem'], indexes: [] },
  // A passed host record is dropped; dispatch's only delete, and never of an article's items.
  forgetHost: { table: ['DeleteItem'], indexes: [], partitions: [HOST_LANE_PARTITION] },
};

/** Table actions allowed only on items under some partition keys. */
export interface PartitionGrant {
  actions: DynamoAction[];
  partitions: string[];
}

/**
 * The union of what `methods` need: the table actions allowed on every item, those allowed only under
 * some partition keys, and the indexes to allow Query on.
 */
export function accessFor(methods: readonly StoreMethod[]): { table: DynamoAction[]; partitioned: PartitionGrant[]; indexes: IndexName[] } {
  const table = new Set<DynamoAction>();
  const indexes = new Set<IndexName>();
  const partitioned = new Map<DynamoAction, Set<string>>();
  for (const method of methods) {
    const access = STORE_METHOD_ACCESS[method];
    for (const action of access.table) {
      if (access.partitions === undefined) table.add(action);
      else for (const partition of access.partitions) partitioned.set(action, (partitioned.get(action) ?? new Set<string>()).add(partition));
    }
    for (const index of access.indexes) indexes.add(index);
  }
  const grants = [...partitioned]
    .filter(([action]) => !table.has(action))
    .map(([action, partitions]) => ({ actions: [action], partitions: [...partitions].sort() }))
    .sort((a, b) => (a.actions[0] ?? '').localeCompare(b.actions[0] ?? ''));
  return { table: [...table].sort(), partitioned: grants, indexes: [...indexes].sort() };
}
