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

export function createMonitorTable(scope: Construct, id: string): Table {
  const table = new Table(scope, id, {
    partitionKey: { name: TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
    // Traffic is a trickle with bursts at dispatch time: on-demand costs nothing while idle.
    billingMode: BillingMode.PAY_PER_REQUEST,
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
    });
  }
  return table;
}
