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
}

/**
 * @param everything check every article still being checked (not retired), due or not.
 */
export async function checkDue(deps: CheckerDeps, options: { everything?: boolean; limit?: number } = {}): Promise<DueRun> {
  const limit = options.limit ?? deps.config.dispatchBatch;
  const due = options.everything ? await stillChecked(deps) : await deps.store.dueArticles(deps.clock.now().toISOString(), limit);
  const run: DueRun = { reports: [], errors: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < due.length) {
      const head = due[next++];
      if (!head) break;
      try {
        run.reports.push(await checkArticle(deps, head));
      } catch (error) {
        // One bad article must not stop the others; it stays due and is retried next round.
        if (!(error instanceof MonitorError)) console.error(`check ${head.url} failed:`, error);
        run.errors.push({ url: head.url, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_CHECKS, due.length) }, worker));
  return run;
}

async function stillChecked(deps: CheckerDeps): Promise<ArticleHead[]> {
  const heads: ArticleHead[] = [];
  for await (const head of deps.store.allArticles()) if (head.status !== 'retired') heads.push(head);
  return heads;
}
