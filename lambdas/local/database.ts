// Where local commands find their DynamoDB: an explicit --endpoint, the
// DynamoDB Local a running `monitor serve` started for the same data folder,
// or a new one started here (data persisted under <data>/dynamodb).
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from './dynamo-local';

export interface LocalDatabase {
  endpoint: string;
  close(): Promise<void>;
}

const ENDPOINT_FILE = 'dynamodb.endpoint';

async function answers(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 1500 },
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * @param share write the endpoint where other commands on the same data folder will find it (serve does).
 */
export async function openDatabase(options: { dataDir: string; endpoint?: string; share?: boolean }): Promise<LocalDatabase> {
  if (options.endpoint) return { endpoint: options.endpoint, close: async () => {} };
  const endpointFile = join(options.dataDir, ENDPOINT_FILE);
  if (existsSync(endpointFile)) {
    const running = readFileSync(endpointFile, 'utf8').trim();
    if (running && (await answers(running))) return { endpoint: running, close: async () => {} };
    rmSync(endpointFile, { force: true });
  }
  mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startDynamoLocal({ dataDir: join(options.dataDir, 'dynamodb') });
  if (options.share) writeFileSync(endpointFile, dynamo.endpoint);
  return {
    endpoint: dynamo.endpoint,
    close: async () => {
      if (options.share) rmSync(endpointFile, { force: true });
      await dynamo.stop();
    },
  };
}
