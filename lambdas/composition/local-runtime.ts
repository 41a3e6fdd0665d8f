// The local side of the composition root: DynamoDB Local (or a given
// endpoint), the table, and the runtime over them, for `monitor serve` and
// every CLI command that reads or writes the store.
import { createDocumentClient } from '../adapters/dynamo-client';
import { ensureTable } from '../adapters/create-table';
import type { MonitorConfig } from '../domain/config';
import { openDatabase } from '../local/database';
import { deliveryLogWriter } from '../local/notification-files';
import type { ChangePublisher } from '../ports';
import { notificationRouter } from './notifications';
import { createRuntime, type Runtime } from './runtime';

export interface LocalRuntimeOptions {
  dataDir: string;
  tableName: string;
  config: MonitorConfig;
  /** An existing DynamoDB to use instead of DynamoDB Local. */
  endpoint?: string;
  /** Start the folder's DynamoDB Local again should it go away while this runtime lives (serve does). */
  reattach?: { log: (line: string) => void };
}

export interface LocalRuntime {
  deps: Runtime;
  /** Every configured notification sink behind one router; null when the config names none. */
  notifier: ChangePublisher | null;
  endpoint: string;
  close(): Promise<void>;
}

export async function openLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const database = await openDatabase({
    dataDir: options.dataDir,
    ...(options.reattach ? { reattach: options.reattach } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  try {
    await ensureTable(createDocumentClient({ endpoint: database.endpoint }), options.tableName);
    const deps = createRuntime({ config: options.config, tableName: options.tableName, endpoint: database.endpoint });
    const notifier = notificationRouter(options.config.notifications, { log: deliveryLogWriter(options.dataDir) });
    return { deps, notifier, endpoint: database.endpoint, close: () => database.close() };
  } catch (error) {
    // Nothing half-started is left behind: the hold on the folder's DynamoDB Local is let go.
    await database.close();
    throw error;
  }
}
