// The composition root: the one place that picks adapters and builds the
// monitor's parts from configuration. The Lambda handlers, `monitor serve` and
// every CLI command get their dependencies here, so they only wire.
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoDueIndex } from '../adapters/dynamo-due-index';
import { DynamoStore } from '../adapters/dynamo-store';
import { createHttpFetcher } from '../adapters/http-fetcher';
import { createRobotsPolicy } from '../adapters/robots';
import type { MonitorConfig } from '../domain/config';
import { type ContentWork, type DueIndex, type Fetcher, systemClock } from '../ports';
import type { CheckerDeps } from '../service/checker';
import { HostLimiter } from '../service/host-limiter';
import { inProcessContentWork } from '../adapters/in-process-content-work';
import { watchArticle } from '../service/watch';
import { createWebApp, type WebHandler } from '../web/app';

export interface RuntimeOptions {
  config: MonitorConfig;
  tableName: string;
  /** DynamoDB endpoint (DynamoDB Local); omit on AWS. */
  endpoint?: string;
  /** Where pages are read; in-process when absent (Lambda). */
  contentWork?: ContentWork;
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

/** The checker's parts and the due index that dispatch (and the local loop) claims due checks from. */
export interface Runtime extends CheckerDeps {
  dueIndex: DueIndex;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config } = options;
  const fetcher = fetcherFor(config);
  const client = createDocumentClient(options.endpoint === undefined ? {} : { endpoint: options.endpoint });
  return {
    store: new DynamoStore(client, options.tableName),
    dueIndex: new DynamoDueIndex(client, options.tableName),
    fetcher,
    robots: config.fetch.respectRobotsTxt ? createRobotsPolicy(fetcher, config.fetch.userAgent) : null,
    limiter: new HostLimiter({
      perHostConcurrency: config.politeness.perHostConcurrency,
      perHostGapMs: config.politeness.perHostGapMs,
    }),
    config,
    clock: systemClock,
    // Pages are read in this thread unless the caller hands over threads (local mode).
    contentWork: options.contentWork ?? inProcessContentWork,
  };
}

export interface SiteOptions {
  /** Hex sha256 of the bearer token the watch API accepts; null keeps it closed. */
  apiTokenSha256: string | null;
  /** The site's public origin for absolute links; from the Host header when absent. */
  baseUrl?: string;
  /** False where the site must not delete articles (the deployed web function); true unless set. */
  deletes?: boolean;
  /** Starts discovery now (the local server wakes its loop); absent, discovery only runs on its schedule. */
  requestDiscovery?: () => Promise<'started' | 'already-running'>;
}

/** The web site (pages, feeds, API, watch API) over a runtime: the same for serve and the web Lambda. */
export function createSite(deps: CheckerDeps, options: SiteOptions): WebHandler {
  return createWebApp({
    store: deps.store,
    watch: (url) => watchArticle(deps, url),
    apiTokenSha256: options.apiTokenSha256,
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    ...(options.deletes !== undefined ? { deletes: options.deletes } : {}),
    ...(options.requestDiscovery !== undefined ? { requestDiscovery: options.requestDiscovery } : {}),
  });
}
