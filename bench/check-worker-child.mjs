// Runs the bundled check handler on one SQS event in a process of its own, so
// its peak RSS and CPU time are the worker's alone (setup ran in the parent).
// argv: <bundle.mjs> <event.json>; env: the handler's. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const events = JSON.parse(readFileSync(eventFile, 'utf8'));
const started = process.cpuUsage();
const { handler } = await import(pathToFileURL(bundle).href);
const afterLoad = process.cpuUsage(started);
const runs = [];
for (const event of events) {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = await handler(event, { getRemainingTimeInMillis: () => 300_000 });
  const used = process.cpuUsage(cpu);
  runs.push({
    checks: event.Records.length,
    failed: result.batchItemFailures.length,
    wallMs: Math.round(performance.now() - wall),
    cpuMs: Math.round((used.user + used.system) / 1000),
  });
}
process.stderr.write(
  `${JSON.stringify({ loadCpuMs: Math.round((afterLoad.user + afterLoad.system) / 1000), runs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
