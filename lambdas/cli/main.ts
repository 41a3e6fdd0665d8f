// `monitor <command>`: wiring only. Every command's work is done by the same
// services the server and the Lambdas use.
import { readFile } from 'node:fs/promises';
import { sourceFor, type MonitorConfig } from '../domain/config';
import { loadConfig } from '../adapters/config-file';
import { decodeText } from '../adapters/decode-text';
import { extract } from '../domain/extract/index';
import { articleJson, changeJson, versionListingJson } from '../domain/json';
import { InvalidInputError, UsageError } from '../errors';
import { commandFailure, failsOnlyThisInput, failureLine } from './error-policy';
import { checkArticle, type CheckReport, type CheckerDeps } from '../service/checker';
import { checkDue } from '../service/run-due';
import { openLocalRuntime } from '../composition/local-runtime';
import { fetcherFor } from '../composition/runtime';
import { watchArticle } from '../service/watch';
import { loadArticleHistory, loadDiff } from '../service/article-history';
import { serve } from '../local/serve';
import { parseCli, USAGE, type CliArgs } from './args';
import { exportJsonl } from './export';
import { colourStyle, plainStyle, renderTerminalDiff, safeForTerminal } from './terminal-diff';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  isTty: boolean;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
};

/**
 * `monitor history URL | head`: once the reader has gone, there is no one left to tell anything,
 * so the command ends quietly instead of dying on EPIPE with a stack trace.
 */
function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

/** Outcomes of a check that did not see the article; `monitor check` exits 1 when any check ends so. */
const UNSEEN_OUTCOMES: ReadonlySet<CheckReport['outcome']> = new Set(['failed', 'retry-later', 'rejected']);

