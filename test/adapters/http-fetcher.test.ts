import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetcher, type HttpFetcherOptions } from '../../lambdas/adapters/http-fetcher';
import {
  FetchNetworkError,
  FetchRefusedError,
  FetchTimeoutError,
  ResponseTooLargeError,
  TooManyRedirectsError,
  UnsupportedContentError,
} from '../../lambdas/errors';
import { startServer, type LoopbackServer } from '../support/loopback-server';
import { TEST_FETCHER_OPTIONS } from '../support/test-fetcher';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LoopbackServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function fetcher(overrides: Partial<HttpFetcherOptions> = {}) {
  return createHttpFetcher({ ...TEST_FETCHER_OPTIONS, ...overrides });
}

/** Names that resolve as the test says, never through real DNS. */
function fixedLookup(answers: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return { lookup, calls };
}

describe('createHttpFetcher: responses', () => {
  it('returns the page with its validators and sends the User-Agent and Accept headers', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 10:00:00 GMT' });
      res.end('<h1>Grüße</h1>');
    });
    const outcome = await fetcher().fetch({ url: `${server.origin}/story` });
    expect(outcome).toEqual({
      kind: 'ok',
      status: 200,
      finalUrl: `${server.origin}/story`,
      contentType: 'text/html; charset=utf-8',
      body: '<h1>Grüße</h1>',
      // As received, for the page signature, which is checked without decoding.
      bytes: Buffer.from('<h1>Grüße</h1>', 'utf8'),
      etag: '"v1"',
      lastModified: 'Wed, 01 May 2024 10:00:00 GMT',
    });
    expect(server.requests[0]?.headers['user-agent']).toBe('TestMonitor/1.0 (+https://example.org/bot)');
    expect(server.requests[0]?.headers.accept).toContain('text/html');
  });

  it('sends the stored ETag and Last-Modified and reports not-modified on 304', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Wed, 01 May 2024 10:00:00 GMT') {
        res.writeHead(304).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('changed');
      }
    });
    const outcome = await fetcher().fetch({ url: `${server.origin}/a`, etag: '"v1"', lastModified: 'Wed, 01 May 2024 10:00:00 GMT' });
    expect(outcome).toEqual({ kind: 'not-modified', finalUrl: `${server.origin}/a` });
    const unconditional = await fetcher().fetch({ url: `${server.origin}/a` });
    expect(unconditional.kind).toBe('ok');
    expect(server.requests[1]?.headers['if-none-match']).toBeUndefined();
  });

  it('reports error statuses with Retry-After in seconds or as a date', async () => {
    const inAnHour = new Date(Date.now() + 3600_000).toUTCString();
    const server = await serve((req, res) => {
      if (req.url === '/busy') res.writeHead(503, { 'retry-after': '120' }).end();
      else if (req.url === '/slow-down') res.writeHead(429, { 'retry-after': inAnHour }).end();
      else res.writeHead(404, { 'content-type': 'text/html' }).end('gone');
    });
    expect(await fetcher().fetch({ url: `${server.origin}/busy` })).toEqual({
      kind: 'http-error',
      status: 503,
      finalUrl: `${server.origin}/busy`,
      retryAfterMs: 120_000,
    });
    const limited = await fetcher().fetch({ url: `${server.origin}/slow-down` });
    expect(limited.kind === 'http-error' && limited.status).toBe(429);
    const wait = limited.kind === 'http-error' ? limited.retryAfterMs : null;
    expect(wait).toBeGreaterThan(3_000_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
    expect(await fetcher().fetch({ url: `${server.origin}/missing` })).toMatchObject({ kind: 'http-error', status: 404, retryAfterMs: null });
  });

  it('treats a redirect status without a Location as an error status', async () => {
    const server = await serve((_, res) => res.writeHead(302).end());
    expect(await fetcher().fetch({ url: `${server.origin}/x` })).toMatchObject({ kind: 'http-error', status: 302 });
  });

  it('refuses images, PDFs and binary downloads with a clear error', async () => {
    const server = await serve((req, res) => {
      const type = { '/img': 'image/png', '/pdf': 'application/pdf', '/bin': 'application/octet-stream' }[req.url ?? ''];
      res.writeHead(200, { 'content-type': type ?? 'text/plain' }).end('%PDF-1.7');
    });
    for (const [path, type] of [
      ['/img', 'image/png'],
      ['/pdf', 'application/pdf'],
      ['/bin', 'application/octet-stream'],
    ]) {
      const error = await fetcher()
        .fetch({ url: `${server.origin}${path}` })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedContentError);
      expect((error as Error).message).toContain(type);
    }
  });

  it('accepts feeds, sitemaps and JSON by their content types', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': decodeURIComponent(req.url?.slice(1) ?? '') }).end('<rss/>');
    });
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'application/json', 'text/plain']) {
      const outcome = await fetcher().fetch({ url: `${server.origin}/${encodeURIComponent(type)}` });
      expect(outcome.kind === 'ok' && outcome.body).toBe('<rss/>');
    }
  });
});

