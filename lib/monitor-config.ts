// The config file an operator names at synth (`cdk deploy -c configFile=...`)
// travels to the Lambdas as JSON text in MONITOR_CONFIG. It is validated here,
// so a bad file stops the deploy instead of every Lambda at run time.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../lambdas/errors';
import { loadConfig } from '../lambdas/adapters/config-file';

/**
 * Lambda allows 4 KB for all of a function's environment variables together;
 * this leaves room for the table name, queue URL, token hash and NODE_OPTIONS.
 */
export const MAX_CONFIG_BYTES = 3_584;

/** The config as compact JSON text, "{}" (all defaults) when no file is named. Throws ConfigError. */
export function monitorConfigText(configFile: string | undefined): string {
  if (configFile === undefined) return '{}';
  loadConfig(configFile);
  const text = JSON.stringify(JSON.parse(readFileSync(configFile, 'utf8')));
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ConfigError(
      `config file ${configFile} is ${bytes} bytes as compact JSON; a Lambda environment holds at most ${MAX_CONFIG_BYTES} for it. Trim the sources list or their patterns.`,
    );
  }
  return text;
}
