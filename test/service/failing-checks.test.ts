// A check that fails, whatever broke it, is recorded: the head is saved with
// the error, a failure count and a backoff, so the article is not fetched again
// on every round and cannot starve the others. A real server on 127.0.0.1 plays
// the site, DynamoDB Local the store.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { createRuntime, createSite, type Runtime } from '../../lambdas/composition/runtime';
import { StoreBusyError } from '../../lambdas/errors';
import type { ArticleHead } from '../../lambdas/domain/types';
import { parseConfig } from '../../lambdas/domain/config';
import { MAX_RETRY_AFTER_MS } from '../../lambdas/domain/schedule';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import { checkDue } from '../../lambdas/service/run-due';
import { watchArticle } from '../../lambdas/service/watch';
import { startServer, type LoopbackServer } from '../support/loopback-server';
import { freshTable } from '../support/dynamo';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let site: LoopbackServer;
const pages = new Map<string, Handler>();
let deps: Runtime;
let time: Date;
let cli: string[];
let counter = 0;
/** A runtime on the same table with a fresh robots.txt cache (and, optionally, other fetch limits). */
let freshRuntime: (fetch?: Partial<CheckerDeps['config']['fetch']>) => Runtime;
let path: string;

const MINUTE = 60_000;

function articleHtml(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><article><h1>${title}</h1><p class="byline">By Ana Reporter</p>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;
}

const STORY = [
  'The city council approved the budget on Tuesday after a debate that ran past midnight and left several members hoarse.',
  'The mayor said the plan would fund new bus routes, repair two bridges and hire forty teachers before the autumn term.',
  'Opponents argued that the spending relied on optimistic revenue forecasts and promised to challenge it at the next session.',
  'The budget now goes to the state for review, a step officials described as routine and expected to take about a month.',
];

function page(body: string, headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }): Handler {
  return (_, res) => res.writeHead(200, headers).end(body);
}

function serveAt(p: string, handler: Handler): void {
  pages.set(p, handler);
}

beforeAll(async () => {
  site = await startServer((req, res) => {
    const handler = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
  });
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({ politeness: { perHostConcurrency: 4, perHostGap: 0 }, schedule: { jitter: 0 } });
  config.fetch.allowPrivateNetwork = true;
  time = new Date('2026-11-21T09:00:00Z');
  deps = { ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time }, random: () => 0.5 };
  freshRuntime = (fetch = {}) => ({
    ...createRuntime({ config: { ...config, fetch: { ...config.fetch, ...fetch } }, tableName, endpoint }),
    clock: deps.clock,
    random: () => 0.5,
  });
  cli = ['--endpoint', endpoint, '--table', tableName, '--allow-private-network'];
});

afterAll(async () => {
  await site.close();
});

beforeEach(() => {
  path = `/news/failing-${++counter}`;
  serveAt(path, page(articleHtml('Council approves budget', STORY)));
});

function later(minutes: number): void {
  time = new Date(time.getTime() + minutes * MINUTE);
}

async function watched(): Promise<string> {
  const result = await watchArticle(deps, `${site.origin}${path}`);
  expect(result.article.versionCount).toBe(1);
  return result.article.url;
}

async function head(url: string) {
  const stored = await deps.store.getArticle(url);
  if (!stored) throw new Error(`not stored: ${url}`);
  return stored;
}

