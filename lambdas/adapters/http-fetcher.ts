// The one gate every fetch goes through. URLs come from strangers (feeds,
// front pages, redirects), so each hop is checked before anything is sent:
// scheme, credentials, and every address the name resolves to. The socket is
// then dialled to the very address that was checked, so a second DNS answer
// (rebinding) can never steer the connection somewhere private. Connections
// are kept for reuse only under the address they were dialled to
// (kept-connections.ts), so that still holds for every request sent on one.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Client, buildConnector, errors as undiciErrors } from 'undici';
import type { FetchOutcome, FetchRequest, Fetcher } from '../ports';
import {
  FetchConnectionRefusedError,
  FetchDnsError,
  FetchError,
  FetchNetworkError,
  FetchRefusedError,
  FetchTimeoutError,
  FetchTlsError,
  ResponseTooLargeError,
  TooManyRedirectsError,
  UnsupportedContentError,
} from '../errors';
import { cappedRetryAfter } from '../domain/schedule';
import { classifyAddress, describeAddressKind } from './address-policy';
import { binaryKind } from './content-sniff';
import { decodeText } from './decode-text';
import { KeptConnections, type Lease } from './kept-connections';

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
  /** How long an unused connection is kept for the next request to its origin; default IDLE_CONNECTION_MS. */
  idleConnectionMs?: number;
  /** Idle connections kept at once; default MAX_IDLE_CONNECTIONS. */
  maxIdleConnections?: number;
}

/** Under the 5 s that Node's and Apache's servers keep an idle connection, so it is rarely reused just as the server closes it. */
const IDLE_CONNECTION_MS = 4000;
const MAX_IDLE_CONNECTIONS = 256;
/** An unread body (a redirect's, an error page's) up to this size is read to its end to keep its connection; a bigger one costs the connection. */
const DRAIN_MAX_BYTES = 64 * 1024;
const DRAIN_MAX_MS = 250;

const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,text/*;q=0.8,*/*;q=0.1';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PRIVATE_HINT = '(use --allow-private-network to permit it)';

export function createHttpFetcher(options: HttpFetcherOptions): Fetcher {
  const gate = new AddressGate(options);
  const connections = new KeptConnections({
    idleMs: options.idleConnectionMs ?? IDLE_CONNECTION_MS,
    maxIdle: options.maxIdleConnections ?? MAX_IDLE_CONNECTIONS,
    open: (origin, address) => openClient(origin, address, options),
  });
  return {
    fetch: (request) => fetchThroughGate(request, options, gate, connections),
    close: () => connections.close(),
  };
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
      throw dnsError(hostname, error);
    }
    if (addresses.length === 0) throw new FetchDnsError(`cannot resolve ${hostname}: DNS gave no addresses`, true);
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

async function fetchThroughGate(request: FetchRequest, options: HttpFetcherOptions, gate: AddressGate, connections: KeptConnections): Promise<FetchOutcome> {
  let url = checkedUrl(request.url, '');
  const controller = new AbortController();
  // One deadline for the whole fetch (every hop, headers and body), not per read.
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  // What the fetch was doing when it failed, so a timeout says where the time went.
  let stage: Stage = 'resolving';
  try {
    for (let redirects = 0; ; redirects++) {
      stage = 'resolving';
      const address = await gate.checkedAddress(url, controller.signal);
      stage = 'waiting';
      const hop = await requestHop(url, address, request, options, connections, controller.signal);
      stage = 'reading';
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
            throw new FetchRefusedError(`refused: ${url.href} redirects to an invalid URL ${quoted(location)}`);
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
    throw asFetchError(error, controller.signal, url, stage, options);
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

function openClient(origin: string, address: string, options: HttpFetcherOptions): Client {
  const idleMs = options.idleConnectionMs ?? IDLE_CONNECTION_MS;
  return new Client(origin, {
    connect: dialCheckedAddress(address, options.timeoutMs),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // Capped at ours too: a server's Keep-Alive hint may shorten how long a connection is kept, never lengthen it.
    keepAliveTimeout: idleMs,
    keepAliveMaxTimeout: idleMs,
  });
}

async function requestHop(
  url: URL,
  address: string,
  request: FetchRequest,
  options: HttpFetcherOptions,
  connections: KeptConnections,
  signal: AbortSignal,
): Promise<Hop> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  // The stored validators came from the final hop last time, so they go to every hop.
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  const send = async (lease: Lease) => {
    try {
      return await lease.client.request({ path: `${url.pathname}${url.search}`, method: 'GET', headers, signal });
    } catch (error) {
      lease.discard();
      throw error;
    }
  };
  let lease = connections.lease(url.origin, address);
  let response: Awaited<ReturnType<typeof send>>;
  try {
    response = await send(lease);
  } catch (error) {
    // A kept connection the server closed just as it was reused says nothing about the page: GET is safe to send once more.
    if (!lease.reused || signal.aborted || !droppedConnection(error)) throw error;
    lease = connections.lease(url.origin, address, true);
    response = await send(lease);
  }
  const kept = lease;
  const header = (name: string) => {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    status: response.statusCode,
    header,
    body: response.body,
    close: async () => {
      if (await readToEnd(response.body, Number(header('content-length')))) kept.release();
      else kept.discard();
    },
  };
}

/**
 * Whether the body was, or now is, read to its end: only then may its connection carry another request.
 * Bodies left unread (redirects, 304s, error pages) are usually short and already here.
 */
async function readToEnd(body: Readable, declaredLength: number): Promise<boolean> {
  if (body.readableEnded) return true;
  // Whatever stops the read (the cap, the deadline, a reset) is expected here, not a failure.
  body.on('error', () => {});
  if (body.destroyed || declaredLength > DRAIN_MAX_BYTES) {
    body.destroy();
    return false;
  }
  return new Promise<boolean>((resolve) => {
    let bytes = 0;
    const timer = setTimeout(() => body.destroy(), DRAIN_MAX_MS);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > DRAIN_MAX_BYTES) body.destroy();
    });
    body.on('close', () => {
      clearTimeout(timer);
      resolve(body.readableEnded);
    });
    body.resume();
  });
}

