// The CLI as a new user meets it: per-command help, short usage errors, list,
// pause/resume/unwatch, discover, watching many URLs, a check summary with the
// changes first, progress on stderr, Ctrl+C, and the config file read by default.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_SPECS } from '../../lambdas/cli/args';
import { main, type CliIo } from '../../lambdas/cli/main';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let endpoint: string;
let dir: string;
let fastConfig: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  ({ endpoint } = await freshTable());
  dir = mkdtempSync(join(tmpdir(), 'manage-cli-'));
  fastConfig = join(dir, 'fast.json');
  writeFileSync(fastConfig, JSON.stringify({ politeness: { perHostGap: 0, perHostConcurrency: 4 } }));
});

afterAll(async () => {
  await newsroom.close();
});

interface Run {
  code: number;
  out: string;
  err: string;
  progress: string;
}

/** Runs the CLI in-process; `io` adds or replaces parts of the terminal it sees. */
async function monitor(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTty: false,
    progress: { write: (text) => progress.push(text), isTty: false },
    ...io,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), progress: progress.join('') };
}

/** A table of its own per test, so `check --all` and `list` see only that test's articles. */
async function table(config = fastConfig): Promise<string[]> {
  const { tableName } = await freshTable();
  return ['--endpoint', endpoint, '--table', tableName, '--allow-private-network', '--config', config];
}

let storyCounter = 0;
function story(): string {
  const path = `/cli-manage/story-${++storyCounter}`;
  newsroom.publish(path, { ...sampleArticle(), title: `Story number ${storyCounter}` });
  return path;
}

