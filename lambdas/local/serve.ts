// `monitor serve`: the whole service on one machine — DynamoDB Local, the
// check loop, discovery, and the web app on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import type { MonitorConfig } from '../domain/config';
import { checkDue, SERVE_PARALLEL_CHECKS } from '../service/run-due';
import { discoverAll } from '../service/discovery';
import { openLocalRuntime } from '../composition/local-runtime';
import { createSite } from '../composition/runtime';
import { notifyNewChanges } from '../service/change-follower';
import type { CheckerDeps } from '../service/checker';
import { notifyCursor } from './notification-files';
import { startHttpServer } from './http-server';
import { localApiToken } from './api-token';
import { ConfigError } from '../errors';

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
  const runtime = await openLocalRuntime({
    dataDir: options.dataDir,
    tableName: options.tableName,
    config: options.config,
    reattach: { log },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const { deps } = runtime;
  // Discovery asked for from the pages or the API: the loop wakes up for it instead of waiting its interval.
  const discovery = { requested: false, running: false };
  const requestDiscovery = async (): Promise<'started' | 'already-running'> => {
    if (options.config.sources.length === 0) {
      throw new ConfigError('no sources are configured: add "sources" (feeds, sitemaps, front pages) to monitor.config.json');
    }
    if (discovery.running || discovery.requested) return 'already-running';
    discovery.requested = true;
    return 'started';
  };
  const { token, server } = await startSite(deps, options, requestDiscovery).catch(async (error: unknown) => {
    // Nothing half-started is left behind: the hold on the folder's DynamoDB Local is let go.
    await runtime.close();
    throw error;
  });
  log(`monitor: serving ${server.url} (DynamoDB at ${runtime.endpoint}, data in ${options.dataDir})`);
  log(`monitor: API and manage-page token ${token.file ? `in ${token.file}` : 'from MONITOR_API_TOKEN'} (manage at ${server.url}/manage)`);

  let stopped = false;
  const loop = (name: string, everyMs: number, task: () => Promise<string | null>, wake: () => boolean = () => false): Promise<void> =>
    (async () => {
      while (!stopped) {
        try {
          const line = await task();
          if (line) log(`monitor: ${name}: ${line}`);
        } catch (error) {
          log(`monitor: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleepUnlessStopped(everyMs, () => stopped || wake());
      }
    })();
  const loops = [
    loop('check', options.config.checkIntervalMs, async () => {
      const run = await checkDue(deps, { parallel: SERVE_PARALLEL_CHECKS });
      const recorded = run.reports.filter((r) => r.version !== undefined || r.kinds !== undefined);
      const failed = run.reports.filter((r) => r.outcome === 'failed' || r.outcome === 'retry-later' || r.outcome === 'rejected');
      for (const report of failed) log(`monitor: check: ${report.url}: ${report.outcome} (${report.reason ?? 'no reason given'})`);
      for (const error of run.errors) log(`monitor: check: ${error.url}: ${error.error}`);
      if (run.reports.length === 0 && run.errors.length === 0) return null;
      return `${run.reports.length} checked, ${recorded.length} changed, ${failed.length} failed, ${run.errors.length} errors`;
    }),
  ];
  const { notifier } = runtime;
  if (notifier !== null) {
    const cursor = notifyCursor(options.dataDir, new Date().toISOString());
    loops.push(
      loop('notify', options.config.checkIntervalMs, async () => {
        const result = await notifyNewChanges(deps.store, notifier, cursor.read(), { siteUrl: server.url });
        cursor.write(result.cursor);
        return result.published > 0 ? `told subscribers about ${result.published} change${result.published === 1 ? '' : 's'}` : null;
      }),
    );
  }
  if (options.config.sources.length > 0) {
    loops.push(
      loop(
        'discover',
        options.config.discoverIntervalMs,
        async () => {
          discovery.requested = false;
          discovery.running = true;
          try {
            const reports = await discoverAll(deps);
            for (const report of reports) for (const error of report.errors) log(`monitor: discover: ${report.source}: ${error}`);
            return reports.map((r) => `${r.source}: ${r.found} found, ${r.watched.length} new, ${r.errors.length} failed`).join('; ');
          } finally {
            discovery.running = false;
          }
        },
        () => discovery.requested,
      ),
    );
  }

  return {
    url: server.url,
    endpoint: runtime.endpoint,
    stop: async () => {
      stopped = true;
      await server.close();
      await Promise.all(loops);
      await runtime.close();
    },
  };
}

/** The web app on its port, with the watch API's token. */
async function startSite(deps: CheckerDeps, options: ServeOptions, requestDiscovery: () => Promise<'started' | 'already-running'>) {
  const token = localApiToken(options.dataDir);
  const app = createSite(deps, { apiTokenSha256: token.sha256, requestDiscovery });
  const server = await startHttpServer(app, { port: options.port, host: options.host ?? '127.0.0.1' });
  return { token, server };
}

async function sleepUnlessStopped(ms: number, isStopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!isStopped() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
  }
}
