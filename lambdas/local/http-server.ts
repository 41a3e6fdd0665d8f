// The local server's edge: node:http requests become WebRequests for the same
// web app the Lambda serves. Bodies are capped while they are read, so a
// huge upload is refused before it fills memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebHandler, WebRequest, WebResponse } from '../web/types';

/** Far above anything the API accepts; the app applies its own tighter limits. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The body text, or null once it grows past `maxBytes` (the rest is left unread). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function toHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function toWebRequest(request: IncomingMessage, body: string): WebRequest {
  // Split by hand: resolving "//host/path" against a base would turn it into another host.
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  return {
    method: request.method ?? 'GET',
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1)),
    headers: toHeaders(request),
    body,
  };
}

function send(response: ServerResponse, webResponse: WebResponse): void {
  response.writeHead(webResponse.status, {
    ...webResponse.headers,
    'content-length': String(Buffer.byteLength(webResponse.body, 'utf8')),
  });
  response.end(webResponse.body);
}

function plainError(status: number, message: string): WebResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', connection: 'close' },
    body: `${JSON.stringify({ error: message })}\n`,
  };
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startHttpServer(app: WebHandler, options: { port: number; host?: string }): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void (async () => {
      let body: string | null;
      try {
        body = await readBody(request, MAX_REQUEST_BODY_BYTES);
      } catch {
        // The client went away mid-upload; there is no one to answer.
        response.destroy();
        return;
      }
      if (body === null) {
        send(response, plainError(413, `the request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`));
        return;
      }
      try {
        send(response, await app(toWebRequest(request, body)));
      } catch (error) {
        // The app maps its own errors; reaching here is a bug, so log it and say nothing more.
        console.error('web app threw', error);
        send(response, plainError(500, 'Something went wrong on our side. The error has been logged.'));
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
