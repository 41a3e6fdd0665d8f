// Starts a content worker thread from the TypeScript sources, as bin/monitor.mjs
// starts the CLI: tsx's loader first, then the worker's module.
const { register } = await import('tsx/esm/api');
register();
await import('./content-worker.ts');
