// `monitor watch <url>... | --file FILE | -`: watches many URLs at once (each
// site in its polite turn), with progress on stderr and a line per URL in the
// order given.
import { readFile } from 'node:fs/promises';
import { articleJson } from '../domain/json';
import { normaliseUrl } from '../domain/url';
import { InvalidInputError, InvalidUrlError, UsageError } from '../errors';
import type { CheckerDeps } from '../service/checker';
import { watchMany, type WatchOutcome, type WatchResult } from '../service/watch';
import type { CliArgs } from './args';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, failureLine } from './error-policy';
import { counted } from './format';
import type { CliIo } from './main';
import { safeForTerminal } from './terminal-diff';
import { startWork } from './work';

/** One list of URLs is at most this long; more is surely a mistake (a file of something else). */
const MAX_WATCH_URLS = 10_000;
const MAX_URL_FILE_BYTES = 10 * 1024 * 1024;

/** URLs from a file's text: one a line, blank lines and `#` comments skipped. */
function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

async function readUrlFile(file: string, io: CliIo): Promise<string[]> {
  if (file === '-') {
    if (!io.readStdin) throw new UsageError('standard input cannot be read here', 'watch');
    return urlLines(await io.readStdin());
  }
  const bytes = await readFile(file).catch(() => {
    throw new InvalidInputError(`cannot read ${file}`);
  });
  if (bytes.byteLength > MAX_URL_FILE_BYTES) throw new InvalidInputError(`${file} is over ${MAX_URL_FILE_BYTES / 1024 / 1024} MB; that is no list of URLs`);
  return urlLines(bytes.toString('utf8'));
}

async function inputsOf(args: CliArgs, io: CliIo): Promise<string[]> {
  const inputs: string[] = [];
  for (const positional of args.positionals) {
    if (positional === '-') inputs.push(...(await readUrlFile('-', io)));
    else inputs.push(positional);
  }
  if (args.file !== undefined) inputs.push(...(await readUrlFile(args.file, io)));
  if (inputs.length === 0) {
    throw new UsageError(
      args.file !== undefined || args.positionals.includes('-')
        ? 'no URLs to watch in the input'
        : 'watch needs at least one URL (or --file FILE, or - for standard input)',
      'watch',
    );
  }
  if (inputs.length > MAX_WATCH_URLS) throw new UsageError(`${inputs.length} URLs is more than one watch takes (${MAX_WATCH_URLS}); split the list`, 'watch');
  return [...new Set(inputs)];
}

function requestedUrl(input: string): string | null {
  try {
    return normaliseUrl(input);
  } catch (error) {
    if (!(error instanceof InvalidUrlError)) throw error;
    return null;
  }
}

function describeWatch(input: string, result: WatchResult): string {
  const { article } = result;
  const asked = requestedUrl(input) ?? input;
  if (result.rewatched) return `watching ${article.url} again: its history of ${counted(article.versionCount, 'version')} goes on`;
  if (!result.created && asked !== article.url) return `already watching ${asked}: it is ${article.url}, which moved there (one history)`;
  if (!result.created && article.pausedAt !== null) return `already watching ${article.url} (paused: "monitor resume" checks it again)`;
  if (!result.created) return `already watching ${article.url}`;
  if (result.pending) return `watching ${article.url} (version 0 not taken yet: ${safeForTerminal(result.pending)}; will retry)`;
  return `watching ${article.url}: version 0 "${safeForTerminal(article.latestTitle ?? '')}" (${article.latestChars ?? 0} characters)`;
}

export async function watchCommand(args: CliArgs, deps: CheckerDeps, io: CliIo): Promise<number> {
  const inputs = await inputsOf(args, io);
  const work = startWork(io, 'watching', inputs.length);
  let watched = 0;
  let failed = 0;
  work.onAbandon(() => `${watched + failed} of ${inputs.length} URLs done`);
  let outcomes: WatchOutcome[];
  try {
    ({ outcomes } = await watchMany(deps, inputs, {
      signal: work.signal,
      onDone: (outcome) => {
        if ('error' in outcome) failed++;
        else watched++;
        work.advance(`${failed} failed`);
      },
    }));
  } finally {
    work.finish();
  }
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      io.err(failureLine(outcome.error));
      continue;
    }
    const { result } = outcome;
    if (args.json) {
      io.out(
        JSON.stringify({
          ...articleJson(result.article),
          created: result.created,
          ...(result.pending ? { pending: result.pending } : {}),
          ...(result.rewatched ? { rewatched: true } : {}),
        }),
      );
    } else {
      io.out(describeWatch(outcome.input, result));
    }
  }
  if (inputs.length > 1) {
    const created = outcomes.filter((outcome) => 'result' in outcome && outcome.result.created).length;
    const again = outcomes.filter((outcome) => 'result' in outcome && outcome.result.rewatched).length;
    const already = outcomes.length - created - again - failed;
    const line = `${inputs.length} URLs: ${created} now watched, ${already} already watched${again ? `, ${again} watched again` : ''}, ${failed} failed`;
    if (args.json) io.err(`monitor: ${line}`);
    else io.out(line);
  }
  if (work.interrupted()) {
    io.err(`monitor: interrupted: ${outcomes.length} of ${inputs.length} URLs done; the other ${inputs.length - outcomes.length} were not started`);
    return EXIT_INTERRUPTED;
  }
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}
