// Lambda configuration comes from environment variables set by the CDK stack.
import { parseConfig } from '../config';
import { createRuntime } from '../service/runtime';
import type { CheckerDeps } from '../service/checker';
import { requiredEnv } from './required-env';

let cached: CheckerDeps | undefined;

/** Built once per Lambda container and reused across invocations. */
export function runtimeFromEnv(): CheckerDeps {
  if (cached) return cached;
  const config = parseConfig(process.env.MONITOR_CONFIG ? (JSON.parse(process.env.MONITOR_CONFIG) as unknown) : {});
  // Only tests point a Lambda at loopback servers; production never sets this.
  if (process.env.MONITOR_ALLOW_PRIVATE_NETWORK === 'true') config.fetch.allowPrivateNetwork = true;
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  cached = createRuntime({ config, tableName: requiredEnv('TABLE_NAME'), ...(endpoint ? { endpoint } : {}) });
  return cached;
}