describe('help and usage', () => {
  it.each(COMMANDS.filter((c) => c !== 'help'))('monitor %s --help shows that command and its own options', async (command) => {
    const result = await monitor([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')[0]).toBe(`usage: monitor ${command} ${COMMAND_SPECS[command].args}`.trimEnd());
    for (const option of COMMAND_SPECS[command].options) expect(result.out).toContain(`--${option}`);
    expect(result.out).toContain('options for every command');
    expect((await monitor(['help', command])).out).toBe(result.out);
  });

  it('lists every command on the general help', async () => {
    const result = await monitor(['--help']);
    for (const command of COMMANDS) expect(result.out).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each([
    [['watch'], /^monitor: watch needs at least one URL/, 'usage: monitor watch'],
    [['diff', 'https://example.com/', '--json'], /^monitor: diff does not take --json/, 'usage: monitor diff'],
    [['list', '--status', 'sleeping'], /^monitor: --status must be one of active, removed, retired, paused, unwatched or all/, 'usage: monitor list'],
    [['watch', 'https://example.com/', '--frob'], /^monitor: unknown option --frob/, 'usage: monitor watch'],
    [['check', '--config'], /^monitor: --config needs a value/, 'usage: monitor check'],
    [['frobnicate'], /^monitor: unknown command "frobnicate"/, 'commands: serve, watch'],
    [['pause'], /^monitor: pause needs at least one URL/, 'usage: monitor pause'],
    [['help', 'frob'], /^monitor: no help on "frob"/, 'commands:'],
  ])('%j is a short usage error (exit 2, three lines)', async (argv, message, usage) => {
    const result = await monitor(argv);
    expect(result.code).toBe(2);
    const lines = result.err.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toContain(usage);
    expect(lines[2]).toMatch(/--help/);
  });
});

describe('watching many URLs', () => {
  it('takes URLs from arguments, a file and standard input, in the order given, with a summary', async () => {
    const common = await table();
    const [a, b, c, d] = [story(), story(), story(), story()];
    const file = join(dir, 'urls.txt');
    writeFileSync(file, `# the desk's list\n${newsroom.url(b)}\n\n${newsroom.url(c)}\n`);
    const result = await monitor(['watch', newsroom.url(a), '-', 'ftp://example.com/nope', '--file', file, ...common], {
      readStdin: async () => `${newsroom.url(d)}\n${newsroom.url(a)}\n`,
    });
    expect(result.code).toBe(1);
    const lines = result.out.split('\n');
    expect(lines.slice(0, 4)).toEqual([a, d, b, c].map((path) => expect.stringContaining(`watching ${newsroom.url(path)}: version 0`)));
    expect(lines[4]).toBe('5 URLs: 4 now watched, 0 already watched, 1 failed');
    expect(result.err).toMatch(/only http and https/);
  });

  it('refuses an empty list and a missing file, watching nothing', async () => {
    const common = await table();
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '# nothing yet\n\n');
    const none = await monitor(['watch', '--file', empty, ...common]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no URLs to watch in the input/);
    const missing = await monitor(['watch', '--file', join(dir, 'no-such-file.txt'), ...common]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
    expect((await monitor(['list', ...common])).out).toMatch(/no articles are watched yet/);
  });
});

describe('list, pause, resume, unwatch', () => {
  it('manages articles and lists them with their state', async () => {
    const common = await table();
    const [a, b] = [story(), story()];
    await monitor(['watch', newsroom.url(a), newsroom.url(b), ...common]);

    const paused = await monitor(['pause', newsroom.url(a), ...common]);
    expect(paused.code).toBe(0);
    expect(paused.out).toBe(`paused ${newsroom.url(a)} (its history is kept; "monitor resume" checks it again)`);
    expect((await monitor(['pause', newsroom.url(a), ...common])).out).toBe(`${newsroom.url(a)} was already paused`);

    const listed = await monitor(['list', ...common]);
    const rows = listed.out.split('\n');
    expect(rows[0]).toMatch(new RegExp(`^paused +1 version +0 changes +never changed +${newsroom.url(a)} +Story number`));
    expect(rows[1]).toMatch(/^active /);
    expect(rows[2]).toBe('2 articles: 1 paused, 1 active');
    const onlyPaused = await monitor(['list', '--status', 'paused', '--json', ...common]);
    expect(onlyPaused.out.split('\n').map((l) => (JSON.parse(l) as { url: string }).url)).toEqual([newsroom.url(a)]);
    expect((await monitor(['list', '--flapping', ...common])).out).toBe('no watched article matches');
    expect((await monitor(['list', '--source', 'nowhere.example', ...common])).out).toBe('no watched article matches');

    const check = await monitor(['check', newsroom.url(a), ...common]);
    expect(check.out).toMatch(/: paused \(paused on .*; resume it to check it\)$/);

    expect((await monitor(['resume', newsroom.url(a), ...common])).out).toBe(`resumed ${newsroom.url(a)}`);
    const unwatched = await monitor(['unwatch', newsroom.url(b), ...common]);
    expect(unwatched.out).toMatch(/^unwatched .*: no longer checked or listed; its 1 version and 0 changes are kept/);
    expect((await monitor(['list', ...common])).out.split('\n').at(-1)).toBe('1 article: 1 active');
    expect((await monitor(['list', '--status', 'all', ...common])).out.split('\n').at(-1)).toBe('2 articles: 1 active, 1 unwatched');
    const resumeUnwatched = await monitor(['resume', newsroom.url(b), ...common]);
    expect(resumeUnwatched.code).toBe(1);
    expect(resumeUnwatched.err).toMatch(/unwatched on .*watch it again/);

    const rewatched = await monitor(['watch', newsroom.url(b), ...common]);
    expect(rewatched.out).toBe(`watching ${newsroom.url(b)} again: its history of 1 version goes on`);

    const deleted = await monitor(['unwatch', '--delete', newsroom.url(b), ...common]);
    expect(deleted.out).toBe(`deleted ${newsroom.url(b)} and its whole history`);
    const gone = await monitor(['history', newsroom.url(b), ...common]);
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/not watched/);
    const unknown = await monitor(['pause', 'https://nowhere.example/x', ...common]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('monitor: not watched: https://nowhere.example/x');
  });
});

describe('check: changes first, a summary, progress and Ctrl+C', () => {
  it('lists the change first and ends with the counts', async () => {
    const common = await table();
    const paths = [story(), story(), story()];
    await monitor(['watch', ...paths.map((p) => newsroom.url(p)), ...common]);
    newsroom.edit(paths[2]!, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'A paragraph added to the third story.'] }));
    const result = await monitor(['check', '--all', ...common]);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${newsroom.url(paths[2]!)}: new-version version 1`));
    expect(lines.at(-1)).toBe('3 articles checked: 1 changed, 0 failed, 2 unchanged');
  });

  it('shows progress on stderr after the delay: a line without a terminal, a bar on one', async () => {
    const common = await table();
    const paths = [story(), story()];
    await monitor(['watch', ...paths.map((p) => newsroom.url(p)), ...common]);
    const timing = { delayMs: 0, lineEveryMs: 0, redrawMs: 0 };
    const lines = await monitor(['check', '--all', ...common], { progressTiming: timing });
    expect(lines.progress).toMatch(/^monitor: checking: 1\/2 done, 0 changed, 0 failed \(0:\d\d\)$/m);
    expect(lines.out).not.toContain('checking');
    const bar = await monitor(['check', '--all', ...common], { progressTiming: timing, progress: undefined });
    expect(bar.progress).toBe('');
    const progress: string[] = [];
    await monitor(['check', '--all', ...common], { progressTiming: timing, progress: { write: (t) => progress.push(t), isTty: true } });
    expect(progress.join('')).toMatch(/\r\x1b\[Kchecking \[#{12}\.{12}\] 1\/2 done/);
    expect(progress.at(-1)).toBe('\r\x1b[K');
    const quiet = await monitor(['check', '--all', ...common]);
    expect(quiet.progress).toBe('');
  });

  it('Ctrl+C starts nothing new and gives up the checks still waiting for their site, says what was done; a second one stops at once', async () => {
    // One request at a time to the site, 3 s apart: when the first check ends, the next only waits for its turn.
    const slow = join(dir, 'slow.json');
    writeFileSync(slow, JSON.stringify({ politeness: { perHostGap: '3s', perHostConcurrency: 1 } }));
    const common = await table();
    const paths = Array.from({ length: 10 }, () => story());
    await monitor(['watch', ...paths.map((p) => newsroom.url(p)), ...common]);
    const slowly = [...common.slice(0, -1), slow];

    const run = async (presses: number) => {
      let interrupt: () => void = () => {};
      const exits: number[] = [];
      const started = Date.now();
      const result = await monitor(['check', '--all', ...slowly], {
        onInterrupt: (handler) => {
          interrupt = handler;
          return () => {
            interrupt = () => {};
          };
        },
        exitNow: (code) => exits.push(code),
        progressTiming: { delayMs: 0, lineEveryMs: 0, redrawMs: 0 },
        // Ctrl+C once the first check has ended (and at once again, for `presses` 2).
        progress: {
          isTty: false,
          write: (text) => {
            if (text.includes('1/10 done')) for (let i = 0; i < presses; i++) interrupt();
          },
        },
      });
      return { ...result, exits, seconds: (Date.now() - started) / 1000 };
    };

    const once = await run(1);
    expect(once.code).toBe(130);
    expect(once.err).toMatch(/stopping: nothing new will start/);
    expect(once.exits).toEqual([]);
    // The nine waiting for their turn gave up at once instead of taking 27 s to finish.
    expect(once.seconds).toBeLessThan(20);
    expect(once.out.split('\n').at(-1)).toBe('1 article checked: 0 changed, 0 failed, 1 unchanged');
    expect(once.err).toMatch(/interrupted: 1 of 10 checked; the other 9 were not started/);

    const twice = await run(2);
    expect(twice.exits).toEqual([130]);
    expect(twice.err).toMatch(/stopped at once: 1 of 10 checked/);
  });
});

describe('history and diff', () => {
  it('tells times as exact and relative, counts in words, and names the valid versions', async () => {
    const common = await table();
    const path = story();
    const url = newsroom.url(path);
    await monitor(['watch', url, ...common]);
    newsroom.edit(path, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'One more paragraph.'] }));
    await monitor(['check', url, ...common]);

    const history = await monitor(['history', url, ...common]);
    expect(history.out).toMatch(/first seen \d{4}-\d\d-\d\d \d\d:\d\d UTC \(less than a minute ago\) · 1 change · last checked/);
    expect(history.out).toMatch(/^version 1 {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC \(less than a minute ago\) {2}\d+ chars/m);

    const missing = await monitor(['diff', url, '--from', '5', ...common]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`monitor: no version 5 of ${url} (it has versions 0 to 1)`);

    const backwards = await monitor(['diff', url, '--from', '1', '--to', '0', ...common]);
    expect(backwards.code).toBe(0);
    expect(backwards.err).toBe('monitor: --from 1 is later than --to 0: this shows version 1 turning back into version 0');
    expect(backwards.out).toMatch(/version 1 \(.*\) → version 0 \(.*\) {2}\(backwards: the later version first\)/);
    expect(backwards.out).toContain('[-One more paragraph.-]');
  });
});

describe('discover', () => {
  it('runs discovery now and says per source what it found; a feed that fails is named', async () => {
    const found = [story(), story()];
    newsroom.serveRaw(
      '/cli-manage/feed.xml',
      'application/rss+xml',
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>${found
        .map((p) => `<item><title>x</title><link>${newsroom.url(p)}</link></item>`)
        .join('')}</channel></rss>`,
    );
    const config = join(dir, 'sources.json');
    writeFileSync(
      config,
      JSON.stringify({
        politeness: { perHostGap: 0 },
        sources: [
          { name: 'desk', hosts: ['127.0.0.1'], feeds: [newsroom.url('/cli-manage/feed.xml')] },
          { name: 'gone', hosts: ['gone.example'], feeds: [newsroom.url('/cli-manage/no-feed.xml')] },
        ],
      }),
    );
    const common = await table(config);
    const desk = await monitor(['discover', '--source', 'desk', ...common]);
    expect(desk.code).toBe(0);
    expect(desk.out.split('\n')).toEqual(['desk: 2 links found, 2 new articles watched', ...found.map((p) => `  + ${newsroom.url(p)}`)]);
    expect((await monitor(['discover', '--source', 'desk', ...common])).out).toBe('desk: 2 links found, 0 new articles watched');

    const all = await monitor(['discover', ...common]);
    expect(all.code).toBe(1);
    expect(all.err).toMatch(/^monitor: gone: .*no-feed\.xml: HTTP 404$/m);

    const unknown = await monitor(['discover', '--source', 'nope', ...common]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no source is named nope \(configured: desk, gone\)/);
    const none = await monitor(['discover', ...(await table())]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no sources are configured/);
  });
});

