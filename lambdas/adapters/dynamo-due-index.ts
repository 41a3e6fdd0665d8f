// The due index on DynamoDB: the 'due-slots' GSI (keys, hostKey and leaseCount only), the
// dispatcher's lane cursors (DISPATCH / <lane>) and host lanes (LANE / <hostKey>). Layout in table-schema.ts.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DueEntry, DueIndex, DuePage } from '../ports';
import type { RawItem } from './dynamo-item-fields';
import { HEAD_SK } from './dynamo-items';

const INDEX = 'due-slots';
const CURSOR_PK = 'DISPATCH';
/** The partition of the host lanes (LANE / <hostKey>); IAM grants dispatch its deletes there alone. */
export const HOST_LANE_PARTITION = 'LANE';
const HOST_PK = HOST_LANE_PARTITION;

function toEntry(item: RawItem): DueEntry {
  return {
    key: String(item.pk).slice(2),
    hostKey: typeof item.hostKey === 'string' ? item.hostKey : '',
    slot: String(item.dueSlot),
    leaseCount: typeof item.leaseCount === 'number' ? item.leaseCount : 0,
  };
}

/** The part of a Query that reads one lane's entries with sort keys in [from, to]. */
function slotRange(lane: string, from: string, to: string) {
  return {
    IndexName: INDEX,
    KeyConditionExpression: 'dueLane = :lane AND dueSlot BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':lane': lane, ':from': from, ':to': to },
  };
}

function headKey(entry: DueEntry): { pk: string; sk: string } {
  return { pk: `A#${entry.key}`, sk: HEAD_SK };
}

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export class DynamoDueIndex implements DueIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async cursors(): Promise<Map<string, number>> {
    // Consistent: a cursor moved a moment ago by another dispatcher must be seen, or its window is claimed twice.
    return this.numbersIn(CURSOR_PK, 'until', true);
  }

  claim(lane: string, from: number | null, to: number): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: CURSOR_PK, sk: lane },
          UpdateExpression: 'SET #until = :to',
          ConditionExpression: from === null ? 'attribute_not_exists(pk)' : '#until = :from',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: from === null ? { ':to': to } : { ':to': to, ':from': from },
        }),
      ),
    );
  }

  async entries(lane: string, from: string, to: string, limit: number, after?: DueEntry): Promise<DuePage> {
    const entries: DueEntry[] = [];
    let startKey: Record<string, unknown> | undefined = after ? { ...headKey(after), dueLane: lane, dueSlot: after.slot } : undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...slotRange(lane, from, to),
          Limit: limit - entries.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) entries.push(toEntry(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && entries.length < limit);
    return { entries, more: startKey !== undefined };
  }

  async count(lane: string, from: string, to: string): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...slotRange(lane, from, to),
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  lease(lane: string, entry: DueEntry, until: string): Promise<boolean> {
    return this.moveIfUnmoved(lane, entry, 'SET dueSlot = :until, leaseCount = :count', { ':until': until, ':count': entry.leaseCount + 1 });
  }

  defer(lane: string, entry: DueEntry, to: string, at: string): Promise<boolean> {
    return this.moveIfUnmoved(lane, entry, 'SET dueLane = :to, dueSlot = :at', { ':to': to, ':at': at });
  }

  /** Rewrites the head's due keys, if they are still where the entry was read; false when a check or another dispatcher moved them. */
  private moveIfUnmoved(lane: string, entry: DueEntry, update: string, values: Record<string, unknown>): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: headKey(entry),
          UpdateExpression: update,
          ConditionExpression: 'dueLane = :lane AND dueSlot = :slot',
          ExpressionAttributeValues: { ...values, ':lane': lane, ':slot': entry.slot },
        }),
      ),
    );
  }

  async busyHosts(): Promise<Map<string, number>> {
    return this.numbersIn(HOST_PK, 'freeAt', false);
  }

  /** sk → the number attribute `field` of every item in partition `pk`. */
  private async numbersIn(pk: string, field: string, consistent: boolean): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: consistent,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const value = item[field];
        if (typeof value === 'number') found.set(String(item.sk), value);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  async setHostFreeAt(hostKey: string, freeAtMs: number): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: HOST_PK, sk: hostKey, freeAt: freeAtMs } }));
  }

  async forgetHost(hostKey: string, freeAtMs: number): Promise<void> {
    await conditional(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: HOST_PK, sk: hostKey },
          ConditionExpression: 'freeAt = :at',
          ExpressionAttributeValues: { ':at': freeAtMs },
        }),
      ),
    );
  }
}
