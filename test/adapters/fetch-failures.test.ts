// What a fetch that fails says, and what a body that is not text becomes:
// real servers on 127.0.0.1 (plain TCP where HTTP itself is broken, TLS with a
// self-signed certificate), the real gate.
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetcher, parseRetryAfter, type HttpFetcherOptions } from '../../lambdas/adapters/http-fetcher';
import { MAX_RETRY_AFTER_MS } from '../../lambdas/domain/schedule';
import { FetchConnectionRefusedError, FetchDnsError, FetchError, FetchTimeoutError, FetchTlsError, UnsupportedContentError } from '../../lambdas/errors';
import { startServer, type LoopbackServer } from '../support/loopback-server';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LoopbackServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** A server that writes these exact bytes as its response, for headers node:http would never send. */
async function rawServer(response: Buffer | string): Promise<string> {
  const server: TcpServer = createTcpServer((socket) => {
    socket.once('data', () => socket.end(response));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function fetcher(overrides: Partial<HttpFetcherOptions> = {}) {
  return createHttpFetcher({
    userAgent: 'TestMonitor/1.0',
    timeoutMs: 5000,
    maxBytes: 1024 * 1024,
    maxRedirects: 5,
    allowPrivateNetwork: true,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A self-signed certificate for 127.0.0.1, valid for a century: the test needs a TLS server no one trusts.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1hvrrgbzZ2it1nRz
6dGxN/fECL8d1UwR7dj1/FuD2+KhRANCAARfl3t6/UDErn4Xk1Zcv6vI9jOfpt7s
CQCDJI4nPFJxhwFL24wEKBMdw59EiVE4WfQ29JrhK5ghILDdKBfkJ+hQ
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUZTLdOAH8j+pqUQcfYsvUNfxUsLwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjAxMDEzNloYDzIxMjYxMTA4
MDEwMTM2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARfl3t6/UDErn4Xk1Zcv6vI9jOfpt7sCQCDJI4nPFJxhwFL24wEKBMd
w59EiVE4WfQ29JrhK5ghILDdKBfkJ+hQo28wbTAdBgNVHQ4EFgQU/otLd4Qvxuis
uoRCC0mB135dYOQwHwYDVR0jBBgwFoAU/otLd4QvxuisuoRCC0mB135dYOQwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAMPMAF7z25BAoGQcFqMCwakNa934bCbpz+cGKjr9c/b+AiAD
DGfykMg296QmEjohuCTIMR9lvuDmqaOMah235av5sw==
-----END CERTIFICATE-----`;

describe('a failed fetch says what happened', () => {
  it('a refused connection: who refused, and worth trying again', async () => {
    const port = await closedPort();
    const error = await failure(fetcher().fetch({ url: `http://127.0.0.1:${port}/story` }));
    expect(error).toBeInstanceOf(FetchConnectionRefusedError);
    expect(error.message).toBe(`connection refused by 127.0.0.1:${port} (nothing is listening there)`);
    expect(error.transient).toBe(true);
  });

  it('a server that never answers: a timeout, worth trying again', async () => {
    const server = await serve(() => {});
    const error = await failure(fetcher({ timeoutMs: 300 }).fetch({ url: `${server.origin}/story` }));
    expect(error).toBeInstanceOf(FetchTimeoutError);
    expect(error.message).toBe(`127.0.0.1:${server.port} did not answer ${server.origin}/story within 300 ms`);
    expect(error.transient).toBe(true);
  });

  it('DNS: a name that does not exist is final; a resolver that failed is worth trying again', async () => {
    const lookup = async (hostname: string): Promise<string[]> => {
      const code = hostname === 'flaky.test' ? 'EAI_AGAIN' : 'ENOTFOUND';
      throw Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code });
    };
    const missing = await failure(fetcher({ lookup }).fetch({ url: 'http://missing.test/' }));
    expect(missing).toBeInstanceOf(FetchDnsError);
    expect(missing.message).toBe('cannot resolve missing.test: ENOTFOUND (DNS says there is no such host)');
    expect(missing.transient).toBe(false);
    const flaky = await failure(fetcher({ lookup }).fetch({ url: 'http://flaky.test/' }));
    expect(flaky.message).toBe('cannot resolve flaky.test: EAI_AGAIN (DNS lookup failed)');
    expect(flaky.transient).toBe(true);
  });

  it('TLS: a certificate nobody vouches for is a TLS error the site must fix, not a network blip', async () => {
    const server = createTlsServer({ key: TLS_KEY, cert: TLS_CERT }, (_, res) => res.end('<html>secret</html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const port = (server.address() as AddressInfo).port;
    const error = await failure(fetcher().fetch({ url: `https://127.0.0.1:${port}/story` }));
    expect(error).toBeInstanceOf(FetchTlsError);
    expect(error.message).toMatch(new RegExp(`^TLS error with 127\\.0\\.0\\.1:${port}: [A-Z_]+`));
    expect(error.transient).toBe(false);
  });
});

describe('Retry-After: honoured up to a day, never a throw', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it.each([
    ['120', 120_000],
    ['86400', MAX_RETRY_AFTER_MS],
    ['300000000000', MAX_RETRY_AFTER_MS],
    ['8600000000000', MAX_RETRY_AFTER_MS],
    ['9'.repeat(400), MAX_RETRY_AFTER_MS],
    ['Fri, 31 Dec 9999 23:59:59 GMT', MAX_RETRY_AFTER_MS],
    ['Sat, 21 Nov 2026 13:00:00 GMT', 3_600_000],
    ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['soon', null],
  ])('Retry-After: %s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('reaches the check capped, from a real server', async () => {
    const server = await serve((_, res) => res.writeHead(503, { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }).end());
    expect(await fetcher().fetch({ url: server.origin })).toMatchObject({ kind: 'http-error', status: 503, retryAfterMs: MAX_RETRY_AFTER_MS });
  });
});