describe('monitor.config.json in the working folder', () => {
  it('is read without --config, so a one-off check extracts with the same rules as serve', async () => {
    const { tableName } = await freshTable();
    const work = mkdtempSync(join(tmpdir(), 'cwd-config-'));
    writeFileSync(
      join(work, 'monitor.config.json'),
      JSON.stringify({ politeness: { perHostGap: 0 }, sources: [{ name: 'desk', hosts: ['127.0.0.1'], extract: { drop: ['.story-body p:last-of-type'] } }] }),
    );
    const path = story();
    const url = newsroom.url(path);
    const flags = ['--endpoint', endpoint, '--table', tableName, '--allow-private-network'];
    const bin = resolve('bin/monitor.mjs');
    const run = (...argv: string[]) => promisify(execFile)(process.execPath, [bin, ...argv, ...flags], { cwd: work });

    const watched = await run('watch', url, '--json');
    expect(JSON.parse(watched.stdout)).toMatchObject({ source: 'desk', created: true });
    expect((await run('check', url)).stdout).toMatch(/: unchanged$/m);
    // Without the file (another folder), the same page cuts differently: a new baseline, not an edit.
    const elsewhere = await main(['check', url, ...flags], { out: () => {}, err: () => {}, isTty: false });
    expect(elsewhere).toBe(0);
    const history = await monitor(['history', url, '--json', ...flags]);
    const parsed = JSON.parse(history.out) as { changes: unknown[]; versions: { rebaselined?: boolean }[] };
    expect(parsed.changes).toEqual([]);
    expect(parsed.versions.map((v) => v.rebaselined ?? false)).toEqual([false, true]);
  });
});
