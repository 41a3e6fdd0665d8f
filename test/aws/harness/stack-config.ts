// The config file the stack ships (context configFile) for a run on loopback. The fetcher reaches
// private addresses only with fetch.allowPrivateNetwork in that config; a monitor whose config has no
// such setting yet is given the test-only MONITOR_ALLOW_PRIVATE_NETWORK variable instead.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../lambdas/domain/config';
import { ConfigError } from '../../../lambdas/errors';

export interface LoopbackStackConfig {
  /** CDK context for synthesize(). */
  context: Record<string, string>;
  /** Variables to add to every function's environment, if any. */
  environment: Record<string, string>;
}

export function loopbackStackConfig(settings: Record<string, unknown> = {}): LoopbackStackConfig {
  const file = join(mkdtempSync(join(tmpdir(), 'monitor-aws-config-')), 'monitor.config.json');
  const fetch = typeof settings.fetch === 'object' && settings.fetch !== null ? settings.fetch : {};
  let config: Record<string, unknown> = { ...settings, fetch: { ...fetch, allowPrivateNetwork: true } };
  let environment: Record<string, string> = {};
  try {
    parseConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    config = settings;
    parseConfig(config);
    environment = { MONITOR_ALLOW_PRIVATE_NETWORK: 'true' };
  }
  writeFileSync(file, JSON.stringify(config));
  return { context: { configFile: file }, environment };
}
