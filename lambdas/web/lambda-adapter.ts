// The web Lambda's edge: a Function URL / HTTP API (payload v2) event becomes a
// WebRequest, and a WebResponse becomes the Lambda result. Nothing else here.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { WebHandler, WebRequest, WebResponse } from './types';

export function toWebRequest(event: APIGatewayProxyEventV2): WebRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const rawBody = event.body ?? '';
  const domain = event.requestContext.domainName;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || '/',
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    // Function URLs base64-encode any body they do not recognise as text.
    body: event.isBase64Encoded ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody,
    // Function URLs are HTTPS only; the domain is the one AWS routed the request by, not the Host header.
    ...(domain ? { platformOrigin: new URL(`https://${domain}`).origin } : {}),
  };
}

export function toLambdaResult(response: WebResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.status,
    headers: { ...response.headers },
    body: response.body,
    isBase64Encoded: false,
  };
}

/** A Lambda handler serving the web app. */
export function lambdaHandler(app: WebHandler): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => toLambdaResult(await app(toWebRequest(event)));
}
