import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConnection {
  /** Omit on AWS; an http URL for DynamoDB Local or another emulator. */
  endpoint?: string;
  region?: string;
}

/** A document client; against a local endpoint it uses fixed dummy credentials, which DynamoDB Local accepts. */
export function createDocumentClient(connection: DynamoConnection = {}): DynamoDBDocumentClient {
  const local = connection.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(local
      ? {
          endpoint: connection.endpoint,
          region: connection.region ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : connection.region
        ? { region: connection.region }
        : {}),
    maxAttempts: local ? 2 : 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
