// Checks every article that is due, in-process: the local runner's loop and
// `monitor check` without URLs. The due checks are claimed as dispatch claims them
// (each once, leased or behind a lane cursor), so a run that crashes never loops on
// an article and two runs at once never check one twice. Politeness per host comes
// from the limiter in the deps; this bounds how many checks run at once overall.
import type { ArticleHead } from '../domain/types';
import { FetchNotStartedError, MonitorError } from '../errors';
import { checkArticle, type CheckOptions, type CheckReport, type CheckerDeps } from './checker';
import { claimDue, type ClaimDeps, type PlannedCheck } from './dispatch';

/**
 * Checks at once in a local run. A check mostly waits (for the site, for DynamoDB), so a wide pool
 * overlaps those waits (`npm run bench:throughput -- --n 300`: 25.6 unchanged checks/s with 8, 42.6
 * with 32). Each host still gets its polite turn from the limiter, and a check still waiting for
 * that turn when the run is stopped gives up unstarted (FetchNotStartedError), so Ctrl+C waits only
 * for the checks that have fetched.
 */
export const MAX_PARALLEL_CHECKS = 32;

/**
 * Checks at once in `serve`'s loop: it shares its event loop with the web pages, and a wide pool's
 * fetching and saving would keep them waiting (`/healthz` p99 261 ms with 32 at once in
 * `npm run bench:throughput`; the goal is 200). A background loop has the time to go narrower.
 */
export const SERVE_PARALLEL_CHECKS = 8;

/** URLs watched at once by `monitor watch`: each one a first fetch, extraction and write. */
export const MAX_PARALLEL_WATCHES = 8;

export interface DueRun {
  reports: CheckReport[];
  errors: Array<{ url: string; error: string }>;
  /** How many articles there were to check; fewer were checked when the run was stopped. */
  total: number;
}

export type DueRunDeps = CheckerDeps & ClaimDeps;

/** A local run claims for at most this long before it starts checking. */
const CLAIM_BUDGET_MS = 30_000;

export interface DueRunOptions {
  /** Check every article still being checked (not retired, paused or unwatched), due or not. */
  everything?: boolean;
  /** Once aborted, no further check starts; the ones under way finish and are reported. */
  signal?: AbortSignal;
  /** Told how many articles will be checked, before the first starts. */
  onStart?: (total: number) => void;
  /** Told of each check as it ends, for progress. */
  onDone?: (done: { report?: CheckReport; error?: { url: string; error: string } }) => void;
  /** Checks at once; MAX_PARALLEL_CHECKS when absent. */
  parallel?: number;
}

/**
 * One check of a run that can be stopped: its report, or null when the run was stopped while the
 * check still waited for its host's turn (FetchNotStartedError): it never started, so it is
 * neither a report nor a failure.
 */
export async function checkUnlessStopped(
  deps: CheckerDeps,
  target: string | ArticleHead,
  options: CheckOptions,
  stop: AbortSignal | undefined,
): Promise<CheckReport | null> {
  try {
    return await checkArticle(stop ? { ...deps, stop } : deps, target, options);
  } catch (error) {
    if (error instanceof FetchNotStartedError) return null;
    throw error;
  }
}

export async function checkDue(deps: DueRunDeps, options: DueRunOptions = {}): Promise<DueRun> {
  const due: CheckJob[] = options.everything ? (await stillChecked(deps)).map((head) => ({ head })) : await claimedHeads(deps);
  const run: DueRun = { reports: [], errors: [], total: due.length };
  options.onStart?.(due.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < due.length && !options.signal?.aborted) {
      const job = due[next++];
      if (!job) break;
      const { head } = job;
      try {
        const report = await checkUnlessStopped(deps, head, job.dueAt === undefined ? {} : { ifDueAt: job.dueAt }, options.signal);
        if (report === null) continue;
        run.reports.push(report);
        options.onDone?.({ report });
      } catch (error) {
        // One bad article must not stop the others. Its claim stands: a leased head comes back after
        // its lease (longer each time), a periodic one at its next slot, so it never loops.
        if (!(error instanceof MonitorError)) console.error(`check ${head.url} failed:`, error);
        const failure = { url: head.url, error: error instanceof Error ? error.message : String(error) };
        run.errors.push(failure);
        options.onDone?.({ error: failure });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel ?? MAX_PARALLEL_CHECKS, due.length) }, worker));
  return run;
}

interface CheckJob {
  head: ArticleHead;
  /** The due time it was claimed for; absent when everything is checked. */
  dueAt?: string;
}

/** Heads read at once while gathering a run. */
const READ_CONCURRENCY = 32;

/** The heads of the checks claimed now that are still due (a lane's first sweep also finds heads not due yet). */
async function claimedHeads(deps: DueRunDeps): Promise<CheckJob[]> {
  const claimed: PlannedCheck[] = [];
  await claimDue(deps, { budgetMs: CLAIM_BUDGET_MS }, async (checks) => {
    claimed.push(...checks);
  });
  // Soonest start first: the host limiter then spaces each host's checks in the order dispatch planned them.
  claimed.sort((a, b) => a.startAt - b.startAt);
  const heads: Array<ArticleHead | null> = [];
  for (let start = 0; start < claimed.length; start += READ_CONCURRENCY) {
    heads.push(...(await Promise.all(claimed.slice(start, start + READ_CONCURRENCY).map((check) => deps.store.getArticleByKey(check.key)))));
  }
  const due: CheckJob[] = [];
  claimed.forEach((check, i) => {
    const head = heads[i];
    if (head && head.nextCheckAt !== null && head.nextCheckAt <= check.dueAt) due.push({ head, dueAt: check.dueAt });
  });
  return due;
}

async function stillChecked(deps: CheckerDeps): Promise<ArticleHead[]> {
  const heads: ArticleHead[] = [];
  for await (const head of deps.store.allArticles()) {
    if (head.status !== 'retired' && head.pausedAt === null && head.unwatchedAt === null) heads.push(head);
  }
  return heads;
}
