// Article heads written straight into an emulated table with the store's own item functions, as if
// they had been watched long ago and are due now: what the dispatcher finds in a mature deployment.
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo-client';
import { headToItems } from '../../../lambdas/adapters/head-items';
import { defaultConfig } from '../../../lambdas/domain/config';
import { slotOf, slotTimeMs } from '../../../lambdas/domain/schedule';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { newHead } from '../../../lambdas/service/watch';

/** A head; its `checkEvery` (seconds) puts it on a periodic slot grid of the due index, null keeps it one-off. */
export type ScheduledHead = ArticleHead;

/** A head never checked yet, due at `dueAt` (a one-off due time, as a first check is). */
export function dueHead(url: string, dueAt: Date): ScheduledHead {
  return { ...newHead(url, defaultConfig(), dueAt), nextCheckAt: dueAt.toISOString(), checkEvery: null };
}

/**
 * A head checked before and on the regular schedule, every `everySeconds`: what fills a mature
 * deployment. Its last slot time passed within the last interval, so a dispatcher that has not swept
 * its lane yet finds it due now.
 */
export function periodicHead(url: string, now: Date, everySeconds: number): ScheduledHead {
  const second = Math.floor(now.getTime() / 1000);
  let slotTime = slotTimeMs(slotOf(url, everySeconds), everySeconds, second);
  if (slotTime > now.getTime()) slotTime -= everySeconds * 1000;
  return {
    ...newHead(url, defaultConfig(), new Date(now.getTime() - 30 * 86_400_000)),
    versionCount: 1,
    currentVersion: 0,
    lastCheckedAt: new Date(slotTime - everySeconds * 1000).toISOString(),
    nextCheckAt: new Date(slotTime).toISOString(),
    checkEvery: everySeconds,
  };
}

/** The head due again at once, off its regular grid (as a retry is): the dispatcher leases and queues it on its next run. */
export function dueAgain(head: ArticleHead): ScheduledHead {
  return { ...head, nextCheckAt: new Date(Date.now() - 1000).toISOString(), checkEvery: null };
}

/** The table items of a head: its hot HEAD item and its INFO item. */
export function headItems(head: ArticleHead): Array<Record<string, unknown>> {
  const { hot, info } = headToItems(head);
  return [hot, info];
}

export async function seedHeads(endpoint: string, tableName: string, heads: ArticleHead[], parallel = 8): Promise<void> {
  const client = createDocumentClient({ endpoint, requestTimeoutMs: 30_000 });
  const items = heads.flatMap(headItems);
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  const work = async (): Promise<void> => {
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      let pending: Array<{ PutRequest: { Item: Record<string, unknown> } }> = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, work));
  client.destroy();
}

/** Overwrites one raw item: a corrupt head, as a bad migration or a hand edit leaves one. */
export async function putRawItem(endpoint: string, tableName: string, item: Record<string, unknown>): Promise<void> {
  const client = createDocumentClient({ endpoint });
  await client.send(new PutCommand({ TableName: tableName, Item: item }));
  client.destroy();
}
