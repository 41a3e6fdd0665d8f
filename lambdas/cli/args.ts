// Command-line parsing: one table of commands, each with its own options and
// help, so `monitor <command> --help`, the usage errors and the parser all say
// the same thing.
import { parseArgs } from 'node:util';
import { isListStatus, LIST_STATUSES, type ListStatus } from '../domain/article-filter';
import { UsageError } from '../errors';

export const COMMANDS = ['serve', 'watch', 'check', 'list', 'pause', 'resume', 'unwatch', 'discover', 'history', 'diff', 'extract', 'export', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  positionals: string[];
  port: number;
  config: string | undefined;
  dataDir: string;
  endpoint: string | undefined;
  table: string;
  allowPrivateNetwork: boolean;
  from: number | undefined;
  to: number | undefined;
  baseUrl: string | undefined;
  format: 'jsonl';
  json: boolean;
  boring: boolean;
  all: boolean;
  /** watch --file: a file of URLs, one a line ('-' for stdin). */
  file: string | undefined;
  status: ListStatus | 'all' | undefined;
  source: string | undefined;
  flapping: boolean;
  delete: boolean;
  /** `--help` was given: show the command's help instead of running it. */
  help: boolean;
}

interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder for the value in help, e.g. FILE. */
  value?: string;
  help: string;
  short?: string;
}

const OPTIONS = {
  port: { type: 'string', value: 'N', help: 'port to serve on (default 8080)' },
  json: { type: 'boolean', help: 'machine-readable output, one JSON object per line' },
  all: { type: 'boolean', help: 'check every article still being checked, due or not' },
  file: { type: 'string', value: 'FILE', help: 'read URLs from FILE, one a line ("-": standard input); blank lines and # comments are skipped' },
  status: {
    type: 'string',
    value: 'S',
    help: `only articles in this state: ${LIST_STATUSES.join(', ')}, or all (unwatched ones are left out unless asked for)`,
  },
  source: { type: 'string', value: 'NAME', help: 'only this source' },
  flapping: { type: 'boolean', help: 'only articles marked flapping (their page alternates between variants)' },
  delete: { type: 'boolean', help: 'delete the article and its whole history, instead of keeping it' },
  boring: { type: 'boolean', help: 'include boring versions and changes (whitespace, typography, case)' },
  from: { type: 'string', value: 'N', help: 'the earlier version (default: the last change)' },
  to: { type: 'string', value: 'M', help: 'the later version' },
  url: { type: 'string', value: 'URL', help: 'the page address, for links and source rules when reading a file' },
  format: { type: 'string', value: 'F', help: 'output format; only jsonl' },
} satisfies Record<string, OptionSpec>;

const GLOBAL_OPTIONS = {
  data: { type: 'string', value: 'DIR', help: 'local data folder (default .data)' },
  endpoint: { type: 'string', value: 'URL', help: 'use this DynamoDB instead of starting DynamoDB Local' },
  table: { type: 'string', value: 'NAME', help: 'table name (default article-monitor)' },
  config: { type: 'string', value: 'FILE', help: 'settings file (default: monitor.config.json in this folder, if there is one)' },
  'allow-private-network': { type: 'boolean', help: 'permit loopback and private addresses (off by default)' },
  help: { type: 'boolean', short: 'h', help: 'show help for the command' },
} satisfies Record<string, OptionSpec>;

type CommandOption = keyof typeof OPTIONS;

interface CommandSpec {
  /** What follows the command name in a usage line. */
  args: string;
  /** What the positional arguments must be, checked before anything is opened or fetched. */
  positionals: 'none' | 'one-url' | 'urls' | 'any';
  summary: string;
  options: readonly CommandOption[];
  /** More to say in `--help`. */
  details?: string;
}

