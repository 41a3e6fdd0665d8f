// Builds the monitor's parts from configuration. Every entry point (CLI, local
// server, Lambda handlers) gets its dependencies here, so they stay thin.
import type { MonitorConfig } from '../config';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoStore } from '../adapters/dynamo-store';
import { createHttpFetcher } from '../adapters/http-fetcher';
import { createRobotsPolicy } from '../adapters/robots';
import { HostLimiter } from '../domain/host-limiter';
import { systemClock, type Fetcher } from '../ports';
import type { CheckerDeps } from './checker';

export interface RuntimeOptions {
  config: MonitorConfig;
  tableName: string;
  /** DynamoDB endpoint (DynamoDB Local); omit on AWS. */
  endpoint?: string;
}

/** The gated HTTP fetcher, with the config's limits. */
export function fetcherFor(config: MonitorConfig): Fetcher {
  return createHttpFetcher({
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    maxRedirects: config.fetch.maxRedirects,
    allowPrivateNetwork: config.fetch.allowPrivateNetwork,
  });
}

export function createRuntime(options: RuntimeOptions): CheckerDeps {
  const { config } = options;
  const fetcher = fetcherFor(config);
  const client = createDocumentClient(options.endpoint === undefined ? {} : { endpoint: options.endpoint });
  return {
    store: new DynamoStore(client, options.tableName),
    fetcher,
    robots: config.fetch.respectRobotsTxt ? createRobotsPolicy(fetcher, config.fetch.userAgent) : null,
    limiter: new HostLimiter({
      perHostConcurrency: config.politeness.perHostConcurrency,
      perHostGapMs: config.politeness.perHostGapMs,
    }),
    config,
    clock: systemClock,
  };
}
