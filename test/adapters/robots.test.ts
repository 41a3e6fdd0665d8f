import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetcher } from '../../lambdas/adapters/http-fetcher';
import { createRobotsPolicy } from '../../lambdas/adapters/robots';
import { FetchRefusedError, InvalidUrlError, RobotsUnavailableError } from '../../lambdas/errors';
import { startServer, type LoopbackServer } from '../support/loopback-server';

const USER_AGENT = 'TestMonitor/1.0 (+https://example.org/bot)';
const MINUTE = 60_000;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A site whose robots.txt answer the test can change between fetches. */
async function site(initial: { status: number; body?: string }) {
  const robots = { ...initial };
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body ?? '');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('page');
  });
  servers.push(server);
  const robotsFetches = () => server.requests.filter((r) => r.path === '/robots.txt').length;
  return { server, robots, robotsFetches };
}

function policy(options: { now?: () => number; cacheMs?: number } = {}) {
  const fetcher = createHttpFetcher({ userAgent: USER_AGENT, timeoutMs: 5000, maxBytes: 512 * 1024, maxRedirects: 5, allowPrivateNetwork: true });
  return createRobotsPolicy(fetcher, USER_AGENT, options);
}

const RULES = [
  'User-agent: OtherBot',
  'Disallow: /',
  '',
  'User-agent: TestMonitor',
  'Disallow: /private',
  'Allow: /private/open',
  'Crawl-delay: 2',
  '',
  'User-agent: *',
  'Disallow: /news',
].join('\n');

describe('createRobotsPolicy', () => {
  it('applies the group for its own product token, not the full User-Agent or the * group', async () => {
    const { server } = await site({ status: 200, body: RULES });
    const robots = policy();
    expect(await robots.isAllowed(`${server.origin}/private/report`)).toBe(false);
    expect(await robots.isAllowed(`${server.origin}/private/open/page`)).toBe(true);
    expect(await robots.isAllowed(`${server.origin}/news/2024/story`)).toBe(true);
    expect(await robots.crawlDelayMs(`${server.origin}/news/2024/story`)).toBe(2000);
  });

  it('falls back to the * group when no group names it', async () => {
    const { server } = await site({ status: 200, body: 'User-agent: *\nDisallow: /news\n' });
    const robots = policy();
    expect(await robots.isAllowed(`${server.origin}/news/1`)).toBe(false);
    expect(await robots.isAllowed(`${server.origin}/about`)).toBe(true);
    expect(await robots.crawlDelayMs(`${server.origin}/about`)).toBeNull();
  });

  it('reads robots.txt once per origin until the cache period ends', async () => {
    let now = 0;
    const { server, robots: answer, robotsFetches } = await site({ status: 200, body: 'User-agent: *\nDisallow: /a\n' });
    const robots = policy({ now: () => now, cacheMs: 60 * MINUTE });
    await Promise.all([robots.isAllowed(`${server.origin}/a`), robots.isAllowed(`${server.origin}/b`), robots.crawlDelayMs(`${server.origin}/c`)]);
    expect(robotsFetches()).toBe(1);
    answer.body = 'User-agent: *\nDisallow: /b\n';
    now = 59 * MINUTE;
    expect(await robots.isAllowed(`${server.origin}/b`)).toBe(true);
    now = 61 * MINUTE;
    expect(await robots.isAllowed(`${server.origin}/b`)).toBe(false);
    expect(robotsFetches()).toBe(2);
  });

  it('keeps origins apart', async () => {
    const blocked = await site({ status: 200, body: 'User-agent: *\nDisallow: /\n' });
    const open = await site({ status: 404 });
    const robots = policy();
    expect(await robots.isAllowed(`${blocked.server.origin}/x`)).toBe(false);
    expect(await robots.isAllowed(`${open.server.origin}/x`)).toBe(true);
  });

  it.each([404, 401, 403, 410])('allows everything when robots.txt answers %i', async (status) => {
    const { server } = await site({ status, body: 'User-agent: *\nDisallow: /\n' });
    const robots = policy();
    expect(await robots.isAllowed(`${server.origin}/story`)).toBe(true);
    expect(await robots.crawlDelayMs(`${server.origin}/story`)).toBeNull();
  });

  it.each([500, 503, 429])(
    'fetches nothing of the site for a while when robots.txt answers %i, says so as a transient failure, then asks again',
    async (status) => {
      let now = 0;
      const { server, robots: answer, robotsFetches } = await site({ status });
      const robots = policy({ now: () => now, cacheMs: 24 * 60 * MINUTE });
      const error = await robots.isAllowed(`${server.origin}/story`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RobotsUnavailableError);
      expect((error as RobotsUnavailableError).transient).toBe(true);
      expect((error as Error).message).toContain(`HTTP ${status}`);
      await expect(robots.crawlDelayMs(`${server.origin}/story`)).rejects.toBeInstanceOf(RobotsUnavailableError);
      answer.status = 200;
      answer.body = '';
      now = 5 * MINUTE;
      await expect(robots.isAllowed(`${server.origin}/story`)).rejects.toBeInstanceOf(RobotsUnavailableError);
      now = 11 * MINUTE;
      expect(await robots.isAllowed(`${server.origin}/story`)).toBe(true);
      expect(robotsFetches()).toBe(2);
    },
  );

  it('fetches nothing of a site that cannot be reached, and says it was unreachable, not that robots.txt said no', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await policy()
      .isAllowed(`http://127.0.0.1:${port}/story`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RobotsUnavailableError);
    expect((error as RobotsUnavailableError).transient).toBe(true);
    expect((error as Error).message).toMatch(/connection refused by 127\.0\.0\.1:\d+/);
  });

  it("passes on the fetch gate's refusal of a site, so the user learns why", async () => {
    const strictFetcher = createHttpFetcher({ userAgent: USER_AGENT, timeoutMs: 5000, maxBytes: 1024, maxRedirects: 5, allowPrivateNetwork: false });
    await expect(createRobotsPolicy(strictFetcher, USER_AGENT).isAllowed('http://127.0.0.1:9/story')).rejects.toBeInstanceOf(FetchRefusedError);
  });

  it('keeps the last good rules while the server fails', async () => {
    let now = 0;
    const { server, robots: answer } = await site({ status: 200, body: 'User-agent: *\nDisallow: /private\n' });
    const robots = policy({ now: () => now, cacheMs: 60 * MINUTE });
    expect(await robots.isAllowed(`${server.origin}/story`)).toBe(true);
    answer.status = 503;
    now = 2 * 60 * MINUTE;
    expect(await robots.isAllowed(`${server.origin}/story`)).toBe(true);
    expect(await robots.isAllowed(`${server.origin}/private/x`)).toBe(false);
  });

  it('rejects a URL it cannot apply robots.txt to, without fetching anything', async () => {
    const { robotsFetches } = await site({ status: 200 });
    const robots = policy();
    await expect(robots.isAllowed('not a url')).rejects.toBeInstanceOf(InvalidUrlError);
    await expect(robots.crawlDelayMs('ftp://example.com/file')).rejects.toBeInstanceOf(InvalidUrlError);
    expect(robotsFetches()).toBe(0);
  });
});
