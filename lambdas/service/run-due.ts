// Checks every article that is due, in-process: the local runner's loop and
// `monitor check` without URLs. Politeness per host comes from the limiter in
// the deps; this bounds how many checks run at once overall.
import type { ArticleHead } from '../domain/types';
import { MonitorError } from '../errors';
import { checkArticle, type CheckReport, type CheckerDeps } from './checker';

export const MAX_PARALLEL_CHECKS = 8;

export interface DueRun {
  reports: CheckReport[];
  errors: Array<{ url: string; error: string }>;
  /** How many articles there were to check; fewer were checked when the run was stopped. */
  total: number;
}

export interface DueRunOptions {
  /** Check every article still being checked (not retired, paused or unwatched), due or not. */
  everything?: boolean;
  limit?: number;
  /** Once aborted, no further check starts; the ones under way finish and are reported. */
  signal?: AbortSignal;
  /** Told how many articles will be checked, before the first starts. */
  onStart?: (total: number) => void;
  /** Told of each check as it ends, for progress. */
  onDone?: (done: { report?: CheckReport; error?: { url: string; error: string } }) => void;
}

export async function checkDue(deps: CheckerDeps, options: DueRunOptions = {}): Promise<DueRun> {
  const limit = options.limit ?? deps.config.dispatchBatch;
  const due = options.everything ? await stillChecked(deps) : await deps.store.dueArticles(deps.clock.now().toISOString(), limit);
  const run: DueRun = { reports: [], errors: [], total: due.length };
  options.onStart?.(due.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < due.length && !options.signal?.aborted) {
      const head = due[next++];
      if (!head) break;
      try {
        const report = await checkArticle(deps, head);
        run.reports.push(report);
        options.onDone?.({ report });
      } catch (error) {
        // One bad article must not stop the others; it stays due and is retried next round.
        if (!(error instanceof MonitorError)) console.error(`check ${head.url} failed:`, error);
        const failure = { url: head.url, error: error instanceof Error ? error.message : String(error) };
        run.errors.push(failure);
        options.onDone?.({ error: failure });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_CHECKS, due.length) }, worker));
  return run;
}

async function stillChecked(deps: CheckerDeps): Promise<ArticleHead[]> {
  const heads: ArticleHead[] = [];
  for await (const head of deps.store.allArticles()) {
    if (head.status !== 'retired' && head.pausedAt === null && head.unwatchedAt === null) heads.push(head);
  }
  return heads;
}
