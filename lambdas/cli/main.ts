// `monitor <command>`: wiring only. Every command's work is done by the same
// services the server and the Lambdas use.
import { readFile } from 'node:fs/promises';
import { sourceFor, type MonitorConfig } from '../domain/config';
import { configPath, loadConfig } from '../adapters/config-file';
import { decodeText } from '../adapters/decode-text';
import { threadCpuClock } from '../adapters/thread-cpu-clock';
import { extractPage } from '../domain/extract/index';
import { judgePage } from '../domain/page-quality';
import { articleJson, changeJson, versionListingJson } from '../domain/json';
import { InvalidInputError, UsageError } from '../errors';
import { commandFailure, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, failsOnlyThisInput, failureLine } from './error-policy';
import type { CheckerDeps } from '../service/checker';
import type { DueRunDeps } from '../service/run-due';
import { openLocalRuntime } from '../composition/local-runtime';
import { fetcherFor } from '../composition/runtime';
import { loadArticleHistory, loadDiff } from '../service/article-history';
import { serve } from '../local/serve';
import { commandHelp, parseCli, USAGE, type CliArgs } from './args';
import { checkCommand } from './check-command';
import { discoverCommand } from './discover-command';
import { exportJsonl } from './export';
import { counted, when } from './format';
import { listCommand, manageCommand } from './manage-commands';
import type { ProgressSink, ProgressTiming } from './progress';
import { colourStyle, plainStyle, renderTerminalDiff, safeForTerminal } from './terminal-diff';
import { watchCommand } from './watch-command';
import { startWork } from './work';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** stdout is a terminal (colours in diffs). */
  isTty: boolean;
  /** stderr as a stream, for progress of long work; none without it. */
  progress?: ProgressSink;
  progressTiming?: ProgressTiming;
  /** Calls `handler` on every Ctrl+C until the returned function is called. */
  onInterrupt?(handler: () => void): () => void;
  /** Ends the process at once (a second Ctrl+C). */
  exitNow?(code: number): void;
  /** All of standard input (`monitor watch -`). */
  readStdin?(): Promise<string>;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
  progress: { write: (text) => process.stderr.write(text), isTty: Boolean(process.stderr.isTTY) },
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
  exitNow: (code) => process.exit(code),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  },
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
  if (args.help && args.command !== 'help') {
    io.out(commandHelp(args.command));
    return EXIT_OK;
  }
  switch (args.command) {
    case 'help': {
      const [topic] = args.positionals;
      io.out(topic !== undefined ? commandHelp(parseCli([topic, '--help']).command) : USAGE);
      return EXIT_OK;
    }
    case 'extract':
      return extractCommand(args, io);
    case 'serve':
      return serveCommand(args, io);
    default:
      return withRuntime(args, (deps) => storeCommand(args, deps, io));
  }
}

async function withRuntime(args: CliArgs, body: (deps: DueRunDeps) => Promise<number>): Promise<number> {
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

async function storeCommand(args: CliArgs, deps: DueRunDeps, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'watch':
      return watchCommand(args, deps, io);
    case 'check':
      return checkCommand(args, deps, io);
    case 'list':
      return listCommand(args, deps, io);
    case 'pause':
    case 'resume':
    case 'unwatch':
      return manageCommand(args.command, args, deps, io);
    case 'discover':
      return discoverCommand(args, deps, io);
    case 'history':
      return historyCommand(args, deps, io);
    case 'diff':
      return diffCommand(args, deps, io);
    case 'export': {
      const work = startWork(io, 'exporting', null);
      try {
        await exportJsonl(deps.store, io.out, () => work.advance());
      } finally {
        work.finish();
      }
      return EXIT_OK;
    }
    default:
      throw new UsageError(`unexpected command ${args.command}`);
  }
}

