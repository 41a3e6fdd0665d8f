// Starts a content worker thread from the TypeScript sources, as bin/monitor.mjs
// does when it runs the CLI from them: tsx's loader first, then the worker's
// module. A bundled CLI finds the bundled worker under this name beside itself.
const { register } = await import('tsx/esm/api');
register();
await import('./content-worker.ts');
