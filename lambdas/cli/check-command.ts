// `monitor check [<url>...] [--all]`: checks now, lists what changed first and
// ends with one summary line.
import { UsageError } from '../errors';
import type { CheckReport } from '../service/checker';
import { forReading, summaryLine, tally } from '../service/check-summary';
import { forEachBounded } from '../service/pool';
import { checkDue, checkUnlessStopped, type DueRunDeps, MAX_PARALLEL_CHECKS } from '../service/run-due';
import type { CliArgs } from './args';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, failsOnlyThisInput } from './error-policy';

/** Outcomes of a check that did not see the article; `monitor check` exits 1 when any check ends so. */
const UNSEEN_OUTCOMES: ReadonlySet<CheckReport['outcome']> = new Set(['failed', 'retry-later', 'rejected']);
import type { CliIo } from './main';
import { safeForTerminal } from './terminal-diff';
import { startWork } from './work';

function describeReport(report: CheckReport): string {
  const parts: string[] = [report.outcome];
  if (report.version !== undefined) parts.push(`version ${report.version}`);
  if (report.kinds?.length) parts.push(`[${report.kinds.join(', ')}]`);
  if (report.summary) parts.push(`— ${safeForTerminal(report.summary)}`);
  if (report.reason) parts.push(`(${safeForTerminal(report.reason)})`);
  return `${report.url}: ${parts.join(' ')}`;
}

interface Failure {
  url: string;
  error: string;
}

export async function checkCommand(args: CliArgs, deps: DueRunDeps, io: CliIo): Promise<number> {
  if (args.all && args.positionals.length > 0) throw new UsageError('check takes URLs or --all, not both', 'check');
  const urls = [...new Set(args.positionals)];
  const work = startWork(io, 'checking', urls.length > 0 ? urls.length : null);
  const reports: CheckReport[] = [];
  const failures: Failure[] = [];
  let total = urls.length;
  const progressDetail = (): string => {
    const counts = tally(reports, failures.length).groups;
    return `${counts.changed} changed, ${counts.failed} failed`;
  };
  work.onAbandon(() => `${reports.length + failures.length} of ${total} checked`);
  try {
    if (urls.length === 0) {
      const run = await checkDue(deps, {
        everything: args.all,
        signal: work.signal,
        onStart: (count) => {
          total = count;
          work.setTotal(count);
        },
        onDone: ({ report, error }) => {
          if (report) reports.push(report);
          if (error) failures.push(error);
          work.advance(progressDetail());
        },
      });
      total = run.total;
    } else {
      const inOrder: (CheckReport | undefined)[] = new Array(urls.length);
      await forEachBounded(
        urls,
        async (url, index) => {
          try {
            const report = await checkUnlessStopped(deps, url, {}, work.signal);
            if (report === null) return;
            inOrder[index] = report;
            reports.push(report);
          } catch (error) {
            if (!failsOnlyThisInput(error)) throw error;
            failures.push({ url, error: error.message });
          }
          work.advance(progressDetail());
        },
        { concurrency: MAX_PARALLEL_CHECKS, signal: work.signal },
      );
      // Given URLs are reported in the order given, within each group.
      reports.splice(0, reports.length, ...inOrder.filter((report): report is CheckReport => report !== undefined));
    }
  } finally {
    work.finish();
  }

  for (const report of forReading(reports)) io.out(args.json ? JSON.stringify(report) : describeReport(report));
  for (const failure of failures) io.err(`monitor: ${safeForTerminal(failure.url)}: ${safeForTerminal(failure.error)}`);
  const counts = tally(reports, failures.length);
  // One URL's line says it all; a run over many ends with the count.
  if (urls.length !== 1) {
    const line = summaryLine(counts, urls.length > 0 ? 'URL' : args.all ? 'article' : 'due article');
    if (args.json) io.err(`monitor: ${line}`);
    else io.out(line);
  }
  if (work.interrupted()) {
    io.err(`monitor: interrupted: ${counts.checked} of ${total} checked; the other ${total - counts.checked} were not started`);
    return EXIT_INTERRUPTED;
  }
  return failures.length > 0 || reports.some((report) => UNSEEN_OUTCOMES.has(report.outcome)) ? EXIT_FAILED : EXIT_OK;
}
