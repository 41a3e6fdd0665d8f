import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConnection {
  /** Omit on AWS; an http URL for DynamoDB Local or another emulator. */
  endpoint?: string;
  region?: string;
}

/** True for DynamoDB Local and other emulators on this machine. */
function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/**
 * A document client. Against a loopback endpoint (DynamoDB Local) it uses fixed dummy
 * credentials, which the emulator accepts; any other endpoint (a real DynamoDB, e.g. to
 * export a deployment) uses the normal AWS credential chain and the region in its host name.
 */
export function createDocumentClient(connection: DynamoConnection = {}): DynamoDBDocumentClient {
  const { endpoint } = connection;
  const local = endpoint !== undefined && isLoopback(endpoint);
  const regionInHost = endpoint !== undefined ? /^dynamodb\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(endpoint).hostname)?.[1] : undefined;
  const region = connection.region ?? (local ? 'local' : regionInHost);
  const client = new DynamoDBClient({
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: local ? 2 : 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
