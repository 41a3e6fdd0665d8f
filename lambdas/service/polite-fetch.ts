// Every fetch of a site the monitor makes on its own (article checks, feeds,
// sitemaps, front pages) asks robots.txt first, waits its turn for the host
// (with the site's Crawl-delay, capped), then goes through the gate.
import type { MonitorConfig } from '../domain/config';
import type { HostLimiter } from './host-limiter';
import type { FetchOutcome, FetchRequest, Fetcher } from '../ports';
import type { RobotsPolicy } from '../ports';

export interface PoliteFetchDeps {
  fetcher: Fetcher;
  limiter: HostLimiter;
  robots: RobotsPolicy | null;
  config: MonitorConfig;
  /** Refuse (HostBusyError) a fetch that would wait longer than this for its host's turn; unset, wait. */
  hostWaitLimitMs?: number;
  /** Once aborted, a fetch still waiting for its host's turn is not made (FetchNotStartedError): the run was stopped. */
  stop?: AbortSignal;
}

/** A robots.txt Crawl-delay is honoured up to this; a larger one would stall every check of the site. */
const MAX_CRAWL_DELAY_MS = 30_000;

/**
 * The fetch's outcome, or `disallowed` when robots.txt forbids the URL. FetchErrors are thrown as the
 * fetcher throws them, HostBusyError when the host's turn is further off than `hostWaitLimitMs`.
 */
export async function politeFetch(deps: PoliteFetchDeps, request: FetchRequest): Promise<FetchOutcome | { kind: 'disallowed' }> {
  let crawlDelayMs = 0;
  if (deps.robots && deps.config.fetch.respectRobotsTxt) {
    if (!(await deps.robots.isAllowed(request.url))) return { kind: 'disallowed' };
    crawlDelayMs = Math.min((await deps.robots.crawlDelayMs(request.url)) ?? 0, MAX_CRAWL_DELAY_MS);
  }
  return deps.limiter.run(new URL(request.url).host, () => deps.fetcher.fetch(request), {
    gapMs: crawlDelayMs,
    ...(deps.hostWaitLimitMs !== undefined ? { waitAtMostMs: deps.hostWaitLimitMs } : {}),
    ...(deps.stop ? { stop: deps.stop } : {}),
  });
}
