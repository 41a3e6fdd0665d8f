import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaHandler, toLambdaResult, toWebRequest } from '../../lambdas/web/lambda-adapter';
import { STORY_URL, TEST_TOKEN, TEST_TOKEN_SHA256, seededSite, type TestSite } from './seed';

function functionUrlEvent(
  method: string,
  rawPath: string,
  rawQueryString: string,
  init: { headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws', 'x-forwarded-proto': 'https', ...init.headers },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '10/Mar/2025:12:00:00 +0000',
      timeEpoch: 1741608000000,
    },
    isBase64Encoded: init.isBase64Encoded ?? false,
    ...(init.body !== undefined ? { body: init.body } : {}),
  };
}

let site: TestSite;
beforeAll(async () => {
  site = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256 });
});

describe('Lambda Function URL adapter', () => {
  it('turns an event into a request: method, raw path, repeated query values, lower-cased headers', () => {
    const request = toWebRequest(
      functionUrlEvent('GET', '/feeds/changes.atom', 'kind=quote&kind=number&url=https%3A%2F%2Fa.example%2F', { headers: { 'X-Custom': 'Yes' } }),
    );
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/feeds/changes.atom');
    expect(request.query.getAll('kind')).toEqual(['quote', 'number']);
    expect(request.query.get('url')).toBe('https://a.example/');
    expect(request.headers['x-custom']).toBe('Yes');
    expect(request.body).toBe('');
  });

  it('decodes a base64-encoded body', () => {
    const body = JSON.stringify({ url: 'https://a.example/é' });
    const request = toWebRequest(functionUrlEvent('POST', '/api/watch', '', { body: Buffer.from(body).toString('base64'), isBase64Encoded: true }));
    expect(request.body).toBe(body);
  });

  it('turns a response into a structured result', () => {
    expect(toLambdaResult({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'gone' })).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'text/plain' },
      body: 'gone',
      isBase64Encoded: false,
    });
  });

  it('serves the app end to end: https feed links from the forwarded protocol, and an authenticated watch', async () => {
    const handle = lambdaHandler(site.app);
    const feed = await handle(functionUrlEvent('GET', '/feeds/changes.json', `url=${encodeURIComponent(STORY_URL)}`));
    expect(feed.statusCode).toBe(200);
    expect(feed.headers?.['content-type']).toBe('application/feed+json; charset=utf-8');
    expect((JSON.parse(feed.body ?? '') as { feed_url: string }).feed_url).toMatch(
      /^https:\/\/abc123\.lambda-url\.eu-west-1\.on\.aws\/feeds\/changes\.json\?url=/,
    );

    const watched = await handle(
      functionUrlEvent('POST', '/api/watch', '', {
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ url: 'https://lambda.example/story' })).toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(watched.statusCode).toBe(201);
    expect(await site.store.getArticle('https://lambda.example/story')).not.toBeNull();
  });

  it("builds links on the Function URL's own domain from the event, whatever Host header a client sends", async () => {
    const handle = lambdaHandler(site.app);
    const feed = await handle(functionUrlEvent('GET', '/feeds/changes.json', '', { headers: { host: 'evil.example', 'x-forwarded-proto': 'http' } }));
    expect(feed.statusCode).toBe(200);
    const body = JSON.parse(feed.body ?? '') as { feed_url: string; home_page_url: string };
    expect(body.feed_url).toMatch(/^https:\/\/abc123\.lambda-url\.eu-west-1\.on\.aws\/feeds\/changes\.json/);
    expect(feed.body).not.toContain('evil.example');
  });
});
