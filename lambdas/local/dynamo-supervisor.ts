// The detached process that owns a data folder's DynamoDB Local (see
// dynamo-lock.ts for the protocol). Started by the first command that finds no
// supervisor for its folder:
//   node dynamo-supervisor.mjs <real data dir> <idle ms> [preferred port]
// It exits at once, quietly, when another supervisor already holds the lock.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoLocal, type DynamoLocal } from './dynamo-local';
import { LOCK_FILE, TABLES_DIR, encodeMessage, isAlive, lockAddress, lockIsFile, readLockFacts, writeLockFacts, type SupervisorMessage } from './dynamo-lock';

/** A DynamoDB Local that dies under us is started again on the same port, this often in a row at most. */
const RESTART_ATTEMPTS = 5;

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} supervisor ${process.pid}: ${line}\n`);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(address, () => {
      server.off('error', fail);
      done();
    });
  });
}

/** A socket file whose owner is gone refuses connections; a live one accepts. */
function socketFileAnswers(address: string): Promise<boolean> {
  return new Promise((done) => {
    const probe = createConnection(address);
    probe.once('connect', () => {
      probe.destroy();
      done(true);
    });
    probe.once('error', () => done(false));
  });
}

/** Takes the lock, or returns false when another supervisor holds it. */
async function takeLock(server: Server, address: string): Promise<boolean> {
  try {
    await listen(server, address);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  }
  if (!lockIsFile(address) || (await socketFileAnswers(address))) return false;
  // A socket file left by a supervisor that died: stale.
  rmSync(address, { force: true });
  try {
    await listen(server, address);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
}

/** Is this process the DynamoDB Local of a supervisor that died? (Its watchdog kills it within a second or so.) */
function isOrphanedDynamo(pid: number): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false;
  }
}

/** Two DynamoDB Locals must never share the files, not even for the moment an orphan takes to die. */
async function awaitOrphan(realDataDir: string): Promise<void> {
  const javaPid = readLockFacts(realDataDir)?.javaPid ?? null;
  if (javaPid === null) return;
  const deadline = Date.now() + 3000;
  while (isOrphanedDynamo(javaPid)) {
    if (Date.now() > deadline) {
      log(`killing the DynamoDB Local (pid ${javaPid}) a dead supervisor left behind`);
      process.kill(javaPid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const [realDataDir, idleArg, portArg] = process.argv.slice(2);
  if (!realDataDir) throw new Error('usage: dynamo-supervisor <real data dir> <idle ms> [port]');
  const idleMs = Number(idleArg) > 0 ? Number(idleArg) : 60_000;
  const address = lockAddress(realDataDir);
  const server = createServer();
  if (!(await takeLock(server, address))) return;

  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  let dynamo: DynamoLocal | null = null;
  const holders = new Set<Socket>();
  let idleTimer: NodeJS.Timeout | undefined;

  const send = (socket: Socket, message: SupervisorMessage): void => {
    if (!socket.destroyed) socket.write(encodeMessage(message));
  };
  const broadcast = (message: SupervisorMessage): void => {
    for (const socket of holders) send(socket, message);
  };

  const stop = async (why: string): Promise<void> => {
    if (state === 'stopping') return;
    state = 'stopping';
    clearTimeout(idleTimer);
    log(`stopping: ${why}`);
    // The lock is kept until DynamoDB Local is gone: no successor may open the files before then.
    await dynamo?.stop();
    rmSync(join(realDataDir, LOCK_FILE), { force: true });
    for (const socket of holders) socket.destroy();
    server.close();
    if (lockIsFile(address)) rmSync(address, { force: true });
    process.exit(0);
  };
  const idleCheck = (): void => {
    clearTimeout(idleTimer);
    if (holders.size === 0 && state === 'ready') {
      idleTimer = setTimeout(() => void stop(`no command attached for ${idleMs} ms`), idleMs);
    }
  };

  server.on('connection', (socket) => {
    socket.on('error', () => {});
    if (state === 'stopping') {
      send(socket, { kind: 'stopping' });
      socket.end();
      return;
    }
    holders.add(socket);
    clearTimeout(idleTimer);
    socket.on('close', () => {
      holders.delete(socket);
      idleCheck();
    });
    send(socket, { kind: 'hello', supervisorPid: process.pid });
    if (state === 'ready' && dynamo) send(socket, { kind: 'ready', endpoint: dynamo.endpoint });
  });
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await awaitOrphan(realDataDir);
  writeLockFacts(realDataDir, { supervisorPid: process.pid, javaPid: null, endpoint: null, state: 'starting' });
  const tables = join(realDataDir, TABLES_DIR);
  const preferredPort = Number(portArg) > 0 ? Number(portArg) : undefined;

  const start = async (port: number | undefined): Promise<DynamoLocal> => {
    try {
      return await startDynamoLocal({ dataDir: tables, ...(port !== undefined ? { port } : {}) });
    } catch (error) {
      // The port a previous DynamoDB Local had may be taken by now; any free one will do for a first start.
      if (port === undefined || port !== preferredPort) throw error;
      log(`port ${port} unavailable, taking another: ${error instanceof Error ? error.message : String(error)}`);
      return startDynamoLocal({ dataDir: tables });
    }
  };
  const becomeReady = (started: DynamoLocal): void => {
    dynamo = started;
    state = 'ready';
    writeLockFacts(realDataDir, { supervisorPid: process.pid, javaPid: started.pid ?? null, endpoint: started.endpoint, state: 'ready' });
    log(`DynamoDB Local (pid ${started.pid}) at ${started.endpoint}`);
    broadcast({ kind: 'ready', endpoint: started.endpoint });
    idleCheck();
    void started.exited.then(() => restartAfterExit(started));
  };
  // Killed under us (out of memory, a stray kill): start it again on the same port, so every
  // attached command and `serve` carry on with the endpoint they already have.
  const restartAfterExit = async (dead: DynamoLocal): Promise<void> => {
    if (state === 'stopping') return;
    state = 'starting';
    const port = Number(new URL(dead.endpoint).port);
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
      log(`DynamoDB Local exited; restarting on port ${port} (attempt ${attempt})`);
      try {
        becomeReady(await startDynamoLocal({ dataDir: tables, port }));
        return;
      } catch (error) {
        log(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
    broadcast({ kind: 'failed', error: `DynamoDB Local for ${realDataDir} keeps exiting; see ${join(realDataDir, 'dynamodb.log')}` });
    await stop('DynamoDB Local could not be restarted');
  };

  try {
    becomeReady(await start(preferredPort));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`start failed: ${message}`);
    broadcast({ kind: 'failed', error: message });
    state = 'stopping';
    rmSync(join(realDataDir, LOCK_FILE), { force: true });
    // Let the failure reach the holders before the connections close.
    setTimeout(() => process.exit(1), 200);
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
