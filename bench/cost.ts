// `npm run bench:cost`: what a million checks cost on AWS, measured on the synthesized stack's real
// bundles running against the emulators (test/aws/harness). Real article pages (the extraction dev
// set) are served on loopback, with fresh noise on every request, under several host names; every
// article is checked once per case: 304 Not Modified, unchanged 200, changed 200. Each case counts
// DynamoDB capacity units (reported by DynamoDB Local with ReturnConsumedCapacity: INDEXES), SQS and
// SNS requests, log bytes and Lambda invocations, and models Lambda GB-seconds from the CPU the
// containers measured, slowed to the share Lambda gives the function's memory, plus the waits a
// check has on AWS (stated below). The table is priced as the template bills it: provisioned at its
// auto scaling target, or on-demand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devSetFolder } from './dev-set';
import { gunzipSync } from 'node:zlib';
import { createDocumentClient } from '../lambdas/adapters/dynamo-client';
import { defaultConfig } from '../lambdas/domain/config';
import { CHECKS_IN_FLIGHT } from '../lambdas/service/check-batch';
import { DynamoStore } from '../lambdas/adapters/dynamo-store';
import { normaliseUrl } from '../lambdas/domain/url';
import { type CorpusPage, startCorpusServer } from '../test/aws/harness/corpus-server';
import { deployStack, type EmulatedStack } from '../test/aws/harness/deploy';
import { type Emulators, startEmulators } from '../test/aws/harness/emulators';
import { rolesOf, type StackRoles } from '../test/aws/harness/roles';
import { dueHead, type ScheduledHead, seedHeads } from '../test/aws/harness/seed';
import { loopbackStackConfig } from '../test/aws/harness/stack-config';
import { synthesize } from '../test/aws/harness/synth';
import { type TableBillingSpec, tableBillingOf } from '../test/aws/harness/template';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DATASET = devSetFolder('bench:cost');
const PAGES = Number(process.env.BENCH_COST_PAGES ?? 400);
// Many hosts and few articles each, as a real watch list has: per-host spacing then barely delays a check.
const HOSTS = Number(process.env.BENCH_COST_HOSTS ?? 80);
/** Modelled time a Lambda waits on the network per fetch: a full page, and a 304 (headers only). */
const FULL_FETCH_WAIT_MS = 300;
const NOT_MODIFIED_WAIT_MS = 150;
/** Modelled time one DynamoDB request takes on AWS ("single-digit millisecond" latency, rounded up). */
const DYNAMO_CALL_MS = 10;
/** The stack's politeness gap (the config's default). */
const POLITENESS_GAP_MS = defaultConfig().politeness.perHostGapMs;
/** Lambda's memory for one full vCPU (AWS: "at 1,769 MB, a function has the equivalent of one vCPU"). */
const MB_PER_VCPU = 1769;
/** Every wait in the bench ends by this. */
const CASE_LIMIT_MS = 120_000;