export const COMMAND_SPECS: Record<Command, CommandSpec> = {
  serve: {
    positionals: 'none',
    args: '[--port 8080]',
    summary: 'run the whole service locally: check loop, discovery, pages, feeds and API',
    options: ['port'],
  },
  watch: {
    positionals: 'any',
    args: '<url>... | --file FILE | -',
    summary: 'start watching URLs (takes version 0 at once)',
    options: ['file', 'json'],
    details:
      'Many URLs are watched at once, each site in its polite turn. "-" reads URLs from standard input.\nWatching an address an article moved to, or an unwatched article, goes on with its history.',
  },
  check: {
    positionals: 'any',
    args: '[<url>...] [--all]',
    summary: 'check the given URLs now, or every article that is due',
    options: ['all', 'json'],
    details:
      'Changes are listed first, then failures, then the rest, and a summary line ends the list.\nCtrl+C stops starting new checks and reports what was done; a second Ctrl+C stops at once.',
  },
  list: {
    positionals: 'none',
    args: '[--status S] [--source NAME] [--flapping]',
    summary: 'the watched articles, with their state and number of versions',
    options: ['status', 'source', 'flapping', 'json'],
  },
  pause: { positionals: 'urls', args: '<url>...', summary: 'stop checking articles for now; they keep their history and stay listed', options: ['json'] },
  resume: { positionals: 'urls', args: '<url>...', summary: 'check paused articles again', options: ['json'] },
  unwatch: {
    positionals: 'urls',
    args: '<url>... [--delete]',
    summary: 'stop checking and listing articles; their history is kept unless --delete',
    options: ['delete', 'json'],
    details:
      'An unwatched article keeps its pages, feeds and export: a history is evidence. Watching it again\ngoes on with that history. --delete removes the article, every version and every change for good.',
  },
  discover: {
    positionals: 'none',
    args: '[--source NAME]',
    summary: "look for new articles in the configured sources' feeds, sitemaps and front pages now",
    options: ['source', 'json'],
  },
  history: { positionals: 'one-url', args: '<url> [--boring]', summary: 'versions with times, sizes and change summaries', options: ['boring', 'json'] },
  diff: {
    positionals: 'one-url',
    args: '<url> [--from N] [--to M]',
    summary: 'the diff between two versions (default: the last change)',
    options: ['from', 'to'],
  },
  extract: { positionals: 'any', args: '<file-or-url>... [--url URL]', summary: 'what the extractor sees: one JSON line per input', options: ['url'] },
  export: { positionals: 'none', args: '[--format jsonl]', summary: 'every article, version and change, as JSON lines', options: ['format'] },
  help: { positionals: 'any', args: '[<command>]', summary: "this help, or one command's", options: [] },
};

function optionLine(name: string, spec: OptionSpec): string {
  const flag = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return `  ${flag.padEnd(27)}${spec.help}`;
}

function usageLine(command: Command): string {
  return `usage: monitor ${command} ${COMMAND_SPECS[command].args}`.trimEnd();
}

/** `monitor --help`: every command in a line. */
export const USAGE = `usage: monitor <command> [options]

commands:
${COMMANDS.map((name) => `  ${name.padEnd(10)}${COMMAND_SPECS[name].summary}`).join('\n')}

options for every command:
${Object.entries(GLOBAL_OPTIONS)
  .map(([name, spec]) => optionLine(name, spec))
  .join('\n')}

"monitor <command> --help" shows a command's own options.`;

/** `monitor <command> --help`. */
export function commandHelp(command: Command): string {
  const spec = COMMAND_SPECS[command];
  const own = spec.options.map((name) => optionLine(name, OPTIONS[name]));
  return [
    usageLine(command),
    '',
    `${spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1)}.`,
    ...(spec.details ? ['', spec.details] : []),
    ...(own.length ? ['', 'options:', ...own] : []),
    '',
    'options for every command: --data DIR, --endpoint URL, --table NAME, --config FILE, --allow-private-network',
  ].join('\n');
}

/** The few lines a usage mistake prints: what was wrong, the command's usage line, where to read more. */
export function usageErrorLines(error: UsageError): string[] {
  const command = error.command !== undefined && isCommand(error.command) ? error.command : undefined;
  if (command === undefined) return [`monitor: ${error.message}`, `commands: ${COMMANDS.join(', ')}`, 'Run "monitor --help" for more.'];
  return [`monitor: ${error.message}`, usageLine(command), `Run "monitor ${command} --help" for its options.`];
}

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

