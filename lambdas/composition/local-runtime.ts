// The local side of the composition root: DynamoDB Local (or a given
// endpoint), the table, and the runtime over them, for `monitor serve` and
// every CLI command that reads or writes the store.
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoStore } from '../adapters/dynamo-store';
import { GroupedHeadPuts } from '../adapters/grouped-head-puts';
import { ensureTable } from '../adapters/create-table';
import type { MonitorConfig } from '../domain/config';
import { openDatabase } from '../local/database';
import { deliveryLogWriter } from '../local/notification-files';
import { type ChangePublisher, systemClock } from '../ports';
import { notificationRouter } from './notifications';
import { createRuntime, type Runtime } from './runtime';
import { defaultContentThreads, WorkerContentWork } from '../adapters/worker-content-work';

export interface LocalRuntimeOptions {
  dataDir: string;
  tableName: string;
  config: MonitorConfig;
  /** An existing DynamoDB to use instead of DynamoDB Local. */
  endpoint?: string;
  /** Start the folder's DynamoDB Local again should it go away while this runtime lives (serve does). */
  reattach?: { log: (line: string) => void };
  /** Worker threads that read pages; 0 reads them on the main thread. Default: MONITOR_WORKERS, else one per core. */
  contentThreads?: number;
}

/** MONITOR_WORKERS=0 reads pages on the main thread (to compare); a whole number sets the pool's size. */
function contentThreadsFromEnv(): number {
  const raw = process.env.MONITOR_WORKERS;
  const parsed = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isInteger(parsed) && parsed >= 0 && parsed <= 64 ? parsed : defaultContentThreads();
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
    const client = createDocumentClient({ endpoint: database.endpoint });
    await ensureTable(client, options.tableName);
    const threads = options.contentThreads ?? contentThreadsFromEnv();
    const contentWork = threads > 0 ? new WorkerContentWork(threads) : undefined;
    const runtime = createRuntime({
      config: options.config,
      tableName: options.tableName,
      endpoint: database.endpoint,
      ...(contentWork ? { contentWork } : {}),
    });
    // Local checks save several at once, and DynamoDB Local writes a transaction of their heads for much less
    // CPU than as many Puts. Only here: on AWS a transaction costs twice the write units.
    const headPuts = new GroupedHeadPuts(client);
    const deps = { ...runtime, store: new DynamoStore(client, options.tableName, systemClock, headPuts) };
    const notifier = notificationRouter(options.config.notifications, { log: deliveryLogWriter(options.dataDir) });
    const close = async (): Promise<void> => {
      await deps.fetcher.close();
      // Before DynamoDB Local goes: no save asked for is left unsent.
      await headPuts.close();
      await contentWork?.close();
      await database.close();
    };
    return { deps, notifier, endpoint: database.endpoint, close };
  } catch (error) {
    // Nothing half-started is left behind: the hold on the folder's DynamoDB Local is let go.
    await database.close();
    throw error;
  }
}