function droppedConnection(error: unknown): boolean {
  const code = errorCode(error);
  return error instanceof undiciErrors.SocketError || code === 'ECONNRESET' || code === 'EPIPE';
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
  const type = mediaType(contentType);
  if (!isTextual(type) && !UNTYPED.has(type)) {
    throw new UnsupportedContentError(`${finalUrl} is ${quoted(type)}, not a page or feed the monitor can read`);
  }
  const declaredLength = Number(hop.header('content-length'));
  if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
    throw new ResponseTooLargeError(`${finalUrl} is ${declaredLength} bytes, over the ${options.maxBytes}-byte limit`);
  }
  const bytes = await readCapped(decoded(hop.body, hop.header('content-encoding'), finalUrl), options.maxBytes, finalUrl);
  // The type a server sends is a claim: a missing or generic one is common, and a wrong one happens.
  const binary = binaryKind(bytes);
  if (binary !== null) {
    const served = type === '' ? 'with no Content-Type' : `as ${quoted(type)}`;
    throw new UnsupportedContentError(`${finalUrl} is ${binary} (served ${served}), not a page or feed the monitor can read`);
  }
  // Decoded when first asked for: a check whose page signature holds never needs the text.
  let text: string | undefined;
  return {
    kind: 'ok',
    status: hop.status,
    finalUrl,
    contentType,
    get body() {
      text ??= decodeText(bytes, contentType);
      return text;
    },
    bytes,
    etag: hop.header('etag') ?? null,
    lastModified: hop.header('last-modified') ?? null,
  };
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Types that say nothing about the body. Servers send these (or no type at all) for feeds, robots.txt
 * and pages more often than one would think, so the body is sniffed and decides.
 */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown', 'unknown/unknown', '*/*']);

function isTextual(type: string): boolean {
  if (type.startsWith('text/')) return true;
  return /^application\/(xhtml\+xml|xml|json|[\w.+-]+\+xml|[\w.+-]+\+json)$/.test(type);
}

/** Text from a stranger's header, for a message: quoted, length-capped, control and bidi characters escaped. */
function quoted(text: string, maxChars = 200): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function decoded(body: Readable, encoding: string | undefined, url: string): Readable {
  const coding = (encoding ?? '').trim().toLowerCase();
  const decompressor =
    coding === 'gzip' || coding === 'x-gzip' ? createGunzip() : coding === 'deflate' ? createInflate() : coding === 'br' ? createBrotliDecompress() : null;
  if (decompressor) return pipeline(body, decompressor, () => {});
  if (coding === '' || coding === 'identity') return body;
  throw new UnsupportedContentError(`${url} is sent with content encoding ${quoted(coding, 40)}, which the monitor cannot decode`);
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

/** Retry-After is either delay-seconds or an HTTP-date; either way the wait is capped (MAX_RETRY_AFTER_MS), and never throws. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return cappedRetryAfter(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : cappedRetryAfter(at - nowMs);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Stage = 'resolving' | 'waiting' | 'reading';

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  }
  return undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

// getaddrinfo's answers: the name does not exist, or the resolver could not say right now.
const DNS_NO_SUCH_NAME = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

function dnsError(hostname: string, error: unknown): FetchDnsError {
  const code = errorCode(error);
  if (code !== undefined && DNS_NO_SUCH_NAME.has(code)) {
    return new FetchDnsError(`cannot resolve ${hostname}: ${code} (DNS says there is no such host)`, false, { cause: error });
  }
  return new FetchDnsError(`cannot resolve ${hostname}: ${code ?? errorText(error)} (DNS lookup failed)`, true, { cause: error });
}

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

function timeoutMessage(url: URL, stage: Stage, connecting: boolean, timeoutMs: number): string {
  if (connecting) return `connecting to ${url.host} timed out after ${timeoutMs} ms`;
  if (stage === 'resolving') return `looking up ${url.hostname} timed out after ${timeoutMs} ms`;
  if (stage === 'waiting') return `${url.host} did not answer ${url.href} within ${timeoutMs} ms`;
  return `${url.href} did not finish sending its body within ${timeoutMs} ms`;
}

function asFetchError(error: unknown, signal: AbortSignal, url: URL, stage: Stage, options: HttpFetcherOptions): FetchError {
  if (error instanceof FetchError) return error;
  const connecting = error instanceof undiciErrors.ConnectTimeoutError;
  if (signal.aborted || connecting || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new FetchTimeoutError(timeoutMessage(url, stage, connecting, options.timeoutMs), { cause: error });
  }
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') {
    return new FetchConnectionRefusedError(`connection refused by ${url.host} (nothing is listening there)`, { cause: error });
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return new FetchTlsError(`TLS error with ${url.host}: ${code} ${error instanceof Error ? error.message : ''}`.trim(), { cause: error });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || error instanceof undiciErrors.SocketError) {
    return new FetchNetworkError(`${url.host} closed the connection before the response to ${url.href} was complete`, { cause: error });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') {
    return new FetchNetworkError(`${url.host} cannot be reached (${code})`, { cause: error });
  }
  return new FetchNetworkError(`fetching ${url.href} failed: ${errorText(error)}`, { cause: error });
}