describe('createHttpFetcher: character sets and encodings', () => {
  const quoteWin1252 = Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]); // “café”

  it('decodes with the charset from Content-Type', async () => {
    const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(quoteWin1252));
    const outcome = await fetcher().fetch({ url: server.origin });
    expect(outcome.kind === 'ok' && outcome.body).toBe('“café”');
  });

  it('decodes with <meta charset> or the XML declaration when the header names none', async () => {
    const server = await serve((req, res) => {
      const head =
        req.url === '/xml'
          ? Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>')
          : Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><p>');
      res.writeHead(200, { 'content-type': req.url === '/xml' ? 'application/xml' : 'text/html' }).end(Buffer.concat([head, Buffer.from([0x92, 0xe9])]));
    });
    const html = await fetcher().fetch({ url: `${server.origin}/html` });
    expect(html.kind === 'ok' && html.body.endsWith('<p>’é')).toBe(true);
    const xml = await fetcher().fetch({ url: `${server.origin}/xml` });
    expect(xml.kind === 'ok' && xml.body.endsWith('<t>’é')).toBe(true);
  });

  it('falls back to UTF-8 for unknown or missing charsets', async () => {
    const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=klingon' }).end('naïve'));
    const outcome = await fetcher().fetch({ url: server.origin });
    expect(outcome.kind === 'ok' && outcome.body).toBe('naïve');
  });

  it('decompresses gzip bodies', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync('<p>compressed</p>'));
    });
    const outcome = await fetcher().fetch({ url: server.origin });
    expect(outcome.kind === 'ok' && outcome.body).toBe('<p>compressed</p>');
    expect(server.requests[0]?.headers['accept-encoding']).toContain('gzip');
  });

  it('caps the decompressed size, so a small gzip bomb is stopped', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb));
    await expect(fetcher({ maxBytes: 1024 * 1024 }).fetch({ url: server.origin })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('refuses a content encoding it cannot decode', async () => {
    const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }).end('x'));
    await expect(fetcher().fetch({ url: server.origin })).rejects.toThrow(/content encoding "zstd"/);
  });
});

