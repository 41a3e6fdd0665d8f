// Least privilege on the table: each function is allowed exactly the DynamoDB
// actions of the store methods it calls (lambdas/adapters/store-permissions.ts
// says which actions a method sends), on the table and on the indexes it
// queries, named one by one. No function gets Scan or BatchWriteItem, and only dispatch
// DeleteItem (its own host-lane records); deleting an article is `monitor unwatch --delete`.
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { accessFor, type StoreMethod } from '../lambdas/adapters/store-permissions';

/** The store methods each function's code reaches. */
export const FUNCTION_STORE_METHODS = {
  // checkArticle: the head by key (queued) or URL (hand-queued, and again after a stale save), the version it diffs against, the save.
  check: ['getArticle', 'getArticleByKey', 'getVersion', 'saveCheck'],
  // dispatchDue: the due index only (lane cursors, leases, deferrals, host lanes); it never reads a head.
  dispatch: ['cursors', 'claim', 'entries', 'count', 'lease', 'defer', 'busyHosts', 'setHostFreeAt', 'forgetHost'],
  // watchArticle for each URL a source lists: look it up, create it (or watch it again).
  discover: ['getArticle', 'createArticle', 'saveCheck'],
  // Pages, feeds and the API read; watch creates; pause, resume and unwatch save a head. Never delete.
  web: ['getArticle', 'getVersion', 'listVersions', 'recentChanges', 'listVariants', 'recentVariants', 'listArticles', 'createArticle', 'saveCheck'],
} as const satisfies Record<string, readonly StoreMethod[]>;

export function grantStoreAccess(fn: IFunction, table: ITable, methods: readonly StoreMethod[]): void {
  const { table: actions, partitioned, indexes } = accessFor(methods);
  if (actions.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
  }
  for (const grant of partitioned) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: grant.actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': grant.partitions } },
      }),
    );
  }
  if (indexes.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexes.map((index) => `${table.tableArn}/index/${index}`) }));
  }
}
