// `npm run bench:throughput`: checks per second of the monitor's own CLI beside
// the fetch floor (undici GET + sha256) and urlwatch, in one run, over a corpus
// server of real dev-set pages on 50 loopback hosts (127.0.0.1 … 127.0.0.50)
// with per-request noise outside the article and no validators. Counts
// DynamoDB requests through a proxy in front of DynamoDB Local, the monitor's
// peak RSS, versions recorded against edits made, and serve's /healthz latency
// while it checks. Options: --n N (pages, default 2000), --no-urlwatch, --no-serve.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { extract } from '../lambdas/domain/extract/index';
import { startDynamoLocal } from '../lambdas/local/dynamo-local';
import { devSetFolder } from './dev-set';
import { withRequestNoise } from './page-noise';
import { cpuSecondsOf, peakRssMb } from './process-usage';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOSTS = 50;
const EDIT_FRACTION = 0.1;
const EDIT_MARK = '(correction: the figure was revised)';
const FLOOR_CONCURRENCY = 8;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench:throughput: --${name} needs a whole number of at least 1`);
    process.exit(2);
  }
  return value;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

// ---------------------------------------------------------------- the corpus

interface SourcePage {
  html: string;
  /** A run of the article's text, as it stands in the HTML, that the extractor keeps: where edits go. */
  anchor: string | null;
}

function loadSources(limit: number): SourcePage[] {
  const dataset = devSetFolder('bench:throughput');
  const truth = JSON.parse(readFileSync(join(dataset, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const decoder = new TextDecoder('utf-8');
  return Object.keys(truth)
    .sort()
    .slice(0, limit)
    .map((id) => {
      const html = decoder.decode(gunzipSync(readFileSync(join(dataset, 'html', `${id}.html.gz`))));
      return { html, anchor: findAnchor(html, truth[id]?.articleBody ?? '', truth[id]?.url) };
    });
}

/** Words of the ground truth that stand verbatim in the HTML and in what the extractor reads. */
function findAnchor(html: string, body: string, url: string | undefined): string | null {
  const result = extract(html, url ?? 'https://example.test/');
  const extracted = result.text;
  for (const line of body.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words.length < 12) continue;
    const anchor = words.slice(2, 8).join(' ');
    if (anchor.length < 24 || /[<>&]/.test(anchor) || !occursOnce(html, `${anchor} `) || !extracted.includes(anchor)) continue;
    // The one occurrence may sit in markup the extractor does not read (a JSON-LD copy): the edit must show in the extracted body.
    if (extract(html.replace(`${anchor} `, `${anchor} ${EDIT_MARK} `), url ?? 'https://example.test/').text.includes(EDIT_MARK)) return anchor;
  }
  return null;
}

/** Once only, so the edit lands in the body and not in a meta description or JSON-LD copy of it. */
function occursOnce(html: string, text: string): boolean {
  const first = html.indexOf(text);
  return first >= 0 && html.indexOf(text, first + 1) < 0;
}

class Corpus {
  private readonly edits = new Map<number, number>();
  private served = 0;
  constructor(
    private readonly sources: SourcePage[],
    readonly n: number,
  ) {}

  host(index: number): string {
    return `127.0.0.${1 + (index % HOSTS)}`;
  }

  source(index: number): SourcePage {
    return this.sources[index % this.sources.length] as SourcePage;
  }

  /** Edits `count` pages in their article body, a new edit each call; returns the pages edited. */
  edit(count: number, round: number, among: ReadonlySet<number>): number[] {
    const editable = [...among].sort((a, b) => a - b).filter((i) => this.source(i).anchor !== null);
    const picked: number[] = [];
    for (let k = 0; picked.length < count && k < editable.length; k++) {
      const index = editable[(k * 7919 + round * 104729) % editable.length] as number;
      if (!picked.includes(index)) picked.push(index);
    }
    for (const index of picked) this.edits.set(index, (this.edits.get(index) ?? 0) + 1);
    return picked;
  }

  page(index: number): string {
    const { html, anchor } = this.source(index);
    const edit = this.edits.get(index) ?? 0;
    let out = html;
    if (edit > 0 && anchor !== null) out = out.replace(`${anchor} `, `${anchor} (correction ${edit}: the figure was revised) `);
    return withRequestNoise(out, ++this.served);
  }

  url(index: number, port: number): string {
    return `http://${this.host(index)}:${port}/articles/${index}`;
  }

  async listen(): Promise<{ port: number; close(): Promise<void> }> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      const match = /^\/articles\/(\d+)$/.exec(req.url ?? '');
      const index = match ? Number(match[1]) : -1;
      if (index < 0 || index >= this.n) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(this.page(index));
    };
    const first = createServer(handler);
    const port = await listenOn(first, '127.0.0.1', 0);
    const servers: Server[] = [first];
    for (let h = 2; h <= HOSTS; h++) {
      const server = createServer(handler);
      await listenOn(server, `127.0.0.${h}`, port);
      servers.push(server);
    }
    return { port, close: async () => void (await Promise.all(servers.map((s) => new Promise((done) => s.close(done))))) };
  }
}

