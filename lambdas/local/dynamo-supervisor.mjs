// Starts the supervisor process from the TypeScript sources, as bin/monitor.mjs
// does when it runs the CLI from them: tsx's loader first, then the supervisor's
// module. A bundled CLI finds the bundled supervisor under this name beside itself.
const { register } = await import('tsx/esm/api');
register();
await import('./dynamo-supervisor.ts');
