// Function URL → the same web app the local server runs.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { siteFromEnv } from '../composition/lambda-environment';
import { toLambdaResult, toWebRequest } from '../web/lambda-adapter';

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return toLambdaResult(await siteFromEnv()(toWebRequest(event)));
}
