// One emulated Lambda execution environment: loads a function's bundle from its asset folder, the way
// the Node.js runtime does, and runs one invocation at a time as its parent (lambda-pool.ts) sends them
// over IPC. Reports the handler's result or error, the wall time and the CPU time the invocation used
// (process.cpuUsage). Exits when the parent goes (the IPC channel closes), so no container outlives a run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [assetDir, handlerSpec, functionName, timeoutSeconds] = process.argv.slice(2);
const dot = handlerSpec.lastIndexOf('.');
const moduleName = handlerSpec.slice(0, dot);
const exportName = handlerSpec.slice(dot + 1);
const file = ['.mjs', '.js', '.cjs'].map((extension) => join(assetDir, moduleName + extension)).find((candidate) => existsSync(candidate));
if (file === undefined) throw new Error(`no ${moduleName}.mjs/.js/.cjs in ${assetDir}`);
const loaded = await import(pathToFileURL(file).href);
const handler = loaded[exportName];
if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);

process.on('disconnect', () => process.exit(0));
// A parent killed outright leaves the channel open to no one: the watchdog notices the re-parenting.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 1000).unref();
process.on('message', async (message) => {
  const started = Date.now();
  const deadline = started + Number(timeoutSeconds) * 1000;
  const context = {
    functionName,
    awsRequestId: message.id,
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    callbackWaitsForEmptyEventLoop: true,
  };
  const cpuBefore = process.cpuUsage();
  let reply;
  try {
    const result = await handler(message.event, context);
    reply = { id: message.id, ok: true, result: result === undefined ? null : result };
  } catch (error) {
    reply = { id: message.id, ok: false, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error), stack: error?.stack ?? '' } };
  }
  const cpu = process.cpuUsage(cpuBefore);
  process.send({ ...reply, ms: Date.now() - started, cpuMicros: cpu.user + cpu.system });
});
process.send({ ready: true });
