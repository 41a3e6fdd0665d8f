// Command-line parsing: one place that knows every command's options.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';

export const COMMANDS = ['serve', 'watch', 'check', 'history', 'diff', 'extract', 'export', 'help'] as const;
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
}

export const USAGE = `usage: monitor <command> [options]

commands:
  serve [--port 8080] [--config FILE]     run the whole service locally (http://127.0.0.1:8080)
  watch <url>...                          start watching URLs (takes version 0 at once)
  check [<url>...] [--all]                check the given URLs now, or every article that is due
                                          (--all: every article still being checked, due or not)
  history <url> [--boring]                versions with times, sizes and change summaries
  diff <url> [--from N] [--to M]          the diff between two versions (default: the last change)
  extract <file-or-url>... [--url URL]    what the extractor sees: one JSON line per input
  export [--format jsonl]                 every article, version and change, as JSON lines

options for every command:
  --data DIR                 local data folder (default .data)
  --endpoint URL             use this DynamoDB instead of starting DynamoDB Local
  --table NAME               table name (default article-monitor)
  --config FILE              monitor.config.json (schedule, sources, fetch limits)
  --allow-private-network    permit loopback and private addresses (off by default)
  --json                     machine-readable output (watch, check, history)`;

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} expects a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        config: { type: 'string' },
        data: { type: 'string' },
        endpoint: { type: 'string' },
        table: { type: 'string' },
        'allow-private-network': { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        url: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        boring: { type: 'boolean' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command = values.help || first === undefined ? 'help' : first;
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  const port = wholeNumber(values.port, 'port') ?? 8080;
  if (port > 65535) throw new UsageError('--port must be at most 65535');
  if (values.format !== undefined && values.format !== 'jsonl') throw new UsageError(`--format: only jsonl is supported, not ${values.format}`);
  if (values.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(values.endpoint)) {
    throw new UsageError(`--endpoint expects an http(s) URL, got ${JSON.stringify(values.endpoint)}`);
  }
  return {
    command: command as Command,
    positionals: rest,
    port,
    config: values.config,
    dataDir: values.data ?? '.data',
    endpoint: values.endpoint,
    table: values.table ?? 'article-monitor',
    allowPrivateNetwork: values['allow-private-network'] ?? false,
    from: wholeNumber(values.from, 'from'),
    to: wholeNumber(values.to, 'to'),
    baseUrl: values.url,
    format: 'jsonl',
    json: values.json ?? false,
    boring: values.boring ?? false,
    all: values.all ?? false,
  };
}