/** Runs one command; resolves to the process exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (io === processIo) endQuietlyWhenStdoutCloses();
  try {
    const args = parseCli(argv);
    return await run(args, io);
  } catch (error) {
    // Anything, even DynamoDB unreachable or a port in use, ends in a readable line.
    const failure = commandFailure(error, { debug: Boolean(process.env.MONITOR_DEBUG) });
    for (const line of failure.lines) io.err(line);
    return failure.exitCode;
  }
}

function configFor(args: CliArgs): MonitorConfig {
  const config = loadConfig(args.config);
  if (args.allowPrivateNetwork) config.fetch.allowPrivateNetwork = true;
  return config;
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'extract':
      return extractCommand(args, io);
    case 'serve':
      return serveCommand(args, io);
    default:
      return withRuntime(args, (deps) => storeCommand(args, deps, io));
  }
}

async function withRuntime(args: CliArgs, body: (deps: CheckerDeps) => Promise<number>): Promise<number> {
  const runtime = await openLocalRuntime({
    dataDir: args.dataDir,
    tableName: args.table,
    config: configFor(args),
    ...(args.endpoint ? { endpoint: args.endpoint } : {}),
  });
  try {
    return await body(runtime.deps);
  } finally {
    await runtime.close();
  }
}

async function storeCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'watch':
      return watchCommand(args, deps, io);
    case 'check':
      return checkCommand(args, deps, io);
    case 'history':
      return historyCommand(args, deps, io);
    case 'diff':
      return diffCommand(args, deps, io);
    case 'export':
      await exportJsonl(deps.store, io.out);
      return 0;
    default:
      throw new UsageError(`unexpected command ${args.command}`);
  }
}

async function watchCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('watch needs at least one URL');
  let failures = 0;
  for (const url of args.positionals) {
    try {
      const result = await watchArticle(deps, url);
      if (args.json) {
        io.out(JSON.stringify({ ...articleJson(result.article), created: result.created, ...(result.pending ? { pending: result.pending } : {}) }));
      } else if (!result.created) {
        io.out(`already watching ${result.article.url}`);
      } else if (result.pending) {
        io.out(`watching ${result.article.url} (version 0 not taken yet: ${safeForTerminal(result.pending)}; will retry)`);
      } else {
        io.out(`watching ${result.article.url}: version 0 "${safeForTerminal(result.article.latestTitle ?? '')}" (${result.article.latestChars ?? 0} characters)`);
      }
    } catch (error) {
      if (!failsOnlyThisInput(error)) throw error;
      failures++;
      io.err(failureLine(error));
    }
  }
  return failures > 0 ? 1 : 0;
}

function describeReport(report: CheckReport): string {
  const parts: string[] = [report.outcome];
  if (report.version !== undefined) parts.push(`version ${report.version}`);
  if (report.kinds?.length) parts.push(`[${report.kinds.join(', ')}]`);
  if (report.summary) parts.push(`— ${safeForTerminal(report.summary)}`);
  if (report.reason) parts.push(`(${safeForTerminal(report.reason)})`);
  return `${report.url}: ${parts.join(' ')}`;
}

async function checkCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const print = (report: CheckReport): void => io.out(args.json ? JSON.stringify(report) : describeReport(report));
  if (args.all && args.positionals.length > 0) throw new UsageError('check takes URLs or --all, not both');
  if (args.positionals.length === 0) {
    const run = await checkDue(deps, { everything: args.all });
    run.reports.forEach(print);
    for (const failure of run.errors) io.err(`monitor: ${safeForTerminal(failure.url)}: ${safeForTerminal(failure.error)}`);
    if (!args.json) io.out(`${run.reports.length} ${args.all ? '' : 'due '}articles checked`);
    return run.errors.length > 0 || run.reports.some((report) => UNSEEN_OUTCOMES.has(report.outcome)) ? 1 : 0;
  }
  let failures = 0;
  for (const url of args.positionals) {
    try {
      const report = await checkArticle(deps, url);
      print(report);
      if (UNSEEN_OUTCOMES.has(report.outcome)) failures++;
    } catch (error) {
      if (!failsOnlyThisInput(error)) throw error;
      failures++;
      io.err(failureLine(error));
    }
  }
  return failures > 0 ? 1 : 0;
}

function singleUrl(args: CliArgs, command: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`${command} needs exactly one URL`);
  return args.positionals[0] ?? '';
}

async function historyCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const { head, versions, changes: newestFirst } = await loadArticleHistory(deps.store, singleUrl(args, 'history'));
  const changes = [...newestFirst].reverse();
  if (args.json) {
    io.out(JSON.stringify({ article: articleJson(head), versions: versions.map(versionListingJson), changes: changes.map(changeJson) }));
    return 0;
  }
  const shown = changes.filter((c) => args.boring || !c.boring);
  io.out(`${head.url}`);
  io.out(
    `source ${head.source} · ${head.status}${head.flapping ? ' (flapping)' : ''} · first seen ${head.firstSeenAt} · ` +
      `${shown.length} changes · last checked ${head.lastCheckedAt ?? 'never'}${head.nextCheckAt ? ` · next check ${head.nextCheckAt}` : ''}`,
  );
  if (head.lastError) {
    const inARow = head.failureCount > 1 ? ` (${head.failureCount} failed checks in a row)` : '';
    io.out(`last check failed${inARow}: ${safeForTerminal(head.lastError)}`);
  }
  io.out('');
  for (const version of versions) {
    if (version.boring && !args.boring) continue;
    io.out(`version ${version.version}  ${version.capturedAt}  ${version.chars} chars${version.boring ? '  (boring)' : ''}  ${safeForTerminal(version.title)}`);
  }
  if (shown.length) io.out('');
  for (const change of shown) {
    const flags = [change.boring ? 'boring' : '', change.stealth ? 'stealth' : ''].filter(Boolean).join(', ');
    io.out(`${change.detectedAt}  ${change.from} → ${change.to}  [${change.kinds.join(', ')}]${flags ? ` (${flags})` : ''}  ${safeForTerminal(change.summary)}`);
  }
  return 0;
}

async function diffCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const requested = { ...(args.from !== undefined ? { from: args.from } : {}), ...(args.to !== undefined ? { to: args.to } : {}) };
  const { head, from, to, view } = await loadDiff(deps.store, singleUrl(args, 'diff'), requested);
  io.out(`${head.url}\nversion ${from.version} (${from.capturedAt}) → version ${to.version} (${to.capturedAt})\n`);
  io.out(renderTerminalDiff(view, io.isTty ? colourStyle : plainStyle));
  return 0;
}

async function extractCommand(args: CliArgs, io: CliIo): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('extract needs at least one file or URL');
  const config = configFor(args);
  const fetcher = fetcherFor(config);
  let failures = 0;
  for (const input of args.positionals) {
    try {
      let html: string;
      let pageUrl = args.baseUrl;
      if (/^https?:\/\//i.test(input)) {
        const outcome = await fetcher.fetch({ url: input });
        if (outcome.kind !== 'ok') throw new InvalidInputError(`${input}: ${outcome.kind === 'http-error' ? `HTTP ${outcome.status}` : outcome.kind}`);
        html = outcome.body;
        pageUrl ??= outcome.finalUrl;
      } else {
        const bytes = await readFile(input).catch(() => {
          throw new InvalidInputError(`cannot read ${input}`);
        });
        html = decodeText(bytes, '');
      }
      const article = extract(html, pageUrl, pageUrl ? sourceFor(config, pageUrl)?.extract : undefined);
      io.out(JSON.stringify({ title: article.title, byline: article.byline, publishedAt: article.publishedAt, text: article.text }));
    } catch (error) {
      if (!failsOnlyThisInput(error)) throw error;
      failures++;
      io.err(failureLine(error));
      // One line per input, always, so outputs stay aligned with inputs.
      io.out(JSON.stringify({ title: '', byline: '', publishedAt: null, text: '', error: error.message }));
    }
  }
  return failures > 0 ? 1 : 0;
}

async function serveCommand(args: CliArgs, io: CliIo): Promise<number> {
  const service = await serve({
    port: args.port,
    dataDir: args.dataDir,
    tableName: args.table,
    config: configFor(args),
    // Log lines quote strangers' servers (errors, titles): nothing in them may drive the terminal.
    log: (line) => io.out(safeForTerminal(line)),
    ...(args.endpoint ? { endpoint: args.endpoint } : {}),
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.out('monitor: stopping');
  await service.stop();
  return 0;
}