describe('content is sniffed when the type is missing or wrong', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
  // Bytes like a JPEG's or a ZIP's insides, but with no signature to give them away.
  const noise = Buffer.from(Array.from({ length: 8000 }, (_, i) => (i * 7919 + 13) % 256));
  const page = '<!doctype html><html><head><title>A page</title></head><body><p>Words.</p></body></html>';

  async function answer(headers: Record<string, string>, body: Buffer | string) {
    const server = await serve((_, res) => {
      res.removeHeader('content-type');
      res.writeHead(200, headers).end(body);
    });
    return fetcher().fetch({ url: server.origin });
  }

  it('refuses a PNG sent with no Content-Type, saying what it is', async () => {
    const error = await failure(answer({}, png));
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(error.message).toMatch(/is a PNG image \(served with no Content-Type\)/);
  });

  it('refuses binary bytes with no signature and no Content-Type (they would decode to thousands of U+FFFD)', async () => {
    const error = await failure(answer({}, noise));
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(error.message).toMatch(/is binary data \(served with no Content-Type\)/);
  });

  it('refuses a PDF that claims to be text/html', async () => {
    const error = await failure(answer({ 'content-type': 'text/html' }, Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1')));
    expect(error.message).toMatch(/is a PDF document \(served as "text\/html"\)/);
  });

  it('reads a page sent with no type, or as application/octet-stream, as the page it is', async () => {
    for (const headers of [{}, { 'content-type': 'application/octet-stream' }] as Array<Record<string, string>>) {
      const outcome = await answer(headers, page);
      expect(outcome.kind === 'ok' && outcome.body).toBe(page);
    }
  });

  it('reads UTF-16 text with its byte-order mark, zero bytes and all', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
    const outcome = await answer({ 'content-type': 'text/html' }, utf16);
    expect(outcome.kind === 'ok' && outcome.body.replace(/^\uFEFF/, '')).toBe(page);
  });
});

describe("a stranger's header never carries control characters into a message", () => {
  // The HTTP parser refuses C0 controls (ESC) in a header; a Latin-1 byte 0x9B passes it as U+009B, CSI to many terminals.
  it('in a Content-Type carrying a C1 control (CSI)', async () => {
    const origin = await rawServer(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/\x9b2Jx\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi', 'latin1'));
    const error = await failure(fetcher().fetch({ url: origin }));
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect(error.message).toContain('"image/\\u009b2jx"');
    expect(error.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('in a Location that is no URL', async () => {
    const origin = await rawServer(Buffer.from('HTTP/1.1 302 Found\r\nLocation: http://[\x9b2J\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'latin1'));
    const error = await failure(fetcher().fetch({ url: origin }));
    expect(error.message).toContain('\\u009b');
    expect(error.message).not.toMatch(/[\u007f-\u009f]/);
  });
});
