// `monitor discover [--source NAME]`: runs discovery now instead of waiting for
// serve's schedule, and says per source what it found.
import { ConfigError, UsageError } from '../errors';
import type { CheckerDeps } from '../service/checker';
import { discoverSource, type DiscoveryReport } from '../service/discovery';
import type { CliArgs } from './args';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK } from './error-policy';
import { counted } from './format';
import type { CliIo } from './main';
import { safeForTerminal } from './terminal-diff';
import { startWork } from './work';

export async function discoverCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const configured = deps.config.sources;
  if (configured.length === 0) {
    throw new ConfigError('no sources are configured: add "sources" (feeds, sitemaps, front pages) to monitor.config.json, or name one with --config');
  }
  const sources = args.source === undefined ? configured : configured.filter((source) => source.name === args.source);
  if (sources.length === 0) {
    throw new UsageError(`no source is named ${args.source} (configured: ${configured.map((source) => source.name).join(', ')})`, 'discover');
  }
  const work = startWork(io, 'discovering', sources.length);
  const reports: DiscoveryReport[] = [];
  work.onAbandon(() => `${reports.length} of ${sources.length} sources done`);
  try {
    for (const source of sources) {
      if (work.interrupted()) break;
      reports.push(await discoverSource(deps, source));
      work.advance(`${reports.reduce((sum, report) => sum + report.watched.length, 0)} new articles`);
    }
  } finally {
    work.finish();
  }
  for (const report of reports) {
    if (args.json) {
      io.out(JSON.stringify({ type: 'discovery', ...report }));
    } else {
      io.out(
        `${report.source}: ${counted(report.found, 'link')} found, ${counted(report.watched.length, 'new article')} watched${report.errors.length ? `, ${counted(report.errors.length, 'problem')}` : ''}`,
      );
      for (const url of report.watched) io.out(`  + ${url}`);
    }
    for (const error of report.errors) io.err(`monitor: ${report.source}: ${safeForTerminal(error)}`);
  }
  if (work.interrupted()) {
    io.err(`monitor: interrupted: ${reports.length} of ${sources.length} sources done`);
    return EXIT_INTERRUPTED;
  }
  return reports.some((report) => report.errors.length > 0) ? EXIT_FAILED : EXIT_OK;
}