function wholeNumber(value: string | undefined, name: string, command: Command): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--${name} expects a whole number, got ${JSON.stringify(value)}`, command);
  return Number(value);
}

const ALL_OPTIONS: Record<string, OptionSpec> = { ...OPTIONS, ...GLOBAL_OPTIONS };

/** parseArgs' own messages are long and speak of its internals; say the same in a line. */
function parseFailure(error: unknown, argv: string[]): UsageError {
  const command = argv.find((arg) => isCommand(arg));
  const text = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(text);
  if (unknown) return new UsageError(`unknown option ${unknown[1]}`, command);
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(text);
  if (missing) return new UsageError(`${missing[1]} needs a value`, command);
  const notString = /Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(text);
  if (notString) return new UsageError(`${notString[1]} takes no value`, command);
  return new UsageError(text.split('\n')[0] ?? text, command);
}

/** The command line split into options and words, or a short UsageError. */
function parseTokens(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: Object.fromEntries(
        Object.entries(ALL_OPTIONS).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
      ),
    });
  } catch (error) {
    throw parseFailure(error, argv);
  }
}

export function parseCli(argv: string[]): CliArgs {
  const { values, positionals, tokens } = parseTokens(argv);
  const [first, ...rest] = positionals;
  const help = values.help === true;
  if (first === undefined) return defaults('help', [], help);
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`);
  const command: Command = first;
  if (command === 'help') {
    const [topic] = rest;
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`no help on "${topic}": there is no such command`);
    return defaults('help', rest, help);
  }
  // Asking for help is never a usage mistake, whatever else is on the line.
  if (help) return defaults(command, [], true);

  const allowed = new Set<string>([...COMMAND_SPECS[command].options, ...Object.keys(GLOBAL_OPTIONS)]);
  for (const token of tokens ?? []) {
    if (token.kind === 'option' && !allowed.has(token.name)) {
      throw new UsageError(`${command} does not take --${token.name}`, command);
    }
  }
  checkPositionals(command, rest, values.file !== undefined);
  const str = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const flag = (name: string): boolean => values[name] === true;

  const port = wholeNumber(str('port'), 'port', command) ?? 8080;
  if (port > 65535) throw new UsageError('--port must be at most 65535', command);
  const format = str('format');
  if (format !== undefined && format !== 'jsonl') throw new UsageError(`--format: only jsonl is supported, not ${format}`, command);
  const endpoint = str('endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw new UsageError(`--endpoint expects an http(s) URL, got ${JSON.stringify(endpoint)}`, command);
  }
  const status = str('status');
  if (status !== undefined && status !== 'all' && !isListStatus(status)) {
    throw new UsageError(`--status must be one of ${LIST_STATUSES.join(', ')} or all, not ${JSON.stringify(status)}`, command);
  }
  const source = str('source');
  if (source !== undefined && !/^[\w.-]{1,253}$/.test(source)) {
    throw new UsageError(`--source expects a source name (letters, digits, ".", "_" or "-"), got ${JSON.stringify(source)}`, command);
  }
  return {
    command,
    positionals: rest,
    port,
    config: str('config'),
    dataDir: str('data') ?? '.data',
    endpoint,
    table: str('table') ?? 'article-monitor',
    allowPrivateNetwork: flag('allow-private-network'),
    from: wholeNumber(str('from'), 'from', command),
    to: wholeNumber(str('to'), 'to', command),
    baseUrl: str('url'),
    format: 'jsonl',
    json: flag('json'),
    boring: flag('boring'),
    all: flag('all'),
    file: str('file'),
    status: status as ListStatus | 'all' | undefined,
    source,
    flapping: flag('flapping'),
    delete: flag('delete'),
    help,
  };
}

/** Wrong arguments are a usage error before any database is opened or any page fetched. */
function checkPositionals(command: Command, positionals: string[], hasFile: boolean): void {
  const kind = COMMAND_SPECS[command].positionals;
  const count = positionals.length;
  if (kind === 'none' && count > 0) throw new UsageError(`${command} takes no arguments, got ${JSON.stringify(positionals[0])}`, command);
  if (kind === 'one-url' && count !== 1) throw new UsageError(`${command} needs exactly one URL`, command);
  if (kind === 'urls' && count === 0) throw new UsageError(`${command} needs at least one URL`, command);
  if (command === 'watch' && count === 0 && !hasFile) throw new UsageError('watch needs at least one URL (or --file FILE, or - for standard input)', 'watch');
  if (command === 'extract' && count === 0) throw new UsageError('extract needs at least one file or URL', 'extract');
}

function defaults(command: Command, positionals: string[], help: boolean): CliArgs {
  return {
    command,
    positionals,
    port: 8080,
    config: undefined,
    dataDir: '.data',
    endpoint: undefined,
    table: 'article-monitor',
    allowPrivateNetwork: false,
    from: undefined,
    to: undefined,
    baseUrl: undefined,
    format: 'jsonl',
    json: false,
    boring: false,
    all: false,
    file: undefined,
    status: undefined,
    source: undefined,
    flapping: false,
    delete: false,
    help,
  };
}
