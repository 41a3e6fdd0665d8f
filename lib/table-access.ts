// Least privilege on the table: each function is allowed exactly the DynamoDB
// actions of the store methods it calls (lambdas/adapters/store-permissions.ts
// says which actions a method sends), on the table and on the indexes it
// queries, named one by one. No function but an operator's gets Scan,
// DeleteItem or BatchWriteItem; deleting an article is `monitor delete`.
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { accessFor, type StoreMethod } from '../lambdas/adapters/store-permissions';

/** The store methods each function's code reaches. */
export const FUNCTION_STORE_METHODS = {
  // checkArticle: the head by key (queued) or URL (hand-queued, and again after a stale save), the version it diffs against, the save.
  check: ['getArticle', 'getArticleByKey', 'getVersion', 'saveCheck'],
  // The due index, the heads it names, and the lease written on each head it queues.
  dispatch: ['dueArticles', 'getArticleByKey', 'saveCheck'],
  // watchArticle for each URL a source lists: look it up, create it (or watch it again).
  discover: ['getArticle', 'createArticle', 'saveCheck'],
  // Pages, feeds and the API read; watch creates; pause, resume and unwatch save a head. Never delete.
  web: ['getArticle', 'getVersion', 'listVersions', 'recentChanges', 'listVariants', 'recentVariants', 'listArticles', 'createArticle', 'saveCheck'],
} as const satisfies Record<string, readonly StoreMethod[]>;

export function grantStoreAccess(fn: IFunction, table: ITable, methods: readonly StoreMethod[]): void {
  const { table: actions, indexes } = accessFor(methods);
  if (actions.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
  }
  if (indexes.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexes.map((index) => `${table.tableArn}/index/${index}`) }));
  }
}