/** The check fails, and is recorded as failing with a growing backoff; versions stay as they were. */
async function expectRecordedFailures(url: string, reason: RegExp): Promise<void> {
  const waits: number[] = [];
  for (let i = 1; i <= 3; i++) {
    later(i === 1 ? 20 : waits[waits.length - 1]! / MINUTE);
    const report = await checkArticle(deps, url);
    expect(report.outcome).toBe('failed');
    expect(report.reason).toMatch(reason);
    const stored = await head(url);
    expect(stored).toMatchObject({ failureCount: i, lastCheckedAt: time.toISOString(), versionCount: 1, changeCount: 0 });
    expect(stored.lastError).toMatch(reason);
    waits.push(Date.parse(stored.nextCheckAt ?? '') - time.getTime());
  }
  expect(waits).toEqual([2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
  expect(await deps.store.listVersions(url)).toHaveLength(1);
}

describe('a check that always fails is recorded, and backs off', () => {
  it('a redirect to a URL over 1000 bytes', async () => {
    const url = await watched();
    serveAt(path, (_, res) => res.writeHead(301, { location: `/landing?q=${'a'.repeat(1100)}` }).end());
    serveAt('/landing', page(articleHtml('Council approves budget', STORY)));
    await expectRecordedFailures(url, /redirected to an address that cannot be watched: URL is too long/);
  });

  it('a <title> over 400 KB', async () => {
    const url = await watched();
    serveAt(path, page(articleHtml('T'.repeat(450_000), STORY)));
    await expectRecordedFailures(url, /^DynamoDB refused the request: Item size/);
  });

  it('a text over the item limit even compressed', async () => {
    const url = await watched();
    // Random CJK characters: under the extractor's length limit, but three bytes each and incompressible.
    const random = randomBytes(2 * 400_000);
    const text = (from: number): string =>
      Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + (random.readUInt16LE(2 * (from + i)) % 0x5000))).join('');
    serveAt(
      path,
      page(
        articleHtml(
          'Council approves budget',
          Array.from({ length: 2000 }, (_, p) => `${text(p * 200)}。`),
        ),
      ),
    );
    await expectRecordedFailures(url, /too large to store/);
  });

  it('a binary body with no Content-Type', async () => {
    const url = await watched();
    serveAt(path, page(Buffer.from(Array.from({ length: 9000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'), {}));
    await expectRecordedFailures(url, /binary data \(served with no Content-Type\)/);
  });
});

describe('Retry-After', () => {
  it.each([
    ['a date in year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ['3e11 seconds', '300000000000'],
    ['a number too large for a Date', '9'.repeat(40)],
  ])('of %s waits a day at most, and the head says when', async (_, retryAfter) => {
    const url = await watched();
    serveAt(path, (_, res) => res.writeHead(503, { 'retry-after': retryAfter, 'content-type': 'text/html' }).end('<p>busy</p>'));
    later(20);
    const report = await checkArticle(deps, url);
    expect(report.outcome).toBe('retry-later');
    const stored = await head(url);
    expect(stored.nextCheckAt).toMatch(/^\d{4}-/);
    expect(Date.parse(stored.nextCheckAt ?? '') - time.getTime()).toBe(MAX_RETRY_AFTER_MS);
    expect(stored.failureCount).toBe(1);
  });

  it('never aborts a multi-URL watch: the URL after a huge Retry-After is still watched', async () => {
    const busy = `${path}-busy`;
    serveAt(busy, (_, res) => res.writeHead(503, { 'retry-after': '9'.repeat(40) }).end());
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false };
    const code = await main(['watch', `${site.origin}${busy}`, `${site.origin}${path}`, ...cli], io);
    expect(err).toEqual([]);
    expect(out[0]).toContain('version 0 not taken yet: HTTP 503; will retry');
    expect(out[1]).toContain(`watching ${site.origin}${path}: version 0`);
    expect(code).toBe(0);
  });
});

describe('the watch API and a huge Retry-After', () => {
  it('answers 201 (watched, version 0 pending), not 500', async () => {
    const token = 'retry-after-test-token';
    const app = createSite(deps, { apiTokenSha256: createHash('sha256').update(token).digest('hex') });
    const busy = `${path}-busy-api`;
    serveAt(busy, (_, res) => res.writeHead(503, { 'retry-after': '9'.repeat(40) }).end());
    const response = await app({
      method: 'POST',
      path: '/api/watch',
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${site.origin}${busy}` }),
    });
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ url: `${site.origin}${busy}`, versionCount: 0 });
  });
});

/** One regular interval (15 minutes), so each simulated minute's run reads 32 lanes, not 112. */
function oneLaneConfig(): Runtime['config'] {
  return {
    ...deps.config,
    schedule: { ...deps.config.schedule, steps: [{ underMs: 365 * 24 * 60 * MINUTE, everyMs: 15 * MINUTE }], removedEveryMs: 15 * MINUTE },
  };
}

describe('poison in local mode (checkDue) never loops and never stops its host', () => {
  it('two always-failing articles back off exponentially while the healthy one of the same host is checked on its schedule', async () => {
    // A table of its own: only these three articles are ever due.
    const { endpoint, tableName } = await freshTable();
    const own = { ...createRuntime({ config: oneLaneConfig(), tableName, endpoint }), clock: deps.clock, random: deps.random };
    const watched = async (): Promise<string> => (await watchArticle(own, `${site.origin}${path}`)).article.url;
    const failing: string[] = [];
    for (const name of ['a', 'b']) {
      path = `/news/poison-${name}-${++counter}`;
      serveAt(path, page(articleHtml('Council approves budget', STORY)));
      failing.push(await watched());
      // The page is still there, behind a redirect to an address too long to watch: every check breaks.
      serveAt(path, (_, res) => res.writeHead(301, { location: `/poison-landing?q=${'b'.repeat(1100)}` }).end());
    }
    serveAt('/poison-landing', page(articleHtml('Council approves budget', STORY)));
    path = `/news/healthy-${++counter}`;
    serveAt(path, page(articleHtml('Council approves budget', STORY)));
    const healthy = await watched();
    const checkedAt = new Map<string, number[]>();
    const start = time.getTime();
    // An hour of the local loop, once a minute.
    for (let minute = 0; minute < 60; minute++) {
      later(1);
      const run = await checkDue(own);
      expect(run.errors).toEqual([]);
      for (const report of run.reports) checkedAt.set(report.url, [...(checkedAt.get(report.url) ?? []), (time.getTime() - start) / MINUTE]);
    }
    // The healthy article: every 15 minutes, on its slot.
    const healthyChecks = checkedAt.get(healthy) ?? [];
    expect(healthyChecks).toHaveLength(4);
    expect(healthyChecks.slice(1).map((at, i) => at - (healthyChecks[i] ?? 0))).toEqual([15, 15, 15]);
    for (const url of failing) {
      const times = checkedAt.get(url) ?? [];
      const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
      // Once on its slot, then retries 2, 4, 8 minutes apart, capped at the regular 15: a handful, not 60.
      expect(times.length).toBeGreaterThanOrEqual(3);
      expect(times.length).toBeLessThanOrEqual(8);
      for (let i = 1; i < gaps.length; i++) expect(gaps[i] ?? 0).toBeGreaterThanOrEqual(Math.min(gaps[i - 1] ?? 0, 15));
      expect((await own.store.getArticle(url))?.failureCount).toBe(times.length);
    }
  }, 180_000);

  it('an article whose check never completes (the store refuses its save) is leased again with growing waits, not every round', async () => {
    const { endpoint, tableName } = await freshTable();
    const base = { ...createRuntime({ config: oneLaneConfig(), tableName, endpoint }), clock: deps.clock, random: deps.random };
    path = `/news/crashing-${++counter}`;
    serveAt(path, page(articleHtml('Council approves budget', STORY)));
    const transient = await watchArticle(base, `${site.origin}${path}`);
    const url = transient.article.url;
    // A first check that failed leaves a one-off retry time: the article sits in a one-off lane.
    const stored = await base.store.getArticle(url);
    if (!stored) throw new Error('watched');
    const retrying: ArticleHead = {
      ...stored,
      failureCount: 1,
      lastError: 'HTTP 503',
      nextCheckAt: new Date(time.getTime() + MINUTE).toISOString(),
      checkEvery: null,
    };
    await base.store.saveCheck(stored, retrying);
    // Every save of this article fails as if the store were overloaded: the check ends with an error, unrecorded.
    const crashing = {
      ...base,
      store: Object.assign(Object.create(base.store) as typeof base.store, {
        saveCheck: async () => {
          throw new StoreBusyError('throttled');
        },
      }),
    };
    const attempts: number[] = [];
    const start = time.getTime();
    for (let minute = 0; minute < 160; minute += 2) {
      later(2);
      const run = await checkDue(crashing);
      if (run.errors.length > 0) attempts.push((time.getTime() - start) / MINUTE);
    }
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    // Leases of 10, 20, 40, 80 minutes: five attempts in 160 minutes instead of 160.
    expect(gaps).toEqual([10, 20, 40, 80]);
  }, 180_000);
});

describe('pages and history show the last error', () => {
  it('on the article page and in `monitor history`', async () => {
    const url = await watched();
    serveAt(path, (_, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<p>oops</p>'));
    for (let i = 0; i < 2; i++) {
      later(20);
      expect((await checkArticle(deps, url)).outcome).toBe('retry-later');
    }
    const app = createSite(deps, { apiTokenSha256: null });
    const response = await app({ method: 'GET', path: '/article', query: new URLSearchParams({ url }), headers: {}, body: '' });
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/The last check <time[^>]*>[^<]*<\/time> failed \(2 failed checks in a row\): HTTP 500/);

    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: () => {}, isTty: false };
    expect(await main(['history', url, ...cli], io)).toBe(0);
    expect(out).toContain('last check failed (2 failed checks in a row): HTTP 500');
  });
});

describe('an unreachable site is a transient failure with its cause, never "robots.txt disallows"', () => {
  async function closedOrigin(): Promise<string> {
    const server = await startServer(() => {});
    await server.close();
    return server.origin;
  }

  function capture(): { io: CliIo; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false }, out, err };
  }

  it('watch of a site that refuses connections is accepted and retried, saying why', async () => {
    const url = `${await closedOrigin()}/story`;
    const result = await watchArticle(deps, url);
    expect(result.created).toBe(true);
    expect(result.pending).toMatch(/robots\.txt could not be read: connection refused by 127\.0\.0\.1:\d+/);
    expect(result.article).toMatchObject({ failureCount: 1, versionCount: 0 });
    expect(result.pending).not.toMatch(/disallows/);
  });

  it('check of an article whose site went down: retry-later with the cause, and `monitor check` exits 1', async () => {
    const url = await watched();
    serveAt('/robots.txt', (req) => req.socket.destroy());
    try {
      later(20);
      const report = await checkArticle(freshRuntime(), url);
      expect(report).toMatchObject({ outcome: 'retry-later' });
      expect(report.reason).toMatch(/robots\.txt could not be read: 127\.0\.0\.1:\d+ closed the connection/);
      expect((await head(url)).failureCount).toBe(1);
      const { io, out } = capture();
      expect(await main(['check', url, ...cli], io)).toBe(1);
      expect(out.join('\n')).toMatch(/retry-later \(.*robots\.txt could not be read/);
    } finally {
      pages.delete('/robots.txt');
    }
  });

  it('a robots.txt that times out is a timeout, not a refusal', async () => {
    const url = await watched();
    serveAt('/robots.txt', () => {});
    try {
      later(20);
      const report = await checkArticle(freshRuntime({ timeoutMs: 300 }), url);
      expect(report.outcome).toBe('retry-later');
      expect(report.reason).toMatch(/robots\.txt could not be read: 127\.0\.0\.1:\d+ did not answer .*robots\.txt within 300 ms/);
    } finally {
      pages.delete('/robots.txt');
    }
  });
});
