#!/usr/bin/env node
// `npm run test:browser`: runs the browser tests in Debian's headless Chromium, or says
// plainly that it cannot and why (Chromium is a system package, not an npm one).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`test:browser: skipped — no Chromium at ${chromium} (install Debian's "chromium" package, or set CHROMIUM_PATH)`);
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.browser.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
