#!/usr/bin/env node
// The `monitor` command. Runs the sources bundled by esbuild (built on the
// first start and after every edit, see cli-bundle.mjs), so a fresh clone needs
// no build step; if they cannot be bundled, through tsx's loader as they are.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentBundle, discardBundle, MONITOR_BUNDLE } from './cli-bundle.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Stack traces (printed with MONITOR_DEBUG) then name the TypeScript lines.
if (process.env.MONITOR_DEBUG) process.setSourceMapsEnabled(true);

async function bundledMain() {
  const dir = await currentBundle(MONITOR_BUNDLE);
  if (!dir) return undefined;
  try {
    return (await import(pathToFileURL(join(dir, 'cli.mjs')).href)).main;
  } catch (error) {
    discardBundle(MONITOR_BUNDLE);
    process.stderr.write(
      `monitor: the bundled sources in ${dir} failed to load (${error instanceof Error ? error.message : error}); running them through tsx\n`,
    );
    return undefined;
  }
}

async function sourceMain() {
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../lambdas/cli/main.ts')).main;
}

const main = (await bundledMain()) ?? (await sourceMain());
process.exitCode = await main(process.argv.slice(2));
