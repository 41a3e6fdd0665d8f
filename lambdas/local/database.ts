// Where local commands find their DynamoDB: an explicit --endpoint, or the one
// DynamoDB Local of the data folder (tables under <data>/dynamodb), shared by
// every command and `serve` on that folder and started by whichever comes
// first (dynamo-lock.ts says how).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoLocalStartError } from '../errors';
import { DEFAULT_IDLE_MS, SUPERVISOR_LOG, decodeMessage, lockAddress, readLockFacts, type SupervisorMessage } from './dynamo-lock';

export interface LocalDatabase {
  endpoint: string;
  /** Lets go of the folder's DynamoDB Local (it stops once nobody has held it for a while). */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  /** Use this DynamoDB and start nothing. */
  endpoint?: string;
  /** How long the shared DynamoDB Local outlives its last holder, if this command starts it. */
  idleMs?: number;
  /**
   * Attach again if the supervisor goes away while this holder runs (serve does), asking for the
   * same port so the endpoint stays valid; `log` hears about it.
   */
  reattach?: { log: (line: string) => void };
}

/** DynamoDB Local takes a few seconds to start; on a loaded machine, many more. */
const START_TIMEOUT_MS = 90_000;
/** A supervisor says hello at once; one that accepts but stays silent is stopped or hung. */
const HELLO_TIMEOUT_MS = 5000;
/** A supervisor being spawned needs a moment (tsx) before it listens; do not spawn a crowd meanwhile. */
const RESPAWN_AFTER_MS = 5000;

function idleMsFromEnv(): number | undefined {
  const value = Number(process.env.MONITOR_DYNAMODB_IDLE_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<LocalDatabase> {
  if (options.endpoint) return { endpoint: options.endpoint, close: async () => {} };
  mkdirSync(options.dataDir, { recursive: true });
  const dataDir = realpathSync(options.dataDir);
  const idleMs = options.idleMs ?? idleMsFromEnv() ?? DEFAULT_IDLE_MS;
  const first = await attach(dataDir, idleMs, undefined);
  let current = first;
  let closed = false;
  const keep = (held: Attached): void => {
    held.socket.once('close', () => {
      if (closed || !options.reattach) return;
      options.reattach.log(`monitor: DynamoDB Local for ${dataDir} went away; starting it again`);
      void reattachLoop(held);
    });
  };
  const reattachLoop = async (lost: Attached): Promise<void> => {
    const port = Number(new URL(lost.endpoint).port);
    for (let attempt = 1; !closed; attempt++) {
      try {
        current = await attach(dataDir, idleMs, port);
        if (current.endpoint !== first.endpoint) {
          options.reattach?.log(`monitor: DynamoDB Local is now at ${current.endpoint}, not ${first.endpoint}; restart to use it`);
        }
        keep(current);
        return;
      } catch (error) {
        options.reattach?.log(`monitor: DynamoDB Local did not start again: ${error instanceof Error ? error.message : String(error)}`);
        await pause(Math.min(30_000, 1000 * 2 ** attempt));
      }
    }
  };
  keep(first);
  return {
    endpoint: first.endpoint,
    close: async () => {
      closed = true;
      current.socket.destroy();
    },
  };
}

interface Attached {
  endpoint: string;
  socket: Socket;
}

type Attempt = { kind: 'attached'; attached: Attached } | { kind: 'absent' } | { kind: 'again' } | { kind: 'silent' } | { kind: 'failed'; error: string };

async function attach(dataDir: string, idleMs: number, preferredPort: number | undefined): Promise<Attached> {
  const address = lockAddress(dataDir);
  const deadline = Date.now() + START_TIMEOUT_MS;
  let spawnedAt = 0;
  for (;;) {
    const attempt = await connect(address, deadline);
    switch (attempt.kind) {
      case 'attached':
        return attempt.attached;
      case 'failed':
        throw new DynamoLocalStartError(`DynamoDB Local for ${dataDir} could not be started: ${attempt.error}`);
      case 'silent': {
        const facts = readLockFacts(dataDir);
        const who = facts ? ` (supervisor pid ${facts.supervisorPid}, DynamoDB Local pid ${facts.javaPid ?? 'none'})` : '';
        throw new DynamoLocalStartError(
          `the DynamoDB Local of ${dataDir}${who} accepts connections but does not answer; it may be stopped. Nothing else is started on the same files.`,
        );
      }
      case 'absent':
        if (Date.now() - spawnedAt > RESPAWN_AFTER_MS) {
          spawnSupervisor(dataDir, idleMs, preferredPort);
          spawnedAt = Date.now();
        }
        break;
      case 'again':
        break;
    }
    if (Date.now() > deadline) {
      throw new DynamoLocalStartError(`DynamoDB Local for ${dataDir} did not start within ${START_TIMEOUT_MS / 1000} s${logTail(dataDir)}`);
    }
    await pause(attempt.kind === 'absent' ? 150 : 250);
  }
}

/** One connection to the folder's supervisor, waiting for its endpoint. */
function connect(address: string, deadline: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = createConnection(address);
    let settled = false;
    let greeted = false;
    let buffer = '';
    const finish = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(helloTimer);
      clearTimeout(readyTimer);
      if (attempt.kind !== 'attached') socket.destroy();
      resolve(attempt);
    };
    const helloTimer = setTimeout(() => finish({ kind: 'silent' }), HELLO_TIMEOUT_MS);
    const readyTimer = setTimeout(() => finish({ kind: 'again' }), Math.max(0, deadline - Date.now()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? { kind: 'absent' } : { kind: 'again' });
    });
    socket.on('close', () => finish({ kind: 'again' }));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
        const message: SupervisorMessage | null = decodeMessage(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (message === null) continue;
        if (message.kind === 'hello') {
          greeted = true;
          clearTimeout(helloTimer);
        } else if (message.kind === 'ready' && greeted) {
          // Later lines (a restart on the same port) need no answer; the connection itself is the hold.
          socket.removeAllListeners('data');
          socket.on('data', () => {});
          // The hold must not keep a finished command alive; its end (or death) lets go all the same.
          socket.unref();
          finish({ kind: 'attached', attached: { endpoint: message.endpoint, socket } });
        } else if (message.kind === 'stopping') {
          finish({ kind: 'again' });
        } else if (message.kind === 'failed') {
          finish({ kind: 'failed', error: message.error });
        }
      }
    });
  });
}

function spawnSupervisor(dataDir: string, idleMs: number, preferredPort: number | undefined): void {
  // The starter beside this module: the sources' tsx launcher, or in a bundled CLI the bundled supervisor.
  const script = fileURLToPath(new URL('./dynamo-supervisor.mjs', import.meta.url));
  const logFd = openSync(join(dataDir, SUPERVISOR_LOG), 'a');
  try {
    const child = spawn(process.execPath, [script, dataDir, String(idleMs), ...(preferredPort !== undefined ? [String(preferredPort)] : [])], {
      // Its own session: a Ctrl-C or SIGKILL of this command must not take the shared database with it.
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.unref();
  } finally {
    closeSync(logFd);
  }
}

function logTail(dataDir: string): string {
  try {
    const text = readFileSync(join(dataDir, SUPERVISOR_LOG), 'utf8').trim();
    return text ? `; the end of ${join(dataDir, SUPERVISOR_LOG)}:\n${text.slice(-1500)}` : '';
  } catch {
    return '';
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
