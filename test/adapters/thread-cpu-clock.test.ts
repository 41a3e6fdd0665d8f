// The extraction budget's clock counts the reading thread's own CPU time: a
// pool worker must not be charged for what its siblings or the main thread did.
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { threadCpuClock } from '../../lambdas/adapters/thread-cpu-clock';
import { processCpuClock } from '../../lambdas/domain/extract/work-budget';

it("counts the calling thread's own work", () => {
  const wallStart = performance.now();
  const start = threadCpuClock();
  // Spins until the clock says 100 ms went by: a clock in the wrong unit ends far too soon, a stuck one never.
  while (threadCpuClock() - start < 100) {}
  expect(performance.now() - wallStart).toBeGreaterThanOrEqual(100);
});

it("does not count another thread's work", async () => {
  const threadStart = threadCpuClock();
  const processStart = processCpuClock();
  // The worker spins for 400 ms of its own CPU time while this thread sleeps in the event loop.
  const spinner = new Worker(
    `const { readFileSync } = require('node:fs');
     const own = () => Number.parseInt(readFileSync('/proc/thread-self/schedstat', 'latin1'), 10) / 1e6;
     const mine = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
     const clock = Number.isFinite(own()) ? own : mine;
     const start = clock();
     while (clock() - start < 400) {}
     require('node:worker_threads').parentPort.postMessage('done');`,
    { eval: true },
  );
  await new Promise((resolve, reject) => {
    spinner.once('message', resolve);
    spinner.once('error', reject);
  });
  await spinner.terminate();
  // The worker really ran (the process was charged for it), and this thread was not.
  expect(processCpuClock() - processStart).toBeGreaterThanOrEqual(400);
  expect(threadCpuClock() - threadStart).toBeLessThan(200);
});
