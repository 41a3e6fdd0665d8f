// Connection reuse in the fetch gate, seen from a real server on 127.0.0.1:
// how many TCP connections it was opened, and what each request was answered.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetcher, type HttpFetcherOptions } from '../../lambdas/adapters/http-fetcher';
import { FetchConnectionRefusedError } from '../../lambdas/errors';
import type { Fetcher } from '../../lambdas/ports';
import { TEST_FETCHER_OPTIONS } from '../support/test-fetcher';

interface CountingServer {
  port: number;
  origin: string;
  /** TCP connections accepted, in order. */
  connections: Socket[];
  /** Connections the other side has closed. */
  closed: Socket[];
  close(): Promise<void>;
}

const servers: CountingServer[] = [];
const fetchers: Fetcher[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  // A child that failed to exit would otherwise outlive the run.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill();
  await Promise.all(fetchers.splice(0).map((fetcher) => fetcher.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<CountingServer> {
  const connections: Socket[] = [];
  const closed: Socket[] = [];
  const server = createServer(handler);
  // Far longer than any test may take: a connection that ends does so because the fetcher let it go.
  server.keepAliveTimeout = 10 * 60_000;
  server.on('connection', (socket: Socket) => {
    connections.push(socket);
    socket.on('close', () => closed.push(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const counting: CountingServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    connections,
    closed,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(counting);
  return counting;
}

function fetcher(overrides: Partial<HttpFetcherOptions> = {}): Fetcher {
  const made = createHttpFetcher({ ...TEST_FETCHER_OPTIONS, ...overrides });
  fetchers.push(made);
  return made;
}

function page(body: string) {
  return (_: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

describe('kept connections: reuse', () => {
  it('sends fetches of one origin in a row over one connection', async () => {
    const server = await serve((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`page ${req.url}`));
    const gate = fetcher();
    for (const path of ['/a', '/b', '/c']) {
      await expect(gate.fetch({ url: `${server.origin}${path}` })).resolves.toMatchObject({ kind: 'ok', body: `page ${path}` });
    }
    expect(server.connections).toHaveLength(1);
  });

  it('never sends a request over a connection dialled to another address than the one just checked', async () => {
    const server = await serve(page('the checked server'));
    const answers = [['127.0.0.1'], ['127.0.0.2'], ['127.0.0.1']];
    const gate = fetcher({ lookup: async () => answers.shift() ?? [] });
    const url = `http://news.test:${server.port}/story`;
    await expect(gate.fetch({ url })).resolves.toMatchObject({ kind: 'ok', body: 'the checked server' });
    // Nothing listens on 127.0.0.2: riding the kept connection to 127.0.0.1 would have answered instead.
    await expect(gate.fetch({ url })).rejects.toBeInstanceOf(FetchConnectionRefusedError);
    await expect(gate.fetch({ url })).resolves.toMatchObject({ kind: 'ok', body: 'the checked server' });
    expect(server.connections).toHaveLength(1);
  });

  it('keeps the connection past responses whose bodies were not read: a redirect, a 500, a 304', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/new', 'content-type': 'text/html' }).end('<p>moved to /new</p>');
      else if (req.url === '/broken') res.writeHead(500, { 'content-type': 'text/html' }).end(`<p>${'server error '.repeat(200)}</p>`);
      else if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end(`the page at ${req.url}`);
    });
    const gate = fetcher();
    await expect(gate.fetch({ url: `${server.origin}/old` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /new' });
    await expect(gate.fetch({ url: `${server.origin}/broken` })).resolves.toMatchObject({ kind: 'http-error', status: 500 });
    await expect(gate.fetch({ url: `${server.origin}/new`, etag: '"v1"' })).resolves.toMatchObject({ kind: 'not-modified' });
    await expect(gate.fetch({ url: `${server.origin}/next` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /next' });
    expect(server.connections).toHaveLength(1);
  });

  it('closes the connection behind a large unread body, and the next fetch gets a clean one', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/huge-error') {
        res.writeHead(500, { 'content-type': 'text/html' });
        // Larger than is worth reading to keep a connection, and sent slowly enough to still be arriving.
        const chunk = Buffer.alloc(32 * 1024, 'x');
        let sent = 0;
        const pump = setInterval(() => {
          if (res.destroyed || sent++ >= 40) {
            clearInterval(pump);
            res.end();
          } else res.write(chunk);
        }, 5);
      } else res.writeHead(200, { 'content-type': 'text/html' }).end(`the page at ${req.url}`);
    });
    const gate = fetcher();
    await expect(gate.fetch({ url: `${server.origin}/first` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /first' });
    await expect(gate.fetch({ url: `${server.origin}/huge-error` })).resolves.toMatchObject({ kind: 'http-error', status: 500 });
    await expect(gate.fetch({ url: `${server.origin}/after` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /after' });
    await expect(gate.fetch({ url: `${server.origin}/again` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /again' });
    expect(server.connections).toHaveLength(2);
    await until(() => server.closed.length === 1);
    expect(server.closed[0]).toBe(server.connections[0]);
  });

  it('sends the request again on a new connection when the server drops a kept one as it is reused', async () => {
    const servedOn = new Set<Socket>();
    let droppedOnReuse = 0;
    const server = await serve((req, res) => {
      if (servedOn.has(req.socket) && req.url === '/second') {
        droppedOnReuse++;
        req.socket.destroy();
        return;
      }
      servedOn.add(req.socket);
      res.writeHead(200, { 'content-type': 'text/html' }).end(`the page at ${req.url}`);
    });
    const gate = fetcher();
    await expect(gate.fetch({ url: `${server.origin}/first` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /first' });
    await expect(gate.fetch({ url: `${server.origin}/second` })).resolves.toMatchObject({ kind: 'ok', body: 'the page at /second' });
    expect(droppedOnReuse).toBe(1);
    expect(server.connections).toHaveLength(2);
  });
});

describe('kept connections: bounds', () => {
  it('closes a connection left idle past the idle timeout instead of reusing it', async () => {
    const server = await serve(page('the page'));
    const gate = fetcher({ idleConnectionMs: 150 });
    await gate.fetch({ url: `${server.origin}/a` });
    await gate.fetch({ url: `${server.origin}/b` });
    expect(server.connections).toHaveLength(1);
    await until(() => server.closed.length === 1);
    await expect(gate.fetch({ url: `${server.origin}/c` })).resolves.toMatchObject({ kind: 'ok', body: 'the page' });
    expect(server.connections).toHaveLength(2);
  });

  it('holds at most maxIdleConnections, closing the least recently used first', async () => {
    const first = await serve(page('first'));
    const second = await serve(page('second'));
    const gate = fetcher({ maxIdleConnections: 1 });
    await gate.fetch({ url: `${first.origin}/` });
    await gate.fetch({ url: `${second.origin}/` });
    await until(() => first.closed.length === 1);
    await gate.fetch({ url: `${second.origin}/` });
    await gate.fetch({ url: `${first.origin}/` });
    expect(second.connections).toHaveLength(1);
    expect(first.connections).toHaveLength(2);
  });

  it('close() closes every kept connection', async () => {
    const server = await serve(page('the page'));
    const gate = fetcher();
    await gate.fetch({ url: `${server.origin}/a` });
    await gate.fetch({ url: `${server.origin}/b` });
    expect(server.connections).toHaveLength(1);
    await gate.close();
    await until(() => server.closed.length === 1);
  });
});

describe('kept connections: a process that fetched exits', () => {
  it('exits on its own with a connection kept and never closed, however long it may idle', async () => {
    const server = await serve(page('the page'));
    const dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const script = join(dir, 'fetch-twice.mts');
    const fetcherModule = pathToFileURL(resolve('lambdas/adapters/http-fetcher.ts')).href;
    writeFileSync(
      script,
      `import { createHttpFetcher } from ${JSON.stringify(fetcherModule)};
const gate = createHttpFetcher({ userAgent: 'TestMonitor/1.0', timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5, allowPrivateNetwork: true, idleConnectionMs: 600000 });
for (const path of ['/a', '/b']) console.log((await gate.fetch({ url: ${JSON.stringify(server.origin)} + path })).kind);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    // A kept socket or timer that held the event loop would keep it running for the ten idle minutes, past the test's timeout.
    const [code] = (await once(child, 'exit')) as [number | null];
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stdout).toBe('ok\nok\n');
    expect(server.connections).toHaveLength(1);
  });
});

describe('kept connections: the CLI', () => {
  it('exits as soon as its fetches are done, though the server would keep their connection open', async () => {
    const article = `<html><head><title>Kept</title></head><body><article><p>${'Words of the story. '.repeat(20)}</p></article></body></html>`;
    const server = await serve(page(article));
    const child = spawn(process.execPath, ['bin/monitor.mjs', 'extract', `${server.origin}/one`, `${server.origin}/two`, '--allow-private-network'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stdout).toContain('Kept');
    // Both pages over one connection, which the server (keep-alive 10 min) did not close: the CLI let it go.
    expect(server.connections).toHaveLength(1);
  });
});
