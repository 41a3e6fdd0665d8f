import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES, startHttpServer, type RunningHttpServer } from '../../lambdas/local/http-server';
import { HOSTILE_TITLE, STORY_URL, TEST_TOKEN, TEST_TOKEN_SHA256, seededSite, type TestSite } from './seed';

let site: TestSite;
let server: RunningHttpServer;

beforeAll(async () => {
  site = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256 });
  server = await startHttpServer(site.app, { port: 0 });
});

afterAll(async () => {
  await server.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP/1.1 request, so odd request targets reach the server exactly as written. */
function send(method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer and close before a refused upload is fully written; the answer is what matters.
    req.on('error', reject);
    req.end(body);
  });
}

describe('local HTTP server', () => {
  it('listens on 127.0.0.1 by default and serves the app', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await health.json()).toEqual({ ok: true });
  });

  it('passes the query string and headers through to the pages', async () => {
    const response = await fetch(`${server.url}/article?url=${encodeURIComponent(STORY_URL)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const body = await response.text();
    expect(body).not.toContain(HOSTILE_TITLE);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const feed = await fetch(`${server.url}/feeds/changes.json`);
    const json = (await feed.json()) as { feed_url: string };
    expect(json.feed_url).toBe(`http://127.0.0.1:${server.port}/feeds/changes.json`);
  });

  it('passes the request body to the watch API', async () => {
    const response = await fetch(`${server.url}/api/watch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://fresh.example/story' }),
    });
    expect(response.status).toBe(201);
    expect(await site.store.getArticle('https://fresh.example/story')).not.toBeNull();
  });

  it('treats a request target starting with // as a path on this site, not another host', async () => {
    const response = await send('GET', '//evil.example/healthz');
    expect(response.status).toBe(404);
    expect(response.body).toContain('There is no page at //evil.example/healthz');
  });

  it('refuses an upload larger than its cap with 413 before reading it all', async () => {
    const response = await send('POST', '/api/watch', 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1), {
      authorization: `Bearer ${TEST_TOKEN}`,
      'content-type': 'application/json',
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ error: `the request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes` });
  });

  it('answers HEAD without a body', async () => {
    const response = await send('HEAD', '/');
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
  });

  it('stops listening when closed', async () => {
    const extra = await startHttpServer(site.app, { port: 0 });
    await extra.close();
    await expect(fetch(`${extra.url}/healthz`)).rejects.toThrow();
  });
});
