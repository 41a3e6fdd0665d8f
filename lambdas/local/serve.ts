// `monitor serve`: the whole service on one machine — DynamoDB Local, the
// check loop, discovery, and the web app on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import type { MonitorConfig } from '../config';
import { createDocumentClient } from '../adapters/dynamo-client';
import { ensureTable } from '../adapters/create-table';
import { checkDue } from '../service/run-due';
import { discoverAll } from '../service/discovery';
import { createRuntime } from '../service/runtime';
import { watchArticle } from '../service/watch';
import { createWebApp } from '../web/app';
import { startHttpServer } from './http-server';
import { openDatabase } from './database';
import { localApiToken } from './api-token';

export interface ServeOptions {
  port: number;
  host?: string;
  dataDir: string;
  endpoint?: string;
  tableName: string;
  config: MonitorConfig;
  log?: (line: string) => void;
}

export interface RunningService {
  url: string;
  endpoint: string;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningService> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const database = await openDatabase({ dataDir: options.dataDir, share: true, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  const { deps, token, server } = await startSite(options, database.endpoint).catch(async (error: unknown) => {
    // Nothing half-started is left behind: no DynamoDB Local, no endpoint file for other commands to find.
    await database.close();
    throw error;
  });
  log(`monitor: serving ${server.url} (DynamoDB at ${database.endpoint}, data in ${options.dataDir})`);
  log(`monitor: POST /api/watch token ${token.file ? `in ${token.file}` : 'from MONITOR_API_TOKEN'}`);

  let stopped = false;
  const loop = (name: string, everyMs: number, task: () => Promise<string | null>): Promise<void> =>
    (async () => {
      while (!stopped) {
        try {
          const line = await task();
          if (line) log(`monitor: ${name}: ${line}`);
        } catch (error) {
          log(`monitor: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleepUnlessStopped(everyMs, () => stopped);
      }
    })();
  const loops = [
    loop('check', options.config.checkIntervalMs, async () => {
      const run = await checkDue(deps);
      const recorded = run.reports.filter((r) => r.version !== undefined || r.kinds !== undefined);
      if (run.reports.length === 0 && run.errors.length === 0) return null;
      return `${run.reports.length} checked, ${recorded.length} changed, ${run.errors.length} errors`;
    }),
  ];
  if (options.config.sources.length > 0) {
    loops.push(
      loop('discover', options.config.discoverIntervalMs, async () => {
        const reports = await discoverAll(deps);
        return reports.map((r) => `${r.source}: ${r.found} found, ${r.watched.length} new`).join('; ');
      }),
    );
  }

  return {
    url: server.url,
    endpoint: database.endpoint,
    stop: async () => {
      stopped = true;
      await server.close();
      await Promise.all(loops);
      await database.close();
    },
  };
}

/** The table, the checker's parts and the web app on its port. */
async function startSite(options: ServeOptions, endpoint: string) {
  await ensureTable(createDocumentClient({ endpoint }), options.tableName);
  const deps = createRuntime({ config: options.config, tableName: options.tableName, endpoint });
  const token = localApiToken(options.dataDir);
  const app = createWebApp({ store: deps.store, watch: (url) => watchArticle(deps, url), apiTokenSha256: token.sha256 });
  const server = await startHttpServer(app, { port: options.port, host: options.host ?? '127.0.0.1' });
  return { deps, token, server };
}

async function sleepUnlessStopped(ms: number, isStopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!isStopped() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
  }
}
