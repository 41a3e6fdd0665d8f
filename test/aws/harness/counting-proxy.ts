// A small HTTP proxy on 127.0.0.1 in front of an emulator: every SDK in the run (the harness's and
// the Lambdas') talks to the emulator through it, so requests can be counted and, for DynamoDB,
// amended to report consumed capacity. One request at a time is buffered whole: these are API calls.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedCall {
  /** `DynamoDB_20120810.PutItem`, `AmazonSQS.SendMessageBatch`, or the query protocol's `Action`. */
  operation: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

export interface CountingProxy {
  endpoint: string;
  close(): Promise<void>;
}

export interface ProxyHooks {
  /** May rewrite the request body before it is forwarded. */
  rewrite?(operation: string, body: string): string;
  observe(call: ProxiedCall): void;
}

function operationOf(headers: IncomingHttpHeaders, body: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target;
  return new URLSearchParams(body).get('Action') ?? 'unknown';
}

export async function startCountingProxy(target: string, hooks: ProxyHooks): Promise<CountingProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const original = Buffer.concat(chunks).toString('utf8');
      const operation = operationOf(incoming.headers, original);
      const body = hooks.rewrite ? hooks.rewrite(operation, original) : original;
      // The Host header is kept: fauxqs builds queue URLs from it, so they point back at the proxy.
      const headers = { ...incoming.headers, 'content-length': String(Buffer.byteLength(body)) };
      const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (response) => {
        const responseChunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => responseChunks.push(chunk));
        response.on('end', () => {
          const responseBody = Buffer.concat(responseChunks);
          hooks.observe({ operation, requestBody: body, status: response.statusCode ?? 0, responseBody: responseBody.toString('utf8') });
          const responseHeaders = { ...response.headers, 'content-length': String(responseBody.length) };
          delete responseHeaders['transfer-encoding'];
          outgoing.writeHead(response.statusCode ?? 502, responseHeaders);
          outgoing.end(responseBody);
        });
      });
      forwarded.on('error', (error) => {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`proxy: ${error.message}`);
      });
      forwarded.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
