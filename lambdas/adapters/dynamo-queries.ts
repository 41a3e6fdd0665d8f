// The bounded queries behind the change feeds and the due list: which index partitions a
// listing reads, in what order, with what filter, and how far one request may read.
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { cursorTime } from '../domain/change-cursor';
import type { ChangeQuery, Clock } from '../ports';
import { feedMonthsBack } from './change-listing';
import type { RawItem } from './dynamo-item-fields';
import { articlePk, CHANGE_PREFIX, feedSourceKey } from './dynamo-items';

/** Items one listing may read before it returns what it has. */
const MAX_EXAMINED = 5000;

export type KeyedQuery = Pick<
  QueryCommandInput,
  'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'ScanIndexForward'
>;

/**
 * Walks the partitions in order, page by page, until `limit` items pass the filter, all are read,
 * or MAX_EXAMINED items were read: a rare filter must not let one request read the whole table.
 * The caller pages on with `before` from the last item it got.
 */
export async function firstMatching(
  client: DynamoDBDocumentClient,
  tableName: string,
  partitions: Iterable<KeyedQuery>,
  filter: ChangeFilter | null,
  limit: number,
): Promise<RawItem[]> {
  const found: RawItem[] = [];
  let examined = 0;
  for (const partition of partitions) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const remaining = limit - found.length;
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
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

export function* changePartitions(query: ChangeQuery, clock: Clock): Iterable<KeyedQuery> {
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
  for (const month of feedMonthsBack(query.before, clock)) {
    yield {
      IndexName: 'changes',
      KeyConditionExpression: `feedMonth = :month${beforeClause}`,
      ExpressionAttributeValues: { ':month': month, ...beforeValue },
      ScanIndexForward: false,
    };
  }
}

export interface ChangeFilter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export function changeFilter(query: ChangeQuery): ChangeFilter | null {
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