function singleUrl(args: CliArgs, command: 'history' | 'diff'): string {
  if (args.positionals.length !== 1) throw new UsageError(`${command} needs exactly one URL`, command);
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
  const now = deps.clock.now();
  io.out(`${head.url}`);
  const state =
    head.unwatchedAt !== null ? `unwatched ${when(head.unwatchedAt, now)}` : head.pausedAt !== null ? `paused ${when(head.pausedAt, now)}` : head.status;
  io.out(
    `source ${head.source} · ${state}${head.flapping ? ' (flapping)' : ''} · first seen ${when(head.firstSeenAt, now)} · ` +
      `${counted(shown.length, 'change')} · last checked ${when(head.lastCheckedAt, now)}` +
      `${head.nextCheckAt && head.pausedAt === null && head.unwatchedAt === null ? ` · next check ${when(head.nextCheckAt, now)}` : ''}`,
  );
  if (head.currentUrl !== null && head.currentUrl !== head.url)
    io.out(`now at ${head.currentUrl} (its history stays under the address it was first watched at)`);
  if (head.lastError) {
    const inARow = head.failureCount > 1 ? ` (${head.failureCount} failed checks in a row)` : '';
    io.out(`last check failed${inARow}: ${safeForTerminal(head.lastError)}`);
  }
  io.out('');
  for (const version of versions) {
    if (version.boring && !args.boring) continue;
    const notes = [version.boring ? '(boring)' : '', version.rebaselined ? '(re-baselined: extraction settings changed, not an edit)' : ''].filter(Boolean);
    io.out(
      `version ${version.version}  ${when(version.capturedAt, now)}  ${version.chars} chars${notes.length ? `  ${notes.join(' ')}` : ''}  ${safeForTerminal(version.title)}`,
    );
  }
  if (shown.length) io.out('');
  for (const change of shown) {
    const flags = [change.boring ? 'boring' : '', change.stealth ? 'stealth' : ''].filter(Boolean).join(', ');
    io.out(
      `${when(change.detectedAt, now)}  ${change.from} → ${change.to}  [${change.kinds.join(', ')}]${flags ? ` (${flags})` : ''}  ${safeForTerminal(change.summary)}`,
    );
  }
  return EXIT_OK;
}

async function diffCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const requested = { ...(args.from !== undefined ? { from: args.from } : {}), ...(args.to !== undefined ? { to: args.to } : {}) };
  const { head, from, to, view } = await loadDiff(deps.store, singleUrl(args, 'diff'), requested);
  const now = deps.clock.now();
  if (args.from !== undefined && args.to !== undefined && args.from > args.to) {
    // Allowed, because a revert is told that way too; but never silently.
    io.err(`monitor: --from ${args.from} is later than --to ${args.to}: this shows version ${args.from} turning back into version ${args.to}`);
  }
  const backwards = from.version > to.version ? '  (backwards: the later version first)' : '';
  io.out(`${head.url}\nversion ${from.version} (${when(from.capturedAt, now)}) → version ${to.version} (${when(to.capturedAt, now)})${backwards}\n`);
  io.out(renderTerminalDiff(view, io.isTty ? colourStyle : plainStyle));
  return EXIT_OK;
}

async function extractCommand(args: CliArgs, io: CliIo): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError('extract needs at least one file or URL', 'extract');
  const config = configFor(args);
  const fetcher = fetcherFor(config);
  let failures = 0;
  const work = startWork(io, 'extracting', args.positionals.length);
  try {
    failures = await extractEach(args, config, fetcher, io, work.advance, work.signal);
  } finally {
    work.finish();
    await fetcher.close();
  }
  if (work.interrupted()) return EXIT_INTERRUPTED;
  return failures > 0 ? EXIT_FAILED : EXIT_OK;
}

async function extractEach(
  args: CliArgs,
  config: MonitorConfig,
  fetcher: ReturnType<typeof fetcherFor>,
  io: CliIo,
  advance: () => void,
  signal: AbortSignal,
): Promise<number> {
  let failures = 0;
  for (const input of args.positionals) {
    if (signal.aborted) break;
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
      const extraction = extractPage(html, pageUrl, pageUrl ? sourceFor(config, pageUrl)?.extract : undefined, { cpuClock: threadCpuClock });
      if (extraction.kind === 'rejected') throw new InvalidInputError(`${input}: the extractor refused the page: ${extraction.reason}`);
      const { article } = extraction;
      const verdict = judgePage(article, null);
      const line = { title: article.title, byline: article.byline, publishedAt: article.publishedAt, text: article.text };
      if (verdict.kind === 'rejected') {
        // What a check would do with this page, so an empty or odd extraction is never left unexplained.
        io.err(safeForTerminal(`monitor: ${input}: would not be stored as a version: ${verdict.reason}`));
        io.out(JSON.stringify({ ...line, refused: verdict.reason }));
      } else {
        io.out(JSON.stringify(line));
      }
    } catch (error) {
      if (!failsOnlyThisInput(error)) throw error;
      failures++;
      io.err(failureLine(error));
      // One line per input, always, so outputs stay aligned with inputs.
      io.out(JSON.stringify({ title: '', byline: '', publishedAt: null, text: '', error: error.message }));
    }
    advance();
  }
  return failures;
}

async function serveCommand(args: CliArgs, io: CliIo): Promise<number> {
  const settings = configPath(args.config);
  io.out(`monitor: settings from ${settings ?? 'the defaults (no monitor.config.json in this folder)'}`);
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