function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

// ---------------------------------------------------------------- DynamoDB Local behind a counting proxy

class CountingProxy {
  counts = new Map<string, number>();
  connections = 0;
  private server: Server | null = null;
  constructor(private readonly target: URL) {}

  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.counts.clear();
    this.connections = 0;
  }

  breakdown(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([op, count]) => `${op}=${count}`)
      .join(' ');
  }

  async listen(): Promise<string> {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
    this.server = createServer((req, res) => {
      const op = String(req.headers['x-amz-target'] ?? 'other').replace(/^DynamoDB_\d+\./, '');
      this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
      const upstream = httpRequest(
        { host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.server.on('connection', () => this.connections++);
    const port = await listenOn(this.server, '127.0.0.1', 0);
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

// ---------------------------------------------------------------- running the monitor

interface CommandRun {
  seconds: number;
  peakRssMb: number;
  /** CPU of the monitor process, all its threads (worker threads included), and of DynamoDB Local and this process (corpus server, proxy) meanwhile. */
  cpu: { monitor: number; dynamo: number; bench: number };
  stdout: string;
  stderr: string;
  code: number | null;
}

const benchCpuSeconds = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

function monitorArgs(context: BenchContext, args: string[]): string[] {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each monitor command, for finding where a check's time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return [
    ...profile,
    join(repoRoot, 'bin', 'monitor.mjs'),
    ...args,
    '--data',
    context.dataDir,
    '--endpoint',
    context.endpoint,
    '--config',
    context.configFile,
    '--allow-private-network',
  ];
}

function runMonitor(context: BenchContext, args: string[]): Promise<CommandRun> {
  const started = performance.now();
  const dynamoBefore = cpuSecondsOf(context.dynamoPid);
  const benchBefore = benchCpuSeconds();
  let monitorCpu = 0;
  const child = spawn(process.execPath, monitorArgs(context, args), { cwd: context.dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: benchEnv() });
  let stdout = '';
  let stderr = '';
  let peak = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // VmHWM is the high-water mark, so the last reading before exit is the peak.
  // As for CPU: the last reading before exit, missing at most the last 100 ms.
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRssMb(child.pid));
    monitorCpu = Math.max(monitorCpu, cpuSecondsOf(child.pid));
  }, 100);
  return new Promise((done) => {
    child.once('exit', (code) => {
      clearInterval(poll);
      const cpu = { monitor: monitorCpu, dynamo: cpuSecondsOf(context.dynamoPid) - dynamoBefore, bench: benchCpuSeconds() - benchBefore };
      done({ seconds: (performance.now() - started) / 1000, peakRssMb: peak, cpu, stdout, stderr, code });
    });
  });
}

function benchEnv(): NodeJS.ProcessEnv {
  return { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', MONITOR_API_TOKEN: 'bench-token-0123456789abcdef' };
}

interface BenchContext {
  /** DynamoDB Local's process, for its CPU. */
  dynamoPid: number | undefined;
  dataDir: string;
  endpoint: string;
  configFile: string;
}

interface Report {
  url: string;
  outcome: string;
  version?: number;
  /** On `watch --json` lines. */
  created?: boolean;
}

function reportsOf(stdout: string): Report[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Report);
}

/** Where a round's CPU went, per check: what bounds a run on two cores that all three share. */
function cpuLine(run: CommandRun, checks: number): string {
  const ms = (seconds: number): string => ((seconds / checks) * 1000).toFixed(1);
  return `CPU per check: monitor ${ms(run.cpu.monitor)} ms (all threads), DynamoDB Local ${ms(run.cpu.dynamo)} ms, corpus server and proxy ${ms(run.cpu.bench)} ms`;
}

// ---------------------------------------------------------------- rounds

async function fetchFloor(urls: string[]): Promise<number> {
  const dispatcher = new Agent({ connections: 16, pipelining: 1 });
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      const { body } = await request(url, { dispatcher });
      createHash('sha256')
        .update(Buffer.from(await body.arrayBuffer()))
        .digest('hex');
    }
  };
  await Promise.all(Array.from({ length: FLOOR_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  return urls.length / seconds;
}

function urlwatchVersion(): string | null {
  const probe = spawnSync('urlwatch', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? (probe.stdout || probe.stderr).trim() : null;
}

function urlwatchFiles(dir: string, urls: string[]): string[] {
  const urlsFile = join(dir, 'urlwatch-urls.yaml');
  writeFileSync(urlsFile, urls.map((url, i) => `name: page-${i}\nurl: ${url}\nfilter:\n  - html2text\n`).join('---\n'));
  const configFile = join(dir, 'urlwatch.yaml');
  writeFileSync(
    configFile,
    'display:\n  new: true\n  error: true\n  unchanged: false\nreport:\n  text:\n    details: false\n  stdout:\n    enabled: true\n    color: false\n',
  );
  return ['--urls', urlsFile, '--config', configFile, '--cache', join(dir, 'urlwatch-cache.db')];
}

/** Async: the corpus server runs in this process, so a blocking spawn would leave urlwatch unanswered. */
function runUrlwatch(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn('urlwatch', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: dirname(args[1] as string) } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('exit', (code) =>
      code === 0 ? done((performance.now() - started) / 1000) : fail(new Error(`urlwatch failed (${code}): ${stderr.slice(0, 500)}`)),
    );
  });
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** `monitor serve` checking everything due while /healthz and a page are asked for, every 20 ms. */
async function serveRound(
  context: BenchContext,
  expected: number,
): Promise<{ checked: number; healthz: number[]; page: number[]; answeredDuringChecks: number }> {
  const child: ChildProcess = spawn(process.execPath, monitorArgs(context, ['serve', '--port', '0']), {
    cwd: context.dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: benchEnv(),
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const base = await new Promise<string>((done, fail) => {
    const deadline = setTimeout(() => fail(new Error(`serve did not start: ${log.slice(-500)}`)), 60_000);
    const tick = setInterval(() => {
      const match = /serving (http:\/\/\S+)/.exec(log);
      if (match?.[1]) {
        clearTimeout(deadline);
        clearInterval(tick);
        done(match[1]);
      }
    }, 50);
  });
  const checkedSoFar = (): number => [...log.matchAll(/check: (\d+) checked/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const healthz: number[] = [];
  const page: number[] = [];
  const timed = async (path: string, into: number[]): Promise<void> => {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`);
    await answer.arrayBuffer();
    into.push(performance.now() - started);
  };
  const until = Date.now() + 60_000;
  // The loop's first round starts at once; it is under way until its summary line is logged.
  while (checkedSoFar() < expected && Date.now() < until) {
    await Promise.all([timed('/healthz', healthz), timed('/', page)]);
    await new Promise((done) => setTimeout(done, 20));
  }
  const checked = checkedSoFar();
  child.kill('SIGINT');
  await new Promise((done) => child.once('exit', done));
  return { checked, healthz, page, answeredDuringChecks: healthz.length };
}

// ---------------------------------------------------------------- main

const n = option('n', 2000);
const workDir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(line);
};

const sources = loadSources(n);
const corpus = new Corpus(sources, n);
const server = await corpus.listen();
const urls = Array.from({ length: n }, (_, i) => corpus.url(i, server.port));
const dynamo = await startDynamoLocal({ dataDir: join(workDir, 'dynamo') });
const proxy = new CountingProxy(new URL(dynamo.endpoint));
const endpoint = await proxy.listen();
const configFile = join(workDir, 'monitor.config.json');
// Everything falls due a second after its check, so serve's loop has work in the last round; `check --all` ignores due times.
writeFileSync(
  configFile,
  JSON.stringify({
    politeness: { perHostGap: '0s' },
    schedule: { steps: [{ under: '36500d', every: '1s' }], jitter: 0 },
    checkInterval: '1s',
  }),
);
const context: BenchContext = { dynamoPid: dynamo.pid, dataDir: join(workDir, 'data'), endpoint, configFile };
mkdirSync(context.dataDir, { recursive: true });
const urlsFile = join(workDir, 'urls.txt');
writeFileSync(urlsFile, `${urls.join('\n')}\n`);

const bytes =
  Array.from({ length: Math.min(n, sources.length) }, (_, i) => corpus.source(i).html.length).reduce((a, b) => a + b, 0) / Math.min(n, sources.length);
say(
  `bench:throughput: N=${n} pages (${sources.length} distinct dev-set pages, mean ${(bytes / 1024).toFixed(0)} KB) on ${HOSTS} loopback hosts, politeness gap 0, no validators, ${process.env.MONITOR_WORKERS ?? 'default'} workers`,
);

try {
  // Warm the corpus server's code paths once, so the floor is not charged for it.
  await fetchFloor(urls.slice(0, Math.min(200, n)));
  const floor = await fetchFloor(urls);
  say(`fetch floor (undici GET + sha256, concurrency ${FLOOR_CONCURRENCY}): ${floor.toFixed(0)} checks/s`);

  const uwVersion = flag('no-urlwatch') ? null : urlwatchVersion();
  const uwArgs = uwVersion ? urlwatchFiles(workDir, urls) : null;
  if (uwArgs) {
    const baseline = await runUrlwatch(uwArgs);
    say(`${uwVersion} (html2text), first run: ${(n / baseline).toFixed(1)} checks/s`);
  } else {
    say(flag('no-urlwatch') ? 'urlwatch: skipped (--no-urlwatch)' : 'urlwatch: not installed (apt-get install -y urlwatch), its rounds are skipped');
  }

  proxy.reset();
  const watched = await runMonitor(context, ['watch', '--file', urlsFile, '--json']);
  // A few dev-set pages are refused (they read as error pages); the rounds check the rest.
  const urlIndex = (url: string): number => Number(/\/articles\/(\d+)$/.exec(url)?.[1] ?? -1);
  const watchedIndices = new Set(
    reportsOf(watched.stdout)
      .filter((r) => r.created === true)
      .map((r) => urlIndex(r.url)),
  );
  const checks = watchedIndices.size;
  if (checks === 0) throw new Error(`monitor watch watched nothing (${watched.code}): ${watched.stderr.slice(-1000)}`);
  if (checks < n)
    say(
      `monitor watch refused ${n - checks} of ${n} pages (${watched.stderr
        .trim()
        .split('\n')
        .filter((l) => l.includes('not watched'))
        .slice(0, 3)
        .join(' | ')}); the rounds check ${checks}`,
    );
  const watchRequests = proxy.total();
  say(
    `monitor watch --file (${n} URLs, one command): ${(n / watched.seconds).toFixed(1)} checks/s, peak RSS ${watched.peakRssMb.toFixed(0)} MB, DynamoDB requests/URL ${(watchRequests / n).toFixed(2)} (${proxy.breakdown()})`,
  );

  proxy.reset();
  const quiet = await runMonitor(context, ['check', '--all', '--json']);
  const quietReports = reportsOf(quiet.stdout);
  const quietVersions = quietReports.filter((r) => r.version !== undefined).length;
  const quietRequests = proxy.total();
  say(
    `monitor check --all, nothing changed: ${(checks / quiet.seconds).toFixed(1)} checks/s, ${quietVersions} versions recorded (noise), peak RSS ${quiet.peakRssMb.toFixed(0)} MB, DynamoDB requests/check ${(quietRequests / checks).toFixed(2)} (${proxy.breakdown()}; ${proxy.connections} connections)`,
  );
  say(`  ${cpuLine(quiet, checks)}`);
  if (quiet.code !== 0) say(`  (exit ${quiet.code}: ${quiet.stderr.trim().split('\n').slice(-3).join(' | ')})`);

  const edited = new Set(corpus.edit(Math.round(checks * EDIT_FRACTION), 1, watchedIndices));
  proxy.reset();
  const changed = await runMonitor(context, ['check', '--all', '--json']);
  const changedReports = reportsOf(changed.stdout);
  const recorded = changedReports.filter((r) => r.version !== undefined);
  const recordedEdits = recorded.filter((r) => edited.has(urlIndex(r.url))).length;
  const noise = recorded.length - recordedEdits;
  const changedRequests = proxy.total();
  const changedRate = checks / changed.seconds;
  say(
    `monitor check --all, ${edited.size} edited (${Math.round(EDIT_FRACTION * 100)}%): ${changedRate.toFixed(1)} checks/s, peak RSS ${changed.peakRssMb.toFixed(0)} MB, DynamoDB requests/check ${(changedRequests / checks).toFixed(2)} (${proxy.breakdown()})`,
  );
  say(`  ${cpuLine(changed, checks)}`);
  say(`versions recorded: ${recordedEdits} of ${edited.size} edits, ${noise + quietVersions} noise versions`);
  const recordedUrls = new Set(recorded.map((r) => r.url));
  for (const report of changedReports.filter((r) => edited.has(urlIndex(r.url)) && !recordedUrls.has(r.url))) {
    say(`  edit not recorded: ${report.url}: ${report.outcome}${'reason' in report ? ` (${String((report as { reason?: string }).reason)})` : ''}`);
  }

  let urlwatchRate: number | null = null;
  if (uwArgs) {
    const seconds = await runUrlwatch(uwArgs);
    urlwatchRate = n / seconds;
    say(`${uwVersion} (html2text), the same ${edited.size} pages changed: ${urlwatchRate.toFixed(1)} checks/s`);
  }

  let healthLine = 'serve: skipped (--no-serve)';
  if (!flag('no-serve')) {
    await new Promise((done) => setTimeout(done, 1100));
    const served = await serveRound(context, n);
    healthLine =
      `serve while checking (${served.checked} checked): /healthz p50 ${percentile(served.healthz, 0.5).toFixed(1)} ms, p99 ${percentile(served.healthz, 0.99).toFixed(1)} ms, max ${Math.max(...served.healthz).toFixed(1)} ms; ` +
      `/ p50 ${percentile(served.page, 0.5).toFixed(1)} ms, p99 ${percentile(served.page, 0.99).toFixed(1)} ms (${served.answeredDuringChecks} probes)`;
  }

  const peak = Math.max(watched.peakRssMb, quiet.peakRssMb, changed.peakRssMb);
  say('--- summary');
  say(`floor_checks_per_s=${floor.toFixed(0)}`);
  say(`check_all_unchanged_checks_per_s=${(checks / quiet.seconds).toFixed(1)}`);
  say(`check_all_10pct_changed_checks_per_s=${changedRate.toFixed(1)}`);
  say(`watch_checks_per_s=${(n / watched.seconds).toFixed(1)}`);
  say(urlwatchRate === null ? 'urlwatch_checks_per_s=skipped' : `urlwatch_checks_per_s=${urlwatchRate.toFixed(1)}`);
  say(`ratio_to_floor=${(changedRate / floor).toFixed(3)} (10% changed round; unchanged round ${(checks / quiet.seconds / floor).toFixed(3)}; target >= 0.5)`);
  say(
    urlwatchRate === null ? 'ratio_to_urlwatch=skipped (urlwatch not installed)' : `ratio_to_urlwatch=${(changedRate / urlwatchRate).toFixed(2)} (target >= 5)`,
  );
  say(`edits_recorded=${recordedEdits}/${edited.size} noise_versions=${noise + quietVersions}`);
  say(`peak_rss_mb=${peak.toFixed(0)} (target <= 512)`);
  say(`dynamodb_requests_per_check=${(quietRequests / checks).toFixed(2)} unchanged, ${(changedRequests / checks).toFixed(2)} with 10% changed`);
  say(healthLine);
} finally {
  await proxy.close();
  await dynamo.stop();
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
}
