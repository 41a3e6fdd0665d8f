// Function URL → the same web app the local server runs.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createWebApp } from '../web/app';
import { toLambdaResult, toWebRequest } from '../web/lambda-adapter';
import { watchArticle } from '../service/watch';
import { runtimeFromEnv } from './environment';

let app: ReturnType<typeof createWebApp> | undefined;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (!app) {
    const deps = runtimeFromEnv();
    app = createWebApp({
      store: deps.store,
      watch: (url) => watchArticle(deps, url),
      apiTokenSha256: process.env.API_TOKEN_SHA256 || null,
    });
  }
  return toLambdaResult(await app(toWebRequest(event)));
}
