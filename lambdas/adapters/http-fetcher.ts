// The one gate every fetch goes through. URLs come from strangers (feeds,
// front pages, redirects), so each hop is checked before anything is sent:
// scheme, credentials, and every address the name resolves to. The socket is
// then dialled to the very address that was checked, so a second DNS answer
// (rebinding) can never steer the connection somewhere private.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Client, buildConnector, errors as undiciErrors } from 'undici';
import type { FetchOutcome, FetchRequest, Fetcher } from '../ports';
import {
  FetchError,
  FetchNetworkError,
  FetchRefusedError,
  FetchTimeoutError,
  ResponseTooLargeError,
  TooManyRedirectsError,
  UnsupportedContentError,
} from '../errors';
import { classifyAddress, describeAddressKind } from './address-policy';
import { decodeText } from './decode-text';

export interface HttpFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateNetwork: boolean;
  /** for tests: resolve names here instead of DNS */
  lookup?: (hostname: string) => Promise<string[]>;
  /**
   * Exact addresses let through although they are not public, while every
   * other non-public address stays refused. Tests use it to reach a loopback
   * server and still see the gate refuse the next hop.
   */
  allowAddresses?: readonly string[];
}

const ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,text/*;q=0.8,*/*;q=0.1';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PRIVATE_HINT = '(use --allow-private-network to permit it)';

export function createHttpFetcher(options: HttpFetcherOptions): Fetcher {
  const gate = new AddressGate(options);
  return { fetch: (request) => fetchThroughGate(request, options, gate) };
}

class AddressGate {
  private readonly resolve: (hostname: string) => Promise<string[]>;
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly options: HttpFetcherOptions) {
    this.resolve = options.lookup ?? systemLookup;
    this.allowed = new Set(options.allowAddresses ?? []);
  }

  /** The address to dial for this URL, after every address the name has was found acceptable. */
  async checkedAddress(url: URL, signal: AbortSignal): Promise<string> {
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(hostname)) {
      this.refuseUnlessAllowed(hostname, `${hostname} is`);
      return hostname;
    }
    let addresses: string[];
    try {
      addresses = await abortable(this.resolve(hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FetchNetworkError(`cannot resolve ${hostname}: ${errorText(error)}`, { cause: error });
    }
    if (addresses.length === 0) throw new FetchNetworkError(`cannot resolve ${hostname}: no addresses`);
    // One bad answer refuses the host: which answer a later lookup picks is the attacker's choice.
    for (const address of addresses) this.refuseUnlessAllowed(address, `${hostname} resolves to ${address}, which is`);
    return addresses[0] as string;
  }

  private refuseUnlessAllowed(address: string, subject: string): void {
    const kind = classifyAddress(address);
    // Checked first, even against the allow-list: a name handed to the socket would be resolved again, unchecked.
    if (kind === 'not-an-ip') throw new FetchRefusedError(`refused: ${subject} not an IP address`);
    if (kind === 'public' || this.allowed.has(address) || this.options.allowPrivateNetwork) return;
    throw new FetchRefusedError(`refused: ${subject} ${describeAddressKind(kind)} ${PRIVATE_HINT}`);
  }
}

