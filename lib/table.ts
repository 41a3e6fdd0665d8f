// The monitor's single table, built from the same schema the local create-table
// uses, so AWS and laptop serve the same access patterns.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA, type IndexSchema } from '../lambdas/adapters/table-schema';

const PROJECTIONS: Record<IndexSchema['projection'], ProjectionType> = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
};

/**
 * How the table pays for reads and writes.
 *
 * `provisioned` (the default): auto scaling keeps each of the table's and its indexes' read and write
 * capacity at `TARGET_UTILIZATION_PERCENT` of what is consumed, between a floor and `maxUnits`.
 * Dispatch spreads every article's checks over fixed slots, so the load is flat by design: the case
 * provisioned capacity is for, at about 40% of on-demand's price per write at that utilisation
 * (`npm run bench:cost`). The floors (`MIN_TABLE_UNITS` + `MIN_INDEX_UNITS` per index) fit in the
 * account's always-free 25 read and 25 write units; a burst beyond what is provisioned is throttled
 * until scaling catches up (minutes), and a throttled check goes back to the queue, losing nothing.
 *
 * `on-demand`: pay per request, nothing while idle and no throttling while scaling, at ~2.4× the
 * price per unit of steady load.
 */
export type TableCapacity = { readonly mode: 'on-demand' } | { readonly mode: 'provisioned'; readonly maxUnits: number };

/** Auto scaling's target: the standard 70%, headroom for a minute's growth while a scale-out is under way. */
export const TARGET_UTILIZATION_PERCENT = 70;
const MIN_TABLE_UNITS = 5;
const MIN_INDEX_UNITS = 1;

export function createMonitorTable(scope: Construct, id: string, capacity: TableCapacity): Table {
  const provisioned = capacity.mode === 'provisioned';
  const table = new Table(scope, id, {
    partitionKey: { name: TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
    billingMode: provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
    ...(provisioned ? { readCapacity: MIN_TABLE_UNITS, writeCapacity: MIN_TABLE_UNITS } : {}),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // The version history cannot be re-fetched once the publisher edits the page again:
    // neither a stack deletion nor a stray console click may take it away.
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    // For the notify Lambda to come: it reacts to new change records.
    stream: StreamViewType.NEW_IMAGE,
  });
  for (const index of TABLE_SCHEMA.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: PROJECTIONS[index.projection],
      ...(index.include ? { nonKeyAttributes: [...index.include] } : {}),
      ...(provisioned ? { readCapacity: MIN_INDEX_UNITS, writeCapacity: MIN_INDEX_UNITS } : {}),
    });
  }
  if (capacity.mode === 'provisioned') {
    const utilization = { targetUtilizationPercent: TARGET_UTILIZATION_PERCENT };
    const tableRange = { minCapacity: MIN_TABLE_UNITS, maxCapacity: capacity.maxUnits };
    table.autoScaleReadCapacity(tableRange).scaleOnUtilization(utilization);
    table.autoScaleWriteCapacity(tableRange).scaleOnUtilization(utilization);
    // An index short of write capacity throttles the table's writes too: each may grow as far as the table.
    const indexRange = { minCapacity: MIN_INDEX_UNITS, maxCapacity: capacity.maxUnits };
    for (const index of TABLE_SCHEMA.indexes) {
      table.autoScaleGlobalSecondaryIndexReadCapacity(index.name, indexRange).scaleOnUtilization(utilization);
      table.autoScaleGlobalSecondaryIndexWriteCapacity(index.name, indexRange).scaleOnUtilization(utilization);
    }
  }
  return table;
}
