// One DynamoDB Local per data folder. Two of them on the same files do not
// share their locks: conditional writes stop holding across them, and one
// hangs on "database is locked". So the folder's DynamoDB Local is owned by a
// small detached supervisor process (dynamo-supervisor.ts), and every command
// that uses the folder, `serve` included, attaches to it.
//
// The lock is a local socket the supervisor listens on, named after the
// folder: on Linux in the abstract namespace, so the kernel frees the name the
// moment the supervisor dies, however it dies, and a stale lock cannot exist;
// elsewhere a socket file, stale once nothing accepts on it. A command
// attaches by connecting: the supervisor answers with the endpoint, and the
// open connection is the command's hold on the database (it closes with the
// command, even on SIGKILL). With no connection for `idleMs` the supervisor
// stops DynamoDB Local and exits. The lock file beside the data holds the
// same facts for people and tools: the endpoint and both process ids.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'dynamodb.lock';
export const SUPERVISOR_LOG = 'dynamodb.log';
export const TABLES_DIR = 'dynamodb';
/** How long the supervisor keeps DynamoDB Local after the last command let go: the next command starts at once. */
export const DEFAULT_IDLE_MS = 60_000;

/** What the lock file says. */
export interface LockFacts {
  supervisorPid: number;
  javaPid: number | null;
  endpoint: string | null;
  state: 'starting' | 'ready';
  dataDir: string;
  updatedAt: string;
}

/** One line from the supervisor to an attaching command. */
export type SupervisorMessage =
  | { kind: 'hello'; supervisorPid: number }
  | { kind: 'ready'; endpoint: string }
  | { kind: 'stopping' }
  | { kind: 'failed'; error: string };

/** The socket that is the lock, named after the folder's real path (resolve symlinks first). */
export function lockAddress(realDataDir: string): string {
  const key = createHash('sha256').update(realDataDir).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return `\0article-change-monitor/dynamodb/${key}`;
  if (process.platform === 'win32') return `\\\\?\\pipe\\article-change-monitor-dynamodb-${key}`;
  // Socket paths are short (104 bytes on macOS), so not inside a data folder that may be deep.
  return join(tmpdir(), `article-monitor-dynamodb-${key}.sock`);
}

/** True when the lock is a file that can outlive its owner. */
export function lockIsFile(address: string): boolean {
  return !address.startsWith('\0') && !address.startsWith('\\\\?\\pipe\\');
}

export function readLockFacts(realDataDir: string): LockFacts | null {
  const file = join(realDataDir, LOCK_FILE);
  if (!existsSync(file)) return null;
  try {
    const facts = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockFacts>;
    return typeof facts.supervisorPid === 'number' ? (facts as LockFacts) : null;
  } catch {
    return null;
  }
}

/** Written whole or not at all (rename), so a reader never sees half a file. */
export function writeLockFacts(realDataDir: string, facts: Omit<LockFacts, 'dataDir' | 'updatedAt'>): void {
  const file = join(realDataDir, LOCK_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...facts, dataDir: realDataDir, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  renameSync(temporary, file);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function encodeMessage(message: SupervisorMessage): string {
  return `${JSON.stringify(message)}\n`;
}

export function decodeMessage(line: string): SupervisorMessage | null {
  try {
    const value = JSON.parse(line) as { kind?: unknown };
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' ? (value as SupervisorMessage) : null;
  } catch {
    return null;
  }
}
