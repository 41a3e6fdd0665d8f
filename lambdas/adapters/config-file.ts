// Reads monitor.config.json from disk; the rules for its contents live in domain/config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, parseConfig, type MonitorConfig } from '../domain/config';
import { ConfigError } from '../errors';

/** The file read when no --config is given, from the working folder. */
const DEFAULT_CONFIG_FILE = 'monitor.config.json';

/**
 * The settings file a command uses: the one named, else monitor.config.json in the working
 * folder when there is one (so `check` extracts with the same rules as `serve`), else none.
 */
export function configPath(named: string | undefined, cwd: string = process.cwd()): string | undefined {
  if (named !== undefined) return named;
  const fallback = join(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

/** Reads and validates a config file; a missing file is an error only if the user named it. */
export function loadConfig(named: string | undefined, cwd: string = process.cwd()): MonitorConfig {
  const path = configPath(named, cwd);
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