describe('createHttpFetcher: refused URLs', () => {
  it.each(['file:///etc/passwd', 'ftp://example.com/file', 'javascript:alert(1)', 'data:text/html,<p>hi</p>'])('refuses %s', async (url) => {
    const error = await fetcher()
      .fetch({ url })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toMatch(/only http and https/);
  });

  it('refuses a string that is not a URL', async () => {
    await expect(fetcher().fetch({ url: 'not a url' })).rejects.toBeInstanceOf(FetchRefusedError);
  });

  it('refuses credentials in the URL without sending anything', async () => {
    const server = await serve((_, res) => res.end('secret'));
    const error = await fetcher()
      .fetch({ url: `http://user:pw@127.0.0.1:${server.port}/` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toMatch(/credentials/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a loopback address literal, and says how to permit it', async () => {
    const server = await serve((_, res) => res.end('local'));
    const strict = fetcher({ allowPrivateNetwork: false });
    const error = await strict.fetch({ url: `${server.origin}/` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe('refused: 127.0.0.1 is a loopback address (use --allow-private-network to permit it)');
    // The URL parser's odd spellings of 127.0.0.1 are caught too.
    await expect(strict.fetch({ url: `http://2130706433:${server.port}/` })).rejects.toBeInstanceOf(FetchRefusedError);
    await expect(strict.fetch({ url: `http://0x7f.1:${server.port}/` })).rejects.toBeInstanceOf(FetchRefusedError);
    await expect(strict.fetch({ url: `http://[::ffff:127.0.0.1]:${server.port}/` })).rejects.toBeInstanceOf(FetchRefusedError);
    expect(server.requests).toHaveLength(0);
  });

  const refused: Array<[string, string]> = [
    ['127.0.0.1', 'a loopback address'],
    ['10.1.2.3', 'a private-network address'],
    ['172.16.5.4', 'a private-network address'],
    ['192.168.0.10', 'a private-network address'],
    ['169.254.169.254', 'a cloud metadata service address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['::1', 'a loopback address'],
    ['fc00::1', 'a private-network address'],
    ['fe80::1', 'a link-local address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['0.0.0.0', 'an unspecified ("this host") address'],
  ];
  it.each(refused)('refuses a name that resolves to %s', async (address, description) => {
    const { lookup } = fixedLookup({ 'news.test': [address] });
    const error = await fetcher({ allowPrivateNetwork: false, lookup })
      .fetch({ url: 'http://news.test/story' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toBe(`refused: news.test resolves to ${address}, which is ${description} (use --allow-private-network to permit it)`);
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const { lookup } = fixedLookup({ 'news.test': ['93.184.216.34', '10.0.0.8'] });
    await expect(fetcher({ allowPrivateNetwork: false, lookup }).fetch({ url: 'http://news.test/' })).rejects.toThrow(/10\.0\.0\.8/);
  });

  it('refuses a lookup answer that is not an address, even when private networks or that answer are allowed', async () => {
    const { lookup } = fixedLookup({ 'news.test': ['evil.example'] });
    const lenient = fetcher({ allowPrivateNetwork: true, allowAddresses: ['evil.example'], lookup });
    await expect(lenient.fetch({ url: 'http://news.test/' })).rejects.toThrow('refused: news.test resolves to evil.example, which is not an IP address');
  });
});

describe('createHttpFetcher: redirects', () => {
  it('follows relative and absolute redirects and reports the final URL', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(302, { location: `http://127.0.0.1:${(req.socket.address() as AddressInfo).port}/c?x=1` }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(`at ${req.url}`);
    });
    const outcome = await fetcher().fetch({ url: `${server.origin}/a` });
    expect(outcome).toMatchObject({ kind: 'ok', finalUrl: `${server.origin}/c?x=1`, body: 'at /c?x=1' });
  });

  it('stops after the redirect cap, and allows exactly the cap', async () => {
    const server = await serve((req, res) => {
      const step = Number(req.url?.slice(1));
      if (step < 100 && req.url !== '/3') res.writeHead(307, { location: `/${step + 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('landed');
    });
    expect(await fetcher({ maxRedirects: 3 }).fetch({ url: `${server.origin}/0` })).toMatchObject({ kind: 'ok', body: 'landed' });
    server.requests.length = 0;
    const error = await fetcher({ maxRedirects: 3 })
      .fetch({ url: `${server.origin}/10` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRedirectsError);
    expect(server.requests.map((r) => r.path)).toEqual(['/10', '/11', '/12', '/13']);
  });

  it('re-checks every hop: a redirect from an allowed host to a private one is refused at that hop', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `http://internal.test:${(req.socket.address() as AddressInfo).port}/admin` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('internal data');
    });
    const { lookup } = fixedLookup({ 'good.test': ['127.0.0.1'], 'internal.test': ['127.0.0.2'] });
    const gate = fetcher({ allowPrivateNetwork: false, allowAddresses: ['127.0.0.1'], lookup });
    const error = await gate.fetch({ url: `http://good.test:${server.port}/start` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toContain('internal.test resolves to 127.0.0.2, which is a loopback address');
    expect(server.requests.map((r) => r.path)).toEqual(['/start']);
  });

  it('refuses a redirect to another scheme or to credentials', async () => {
    const server = await serve((req, res) => {
      const location = req.url === '/file' ? 'file:///etc/passwd' : 'http://admin:admin@127.0.0.1/';
      res.writeHead(302, { location }).end();
    });
    await expect(fetcher().fetch({ url: `${server.origin}/file` })).rejects.toThrow(/redirect from .*only http and https/);
    await expect(fetcher().fetch({ url: `${server.origin}/creds` })).rejects.toThrow(/redirect from .*credentials/);
  });
});

describe('createHttpFetcher: connects to the checked address', () => {
  it('dials the address it checked, not a second DNS answer (rebinding)', async () => {
    const server = await serve((_, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('the checked server'));
    let lookups = 0;
    // First answer passes the gate; any later answer points somewhere the gate never saw.
    const lookup = async () => (lookups++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']);
    const gate = fetcher({ allowPrivateNetwork: false, allowAddresses: ['127.0.0.1'], lookup });
    const outcome = await gate.fetch({ url: `http://rebind.test:${server.port}/page` });
    expect(outcome).toMatchObject({ kind: 'ok', body: 'the checked server', finalUrl: `http://rebind.test:${server.port}/page` });
    expect(lookups).toBe(1);
    expect(server.requests[0]?.headers.host).toBe(`rebind.test:${server.port}`);
  });
});

describe('createHttpFetcher: caps and failures', () => {
  it('stops reading a body that never ends at the size cap', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    const error = await fetcher({ maxBytes: 256 * 1024 })
      .fetch({ url: server.origin })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toContain('262144-byte limit');
  });

  it('refuses up front a body whose Content-Length is over the cap', async () => {
    // The server stalls after the headers: only the declared length can end this quickly, not the timeout.
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<html>');
    });
    await expect(fetcher({ maxBytes: 1024 * 1024, timeoutMs: 20_000 }).fetch({ url: server.origin })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('times out a body that never finishes', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><p>start');
    });
    const error = await fetcher({ timeoutMs: 300 })
      .fetch({ url: server.origin })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchTimeoutError);
    expect((error as FetchTimeoutError).transient).toBe(true);
  });

  it('times out a server that never answers', async () => {
    const server = await serve(() => {});
    await expect(fetcher({ timeoutMs: 300 }).fetch({ url: server.origin })).rejects.toBeInstanceOf(FetchTimeoutError);
  });

  it('times out a body that trickles in under any per-read timeout', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    await expect(fetcher({ timeoutMs: 400 }).fetch({ url: server.origin })).rejects.toBeInstanceOf(FetchTimeoutError);
  });

  it('times out a name lookup that never answers', async () => {
    const lookup = () => new Promise<string[]>(() => {});
    await expect(fetcher({ timeoutMs: 200, lookup }).fetch({ url: 'http://stuck.test/' })).rejects.toBeInstanceOf(FetchTimeoutError);
  });

  it('reports a refused connection as a transient network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await fetcher()
      .fetch({ url: `http://127.0.0.1:${port}/` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchNetworkError);
    expect((error as FetchNetworkError).transient).toBe(true);
  });

  it('reports a reset connection as a transient network error', async () => {
    const server = await serve((req) => req.socket.destroy());
    await expect(fetcher().fetch({ url: server.origin })).rejects.toBeInstanceOf(FetchNetworkError);
  });

  it('reports a name that does not resolve as a network error', async () => {
    const { lookup } = fixedLookup({ 'empty.test': [] });
    const gate = fetcher({ lookup });
    await expect(gate.fetch({ url: 'http://missing.test/' })).rejects.toThrow(/cannot resolve missing\.test: ENOTFOUND/);
    await expect(gate.fetch({ url: 'http://empty.test/' })).rejects.toBeInstanceOf(FetchNetworkError);
  });
});