async function systemLookup(hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

function checkedUrl(input: string, context: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError(`refused: ${context}not a URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(`refused: ${context}only http and https URLs are fetched, not ${url.protocol.replace(':', '')}:`);
  }
  if (url.username || url.password) {
    throw new FetchRefusedError(`refused: ${context}URLs with credentials in them are not fetched (${url.host})`);
  }
  return url;
}

async function fetchThroughGate(request: FetchRequest, options: HttpFetcherOptions, gate: AddressGate): Promise<FetchOutcome> {
  let url = checkedUrl(request.url, '');
  const controller = new AbortController();
  // One deadline for the whole fetch (every hop, headers and body), not per read.
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const address = await gate.checkedAddress(url, controller.signal);
      const hop = await requestHop(url, address, request, options, controller.signal);
      try {
        const location = hop.header('location');
        if (REDIRECT_STATUSES.has(hop.status) && location) {
          if (redirects >= options.maxRedirects) {
            throw new TooManyRedirectsError(`more than ${options.maxRedirects} redirects, starting at ${request.url}`);
          }
          let next: string;
          try {
            next = new URL(location, url).toString();
          } catch {
            throw new FetchRefusedError(`refused: ${url.href} redirects to an invalid URL ${JSON.stringify(location.slice(0, 200))}`);
          }
          url = checkedUrl(next, `redirect from ${url.href}: `);
          continue;
        }
        return await outcomeOf(hop, url, options);
      } finally {
        await hop.close();
      }
    }
  } catch (error) {
    throw asFetchError(error, controller.signal, url, options);
  } finally {
    clearTimeout(deadline);
  }
}

interface Hop {
  status: number;
  header(name: string): string | undefined;
  body: Readable;
  close(): Promise<void>;
}

async function requestHop(
  url: URL,
  address: string,
  request: FetchRequest,
  options: HttpFetcherOptions,
  signal: AbortSignal,
): Promise<Hop> {
  const client = new Client(url.origin, {
    connect: dialCheckedAddress(address, options.timeoutMs),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  // The stored validators came from the final hop last time, so they go to every hop.
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  try {
    const response = await client.request({ path: `${url.pathname}${url.search}`, method: 'GET', headers, signal });
    return {
      status: response.statusCode,
      header: (name) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
      body: response.body,
      close: async () => {
        // Unread bodies (redirects, error pages) are thrown away; the abort that causes is expected, not a failure.
        response.body.on('error', () => {});
        response.body.destroy();
        await client.destroy();
      },
    };
  } catch (error) {
    await client.destroy();
    throw error;
  }
}

function dialCheckedAddress(address: string, timeoutMs: number): buildConnector.connector {
  const connector = buildConnector({ timeout: timeoutMs });
  // Only the dialled address changes: `host` still carries the name, so the Host header and TLS servername stay right.
  return (connectOptions, callback) => {
    connector({ ...connectOptions, hostname: address }, (error, socket) => {
      if (error) return callback(error, null);
      if (socket.remoteAddress !== address) {
        socket.destroy();
        return callback(new FetchRefusedError(`refused: connected to an address that was not checked (${address} expected)`), null);
      }
      callback(null, socket);
    });
  };
}

async function outcomeOf(hop: Hop, url: URL, options: HttpFetcherOptions): Promise<FetchOutcome> {
  const finalUrl = url.toString();
  if (hop.status === 304) return { kind: 'not-modified', finalUrl };
  if (hop.status < 200 || hop.status > 299) {
    return { kind: 'http-error', status: hop.status, finalUrl, retryAfterMs: parseRetryAfter(hop.header('retry-after'), Date.now()) };
  }
  const contentType = hop.header('content-type') ?? '';
  if (!isTextual(contentType)) {
    throw new UnsupportedContentError(`${finalUrl} is ${mediaType(contentType)}, not a page or feed the monitor can read`);
  }
  const declaredLength = Number(hop.header('content-length'));
  if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
    throw new ResponseTooLargeError(`${finalUrl} is ${declaredLength} bytes, over the ${options.maxBytes}-byte limit`);
  }
  const bytes = await readCapped(decoded(hop.body, hop.header('content-encoding'), finalUrl), options.maxBytes, finalUrl);
  return {
    kind: 'ok',
    status: hop.status,
    finalUrl,
    contentType,
    body: decodeText(bytes, contentType),
    etag: hop.header('etag') ?? null,
    lastModified: hop.header('last-modified') ?? null,
  };
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function isTextual(contentType: string): boolean {
  const type = mediaType(contentType);
  // Servers that send no type at all are common for feeds and robots.txt; the body decides.
  if (type === '' || type.startsWith('text/')) return true;
  return /^application\/(xhtml\+xml|xml|json|[\w.+-]+\+xml|[\w.+-]+\+json)$/.test(type);
}

function decoded(body: Readable, encoding: string | undefined, url: string): Readable {
  const coding = (encoding ?? '').trim().toLowerCase();
  const decompressor =
    coding === 'gzip' || coding === 'x-gzip'
      ? createGunzip()
      : coding === 'deflate'
        ? createInflate()
        : coding === 'br'
          ? createBrotliDecompress()
          : null;
  if (decompressor) return pipeline(body, decompressor, () => {});
  if (coding === '' || coding === 'identity') return body;
  throw new UnsupportedContentError(`${url} is sent with content encoding "${coding.slice(0, 40)}", which the monitor cannot decode`);
}

/** The cap applies to decoded bytes, so a small compressed bomb cannot expand past it. */
async function readCapped(stream: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ResponseTooLargeError(`${url} is over the ${maxBytes}-byte limit`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Retry-After is either delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

function asFetchError(error: unknown, signal: AbortSignal, url: URL, options: HttpFetcherOptions): FetchError {
  if (error instanceof FetchError) return error;
  if (
    signal.aborted ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new FetchTimeoutError(`${url.href} did not finish within ${options.timeoutMs} ms`, { cause: error });
  }
  return new FetchNetworkError(`fetching ${url.href} failed: ${errorText(error)}`, { cause: error });
}