/** us-east-1 list prices. */
const PRICE = {
  dynamoWriteOnDemand: 0.625 / 1e6,
  dynamoReadOnDemand: 0.125 / 1e6,
  // Provisioned: $0.00065 per WCU-hour and $0.00013 per RCU-hour, a unit-hour being 3,600 units used at
  // full utilisation; auto scaling keeps provisioned capacity at the template's target utilisation, so
  // a unit used costs the unit-hour's price / 3,600 / that utilisation.
  dynamoWriteUnitHour: 0.00065,
  dynamoReadUnitHour: 0.00013,
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  sqsRequest: 0.4 / 1e6,
  snsPublish: 0.5 / 1e6,
  logsGb: 0.5,
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The heads of `urls`, 25 at a time: a bench's polling must not swamp the DynamoDB Local it measures. */
async function headsOf(store: DynamoStore, urls: string[]) {
  const heads = [];
  for (let i = 0; i < urls.length; i += 25) heads.push(...(await Promise.all(urls.slice(i, i + 25).map((url) => store.getArticle(url)))));
  return heads;
}

async function waitFor(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + CASE_LIMIT_MS;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** A changed page: one sentence added to its first long paragraph, as an editor's correction would. */
function edited(html: string, round: number): string | null {
  const paragraph = /<p\b[^>]*>([^<]{160,})<\/p>/i.exec(html);
  if (!paragraph) return null;
  const at = paragraph.index + paragraph[0].length - '</p>'.length;
  return `${html.slice(0, at)} Correction ${round}: an earlier version of this article misstated the figure.${html.slice(at)}`;
}

interface CaseMeasure {
  name: string;
  checks: number;
  /** The check function's memory, from the template. */
  memoryMb: number;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: Record<string, number>;
  unitsByOperation: Record<string, number>;
  sqsRequests: number;
  snsPublishes: number;
  logBytes: number;
  lambdaRequests: number;
  cpuSeconds: number;
  /** Wall time of every invocation, summed. */
  wallSeconds: number;
  inFlight: number;
  /** Checks one check invocation ran at once, and the waits they shared (modelled), in seconds. */
  concurrency: number;
  waitSeconds: number;
  gbSeconds: number;
  fetches: Record<string, number>;
  versionsRecorded: number;
}

interface Priced {
  dynamo: number;
  dynamoProvisioned: number;
  lambdaCompute: number;
  lambdaRequests: number;
  sqs: number;
  sns: number;
  logs: number;
  total: number;
  totalProvisioned: number;
}

/** Auto scaling's target utilisation when the stack's table is on-demand: the standard 70%, for the comparison column. */
const STANDARD_UTILIZATION = 0.7;

function price(m: CaseMeasure, utilization: number): Priced {
  const per = 1e6 / m.checks;
  const dynamo = (m.writeUnits * PRICE.dynamoWriteOnDemand + m.readUnits * PRICE.dynamoReadOnDemand) * per;
  const unitUsed = (unitHour: number): number => unitHour / 3600 / utilization;
  const dynamoProvisioned = (m.writeUnits * unitUsed(PRICE.dynamoWriteUnitHour) + m.readUnits * unitUsed(PRICE.dynamoReadUnitHour)) * per;
  const lambdaCompute = m.gbSeconds * PRICE.lambdaGbSecond * per;
  const lambdaRequests = m.lambdaRequests * PRICE.lambdaRequest * per;
  const sqs = m.sqsRequests * PRICE.sqsRequest * per;
  const sns = m.snsPublishes * PRICE.snsPublish * per;
  const logs = (m.logBytes / 1e9) * PRICE.logsGb * per;
  const rest = lambdaCompute + lambdaRequests + sqs + sns + logs;
  return { dynamo, dynamoProvisioned, lambdaCompute, lambdaRequests, sqs, sns, logs, total: dynamo + rest, totalProvisioned: dynamoProvisioned + rest };
}

function blend(a: Priced, b: Priced, share: number): Priced {
  const mix = (key: keyof Priced): number => a[key] * (1 - share) + b[key] * share;
  return {
    dynamo: mix('dynamo'),
    dynamoProvisioned: mix('dynamoProvisioned'),
    lambdaCompute: mix('lambdaCompute'),
    lambdaRequests: mix('lambdaRequests'),
    sqs: mix('sqs'),
    sns: mix('sns'),
    logs: mix('logs'),
    total: mix('total'),
    totalProvisioned: mix('totalProvisioned'),
  };
}

interface CorpusPageSource {
  host: string;
  path: string;
  html: string;
}

/**
 * One case on a fresh deployment: every page watched and given version 0 through the pipeline (not
 * measured), then served as `measured` returns it, and every article checked once more, measured.
 */
async function runCase(
  name: string,
  assembly: Awaited<ReturnType<typeof synthesize>>,
  emulators: Emulators,
  corpus: Awaited<ReturnType<typeof startCorpusServer>>,
  environment: Record<string, string>,
  pages: Map<string, CorpusPageSource>,
  warm: (page: CorpusPageSource) => CorpusPage,
  measured: (page: CorpusPageSource) => CorpusPage | null,
): Promise<CaseMeasure> {
  // One container per function: the corpus server's in-flight count is then the checks one invocation runs at once.
  const stack = await deployStack(assembly, emulators, { extraEnvironment: environment, maxContainersPerFunction: 1 });
  try {
    const roles = rolesOf(stack);
    const store = new DynamoStore(createDocumentClient({ endpoint: emulators.dynamoDirect }), roles.tableName);
    for (const page of pages.values()) corpus.publish(page.host, page.path, warm(page));
    await seedHeads(
      emulators.dynamoDirect,
      roles.tableName,
      [...pages.keys()].map((url) => dueHead(url, new Date(Date.now() - 1000))),
    );
    await runChecks(stack, roles, emulators, store, [...pages.keys()], new Date(0));
    const articles: string[] = [];
    for (const [url, page] of pages) {
      const served = measured(page);
      if (((await store.getArticle(url))?.versionCount ?? 0) < 1 || served === null) continue;
      articles.push(url);
      corpus.publish(page.host, page.path, served);
    }
    return await measure(name, stack, roles, emulators, store, corpus, articles, pages.size);
  } finally {
    await stack.destroy();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loopbackStackConfig();
  const [assembly, emulators, corpus] = await Promise.all([synthesize(config.context), startEmulators(), startCorpusServer()]);
  try {
    const truth = JSON.parse(readFileSync(join(DATASET, 'ground-truth.json'), 'utf8')) as Record<string, unknown>;
    const ids = Object.keys(truth).sort().slice(0, PAGES);
    const pages = new Map<string, CorpusPageSource>();
    ids.forEach((id, i) => {
      const host = `site-${i % HOSTS}.localhost`;
      const path = `/articles/${id}`;
      const html = gunzipSync(readFileSync(join(DATASET, 'html', `${id}.html.gz`))).toString('utf8');
      pages.set(normaliseUrl(corpus.url(host, path)), { host, path, html });
    });
    const withEtag = (page: CorpusPageSource): CorpusPage => ({ html: page.html, etag: `"${page.path}-v0"` });
    const plain = (page: CorpusPageSource): CorpusPage => ({ html: page.html });
    const changed = (page: CorpusPageSource): CorpusPage | null => {
      const html = edited(page.html, 1);
      return html === null ? null : { html };
    };
    const cases: CaseMeasure[] = [];
    // 304: the page still has the ETag the head stored.
    cases.push(await runCase('304 Not Modified', assembly, emulators, corpus, config.environment, pages, withEtag, withEtag));
    // Unchanged 200: no ETag, the same text under fresh noise.
    cases.push(await runCase('unchanged 200', assembly, emulators, corpus, config.environment, pages, plain, plain));
    // Changed 200: one sentence added to the article.
    cases.push(await runCase('changed 200', assembly, emulators, corpus, config.environment, pages, plain, changed));
    report(cases, tableBillingOf(assembly.template), started);
  } finally {
    await corpus.close();
    await emulators.stop();
  }
}

/**
 * The head as if its last regular check were one interval ago: its slot has come round again, so the
 * dispatcher's next sweep queues it, as it does every article every interval. (A head of a never-checked
 * article is due already.)
 */
function atPreviousSlot(head: ScheduledHead): ScheduledHead {
  if (head.versionCount === 0) return head;
  const every = head.checkEvery;
  const next = head.nextCheckAt === null ? Date.now() : Date.parse(head.nextCheckAt);
  return { ...head, nextCheckAt: new Date(every === null ? Date.now() - 1000 : next - every * 1000).toISOString() };
}

/** Makes `urls` due, runs the dispatch schedule once, and lets the check mapping drain the queue. */
async function runChecks(stack: EmulatedStack, roles: StackRoles, emulators: Emulators, store: DynamoStore, urls: string[], after: Date): Promise<void> {
  const heads = (await headsOf(store, urls)).filter((head): head is ScheduledHead => head !== null);
  await seedHeads(emulators.dynamoDirect, roles.tableName, heads.map(atPreviousSlot));
  const [run] = await stack.runSchedule(roles.dispatchRule);
  if (!run?.ok) throw new Error(`dispatch failed: ${JSON.stringify(run?.error)}`);
  stack.startEventSources();
  await waitFor('every article to be checked', async () => {
    const checked = await headsOf(store, urls);
    return checked.every((head) => head !== null && head.lastCheckedAt !== null && head.lastCheckedAt > after.toISOString());
  });
  // Notifications of new changes travel the stream after the save: give it a moment to settle.
  let delivered = -1;
  for (;;) {
    const now = stack.streamSources.reduce((sum, { source }) => sum + source.stats.delivered + source.stats.filteredOut, 0);
    if (now === delivered) break;
    delivered = now;
    await sleep(1500);
  }
  await stack.stopEventSources();
}

async function measure(
  name: string,
  stack: EmulatedStack,
  roles: StackRoles,
  emulators: Emulators,
  store: DynamoStore,
  corpus: Awaited<ReturnType<typeof startCorpusServer>>,
  urls: string[],
  corpusPages: number,
): Promise<CaseMeasure> {
  const versionsBefore = (await headsOf(store, urls)).reduce((sum, head) => sum + (head?.versionCount ?? 0), 0);
  const pools = [...stack.functions.values()].map((f) => f.pool);
  emulators.meters.reset();
  for (const pool of pools) pool.resetStats();
  corpus.resetCounts();
  corpus.setDelay(FULL_FETCH_WAIT_MS, NOT_MODIFIED_WAIT_MS);
  const caseStarted = new Date(Date.now() - 1);
  await runChecks(stack, roles, emulators, store, urls, caseStarted);
  corpus.setDelay(0);
  const versionsAfter = (await headsOf(store, urls)).reduce((sum, head) => sum + (head?.versionCount ?? 0), 0);

  const fetches = corpus.responses();
  const inFlight = Math.max(1, corpus.meanInFlightWhileBusy());
  const dynamoCalls = Object.values(emulators.meters.capacity.calls).reduce((sum, calls) => sum + calls, 0);
  const checkInvocations = Math.max(1, roles.check.pool.stats.invocations);
  // The checks one check invocation runs at once: its batch, up to the handler's bound.
  const concurrency = Math.min(CHECKS_IN_FLIGHT, urls.length / checkInvocations);
  const fullFetches = (fetches['200'] ?? 0) + (fetches.robots ?? 0);
  // A changed page's re-fetches wait their turn at the host (the politeness gap, less the fetch before them).
  const confirmationFetches = Math.max(0, (fetches['200'] ?? 0) + (fetches['304'] ?? 0) - urls.length);
  const waitSeconds =
    (fullFetches * FULL_FETCH_WAIT_MS +
      (fetches['304'] ?? 0) * NOT_MODIFIED_WAIT_MS +
      dynamoCalls * DYNAMO_CALL_MS +
      confirmationFetches * Math.max(0, POLITENESS_GAP_MS - FULL_FETCH_WAIT_MS)) /
    1000;
  let gbSeconds = 0;
  let cpuSeconds = 0;
  let wallSeconds = 0;
  for (const f of stack.functions.values()) {
    const cpu = f.pool.stats.cpuMicros / 1e6;
    const wall = f.pool.stats.ms / 1000;
    cpuSeconds += cpu;
    wallSeconds += wall;
    // Lambda gives CPU in proportion to memory, one vCPU at 1,769 MB: below that, a CPU second measured
    // here on a whole core takes longer, and is billed longer, in the function.
    const stretch = Math.max(1, MB_PER_VCPU / f.spec.memoryMb);
    // The check function: its CPU, stretched, plus every wait of its checks shared by the checks it runs
    // at once, with no credit for CPU that overlaps a wait (an upper bound). Its wall time here is no
    // guide: DynamoDB Local on two shared cores answers in tens of ms, DynamoDB in single digits. The
    // others (dispatch, notify) are billed their wall time here, slow emulators and all.
    const billed = f === roles.check ? cpu * stretch + waitSeconds / concurrency : wall + cpu * (stretch - 1);
    gbSeconds += billed * (f.spec.memoryMb / 1024);
  }
  // Copies: the meters go on counting (the next case's set-up) until they are reset.
  const sqs = structuredClone(emulators.meters.sqs.requests);
  const capacity = structuredClone(emulators.meters.capacity);
  const measured: CaseMeasure = {
    name,
    checks: urls.length,
    memoryMb: roles.check.spec.memoryMb,
    readUnits: capacity.readUnits,
    writeUnits: capacity.writeUnits,
    indexWriteUnits: capacity.indexWriteUnits,
    unitsByOperation: capacity.unitsByOperation,
    // Billed requests: the dispatcher's sends, and the mapping's receives (those that returned messages) and deletes.
    sqsRequests:
      (sqs.SendMessage ?? 0) + (sqs.SendMessageBatch ?? 0) + (sqs.ReceiveMessageWithMessages ?? 0) + (sqs.DeleteMessage ?? 0) + (sqs.DeleteMessageBatch ?? 0),
    snsPublishes: (sqs.Publish ?? 0) + (sqs.PublishBatch ?? 0),
    logBytes: pools.reduce((sum, pool) => sum + pool.stats.logBytes, 0),
    lambdaRequests: pools.reduce((sum, pool) => sum + pool.stats.invocations, 0),
    cpuSeconds,
    wallSeconds,
    inFlight,
    concurrency,
    waitSeconds,
    gbSeconds,
    fetches,
    versionsRecorded: versionsAfter - versionsBefore,
  };
  console.log(`${name}: ${urls.length} of ${corpusPages} corpus pages are articles (version 0) and in this case; responses ${JSON.stringify(fetches)}`);
  return measured;
}

const usd = (value: number): string => `$${value.toFixed(value < 0.1 ? 4 : 3)}`;

function report(cases: CaseMeasure[], billing: TableBillingSpec, started: number): void {
  const [notModified, unchanged, changed] = cases as [CaseMeasure, CaseMeasure, CaseMeasure];
  console.log('\nper check (measured):');
  for (const m of cases) {
    const per = (value: number): string => (value / m.checks).toFixed(3);
    const indexes = Object.entries(m.indexWriteUnits)
      .filter(([, units]) => units > 0)
      .map(([index, units]) => `${index} ${per(units)}`)
      .join(', ');
    console.log(
      `  ${m.name.padEnd(17)} ${m.checks} checks: WCU ${per(m.writeUnits)} (of which GSI: ${indexes || 'none'}), RCU ${per(m.readUnits)}, SQS req ${per(m.sqsRequests)}, ` +
        `SNS ${per(m.snsPublishes)}, Lambda req ${per(m.lambdaRequests)}, log ${(m.logBytes / m.checks).toFixed(0)} B, CPU ${((m.cpuSeconds / m.checks) * 1000).toFixed(1)} ms, ` +
        `billed ${((m.gbSeconds / m.checks) * 1e6).toFixed(0)} GB-µs, waits ${((m.waitSeconds / m.checks) * 1000).toFixed(0)} ms ` +
        `(wall here ${((m.wallSeconds / m.checks) * 1000).toFixed(1)} ms; ${m.inFlight.toFixed(1)} fetches in flight at the server while busy), ` +
        `fetches ${JSON.stringify(m.fetches)}, versions +${m.versionsRecorded}`,
    );
    const byOperation = Object.entries(m.unitsByOperation)
      .filter(([, units]) => units > 0)
      .map(([operation, units]) => `${operation} ${per(units)}`)
      .join(', ');
    console.log(`  ${''.padEnd(17)} capacity units by call: ${byOperation}`);
  }
  console.log(
    `\nmodel (check function): billed time = CPU measured (process.cpuUsage) × 1769 MB / memory (the CPU share Lambda gives below 1,769 MB) + waits ÷ checks ` +
      `run at once (min(${CHECKS_IN_FLIGHT}, checks per invocation): ${cases.map((m) => `${m.name} ${m.concurrency.toFixed(1)}`).join(', ')}); waits modelled: ` +
      `${FULL_FETCH_WAIT_MS} ms per full fetch (robots.txt included), ${NOT_MODIFIED_WAIT_MS} ms per 304, ${DYNAMO_CALL_MS} ms per DynamoDB request, ` +
      `and each re-fetch of a changed page waits out the ${POLITENESS_GAP_MS} ms politeness gap less its fetch; other functions: their wall time here + CPU × ` +
      `(1769 MB / memory − 1). Check memory ${notModified.memoryMb} MB (template); DynamoDB units as DynamoDB Local reports them (table and GSIs); ` +
      'SQS: sends + non-empty receives + deletes.',
  );
  const utilization = billing.mode === 'provisioned' ? billing.targetUtilization : STANDARD_UTILIZATION;
  const priced = { notModified: price(notModified, utilization), unchanged: price(unchanged, utilization), changed: price(changed, utilization) };
  const blended = blend(priced.unchanged, priced.changed, 0.02);
  const rows: Array<[string, Priced]> = [
    ['304 Not Modified', priced.notModified],
    ['unchanged 200', priced.unchanged],
    ['changed 200', priced.changed],
    ['blended (2% changed)', blended],
  ];
  console.log(
    '\n$ per million checks (us-east-1)   DynamoDB on-demand  DynamoDB provisioned  Lambda GB-s  Lambda req  SQS     SNS     Logs    total on-demand  total provisioned',
  );
  for (const [label, p] of rows) {
    console.log(
      `  ${label.padEnd(32)} ${usd(p.dynamo).padStart(18)}  ${usd(p.dynamoProvisioned).padStart(20)}  ${usd(p.lambdaCompute).padStart(11)}  ` +
        `${usd(p.lambdaRequests).padStart(10)}  ${usd(p.sqs).padStart(6)}  ${usd(p.sns).padStart(6)}  ${usd(p.logs).padStart(6)}  ${usd(p.total).padStart(15)}  ` +
        `${usd(p.totalProvisioned).padStart(17)}`,
    );
  }
  const billed = (p: Priced): number => (billing.mode === 'provisioned' ? p.totalProvisioned : p.total);
  const dynamoBilled = billing.mode === 'provisioned' ? blended.dynamoProvisioned : blended.dynamo;
  const parts: Array<[string, number]> = [
    ['DynamoDB', dynamoBilled],
    ['Lambda compute', blended.lambdaCompute],
    ['Lambda requests', blended.lambdaRequests],
    ['SQS', blended.sqs],
    ['SNS', blended.sns],
    ['CloudWatch Logs', blended.logs],
  ];
  parts.sort((a, b) => b[1] - a[1]);
  const stackMode =
    billing.mode === 'provisioned'
      ? `provisioned, auto scaled to ${(billing.targetUtilization * 100).toFixed(0)}% utilisation (the template's scaling policies)`
      : 'on-demand (the template)';
  console.log(
    `
the stack's table: ${stackMode}; dominates (blended, as deployed): ${parts
      .slice(0, 3)
      .map(([label, value]) => `${label} ${((value / billed(blended)) * 100).toFixed(0)}%`)
      .join(', ')}; prices: DynamoDB on-demand $0.625/M WRU, $0.125/M RRU, provisioned $0.00065/WCU-h, $0.00013/RCU-h ` +
      `(per unit used: ÷ 3,600 ÷ ${(utilization * 100).toFixed(0)}% utilisation), Lambda arm64 $0.0000133334/GB-s + $0.20/M requests, SQS $0.40/M, SNS $0.50/M publishes, Logs $0.50/GB`,
  );
  console.log(`bench wall time ${((Date.now() - started) / 1000).toFixed(0)} s; target ≤ $1.00 per million checks (blended, as the stack is deployed)`);
  console.log(`RESULT usd_per_million_checks=${billed(blended).toFixed(2)}`);
}

await main();
