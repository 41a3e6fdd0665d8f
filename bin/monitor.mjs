#!/usr/bin/env node
// The `monitor` command. Runs the TypeScript sources through tsx's loader, so
// a fresh clone needs no build step.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../lambdas/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
