// The DynamoDB IAM actions each ArticleStore method of the DynamoDB store sends,
// and on which resources, so the CDK stack can give every function exactly the
// actions of the methods it calls (lib/table-access.ts) and nothing more.
// test/adapters/store-permissions.test.ts runs every method against DynamoDB
// Local and fails when a method sends an action this table does not list.
//
// Transactions (TransactWriteItems) have no IAM action of their own: IAM checks
// each item's Put/Update/Delete, and dynamodb:ConditionCheckItem for a
// ConditionCheck (AWS: "Using IAM with DynamoDB transactions").
import type { ArticleStore } from '../ports';
import type { TABLE_SCHEMA } from './table-schema';

export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';

export type IndexName = (typeof TABLE_SCHEMA.indexes)[number]['name'];

export interface MethodAccess {
  /** Actions on the table's items. */
  table: readonly DynamoAction[];
  /** Indexes the method queries (Query only). */
  indexes: readonly IndexName[];
}

export type StoreMethod = keyof ArticleStore;

export const STORE_METHOD_ACCESS: Record<StoreMethod, MethodAccess> = {
  getArticle: { table: ['GetItem'], indexes: [] },
  getArticleByKey: { table: ['GetItem'], indexes: [] },
  // A conditional Put; with version 0, a transaction of two Puts.
  createArticle: { table: ['PutItem'], indexes: [] },
  // The head's conditional Put; with a version, change or alias, a transaction of Puts; a suppressed
  // variant is counted with an Update of its own item in that transaction.
  saveCheck: { table: ['PutItem', 'UpdateItem'], indexes: [] },
  getVersion: { table: ['GetItem'], indexes: [] },
  listVersions: { table: ['Query'], indexes: [] },
  // One article's changes by its key; all or one source's through the feed indexes.
  recentChanges: { table: ['Query'], indexes: ['changes', 'changes-by-source'] },
  listVariants: { table: ['Query'], indexes: [] },
  // Variant items sit in the feed indexes next to the changes.
  recentVariants: { table: [], indexes: ['changes', 'changes-by-source'] },
  dueArticles: { table: [], indexes: ['due'] },
  // The keys-only articles index, then the heads by key.
  allArticles: { table: ['BatchGetItem'], indexes: ['articles'] },
  listArticles: { table: ['BatchGetItem'], indexes: ['articles'] },
  deleteArticle: { table: ['Query', 'DeleteItem', 'BatchWriteItem'], indexes: [] },
};

/** The union of what `methods` need: the table actions, and the indexes to allow Query on. */
export function accessFor(methods: readonly StoreMethod[]): { table: DynamoAction[]; indexes: IndexName[] } {
  const table = new Set<DynamoAction>();
  const indexes = new Set<IndexName>();
  for (const method of methods) {
    for (const action of STORE_METHOD_ACCESS[method].table) table.add(action);
    for (const index of STORE_METHOD_ACCESS[method].indexes) indexes.add(index);
  }
  return { table: [...table].sort(), indexes: [...indexes].sort() };
}
