// Article pages on 127.0.0.1, served under several loopback host names (news-a.localhost, ...: each a
// separate host to the fetcher's politeness; the containers resolve *.localhost to 127.0.0.1). Each
// response carries fresh noise (a nonce, a counter), answers a matching If-None-Match with 304 when the
// page has an ETag, and can be held for a while, as a slow origin is, so checks overlap. The server
// counts requests and the most it had in flight at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface CorpusPage {
  html: string;
  /** Sent as ETag; a request with If-None-Match equal to it gets 304. */
  etag?: string;
  /** Answer with this status and a short body instead (404, 500 ...). */
  status?: number;
}

export interface CorpusServer {
  port: number;
  url(host: string, path: string): string;
  publish(host: string, path: string, page: CorpusPage): void;
  /** Every response waits this long first (ms); `notModifiedMs` for a 304 when given. */
  setDelay(ms: number, notModifiedMs?: number): void;
  requests(host?: string, path?: string): number;
  /** Responses by status (robots.txt apart, as `robots`). */
  responses(): Record<string, number>;
  maxInFlight(): number;
  /** The most requests one host had in flight at once, by host. */
  maxInFlightByHost(): Record<string, number>;
  /** The requests in flight at that host's peak: path and ms since the first of them started. */
  peakRequests(host: string): string[];
  /** Mean requests in flight while at least one was: time-weighted over the busy time since the last reset. */
  meanInFlightWhileBusy(): number;
  resetCounts(): void;
  close(): Promise<void>;
}

/** Noise a real page has on every request (ad slot ids, counters): never the article text. */
function withNoise(html: string, counter: number): string {
  const noise = `<div class="ad-slot" data-slot="${randomBytes(6).toString('hex')}">Ad ${counter}</div>`;
  return html.includes('</body>') ? html.replace('</body>', `${noise}</body>`) : `${html}${noise}`;
}

export async function startCorpusServer(): Promise<CorpusServer> {
  const pages = new Map<string, CorpusPage>();
  const counts = new Map<string, number>();
  let delayMs = 0;
  let notModifiedDelayMs = 0;
  let inFlight = 0;
  const hostInFlight = new Map<string, number>();
  const hostPeak = new Map<string, number>();
  const open = new Map<string, Array<{ path: string; at: number }>>();
  const hostPeakRequests = new Map<string, string[]>();
  let peak = 0;
  let served = 0;
  const statuses: Record<string, number> = {};
  let busySince = 0;
  let busyMs = 0;
  let requestMs = 0;
  const count = (status: string): void => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const key = (host: string, path: string): string => `${host.toLowerCase()}${path}`;

  const respond = (request: IncomingMessage, response: ServerResponse): void => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const path = request.url ?? '/';
    counts.set(key(host, path), (counts.get(key(host, path)) ?? 0) + 1);
    if (path === '/robots.txt') {
      count('robots');
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('User-agent: *\nAllow: /\n');
      return;
    }
    const page = pages.get(key(host, path));
    if (page === undefined || page.status !== undefined) {
      count(String(page?.status ?? 404));
      response.writeHead(page?.status ?? 404, { 'content-type': 'text/plain' });
      response.end('not here');
      return;
    }
    if (page.etag !== undefined && request.headers['if-none-match'] === page.etag) {
      count('304');
      response.writeHead(304, { etag: page.etag });
      response.end();
      return;
    }
    count('200');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.etag === undefined ? {} : { etag: page.etag }) });
    response.end(withNoise(page.html, ++served));
  };

  const server = createServer((request, response) => {
    const started = Date.now();
    if (inFlight === 0) busySince = started;
    inFlight++;
    peak = Math.max(peak, inFlight);
    const requestHost = (request.headers.host ?? '').replace(/:\d+$/, '');
    hostInFlight.set(requestHost, (hostInFlight.get(requestHost) ?? 0) + 1);
    const mine = { path: request.url ?? '/', at: started };
    open.set(requestHost, [...(open.get(requestHost) ?? []), mine]);
    if ((hostInFlight.get(requestHost) ?? 0) > (hostPeak.get(requestHost) ?? 0)) {
      hostPeak.set(requestHost, hostInFlight.get(requestHost) ?? 0);
      const now = open.get(requestHost) ?? [];
      hostPeakRequests.set(
        requestHost,
        now.map((r) => `${r.path} +${r.at - (now[0]?.at ?? r.at)} ms`),
      );
    }
    response.once('close', () => {
      inFlight--;
      open.set(
        requestHost,
        (open.get(requestHost) ?? []).filter((r) => r !== mine),
      );
      hostInFlight.set(requestHost, (hostInFlight.get(requestHost) ?? 1) - 1);
      const now = Date.now();
      requestMs += now - started;
      if (inFlight === 0) busyMs += now - busySince;
    });
    const page = pages.get(key(requestHost, request.url ?? '/'));
    const notModified = page?.etag !== undefined && request.headers['if-none-match'] === page.etag;
    const wait = notModified ? notModifiedDelayMs : delayMs;
    if (wait > 0) setTimeout(() => respond(request, response), wait);
    else respond(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    publish: (host, path, page) => void pages.set(key(host, path), page),
    setDelay: (ms, notModifiedMs) => {
      delayMs = ms;
      notModifiedDelayMs = notModifiedMs ?? ms;
    },
    requests: (host, path) =>
      [...counts.entries()]
        .filter(([k]) => (host === undefined || k.startsWith(host)) && (path === undefined || k.endsWith(path)))
        .reduce((sum, [, n]) => sum + n, 0),
    responses: () => ({ ...statuses }),
    maxInFlight: () => peak,
    maxInFlightByHost: () => Object.fromEntries(hostPeak),
    peakRequests: (host) => hostPeakRequests.get(host) ?? [],
    meanInFlightWhileBusy: () => (busyMs === 0 ? 0 : requestMs / busyMs),
    resetCounts: () => {
      counts.clear();
      peak = inFlight;
      hostPeak.clear();
      hostPeakRequests.clear();
      for (const status of Object.keys(statuses)) delete statuses[status];
      busyMs = 0;
      requestMs = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
