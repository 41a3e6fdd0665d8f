// Reads monitor.config.json from disk; the rules for its contents live in domain/config.ts.
import { readFileSync } from 'node:fs';
import { defaultConfig, parseConfig, type MonitorConfig } from '../domain/config';
import { ConfigError } from '../errors';

/** Reads and validates a config file; a missing file is an error only if the user named it. */
export function loadConfig(path: string | undefined): MonitorConfig {
  if (path === undefined) return defaultConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`cannot read config file ${path}`);
  }
  let json: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses as an "unexpected token".
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseConfig(json);
}
