// A function's execution environments: up to `maxContainers` child processes (lambda-container.mjs on
// the Node 22 binary, like the nodejs22.x runtime), each running one invocation at a time, started on
// demand and kept warm. The template's environment variables reach the handler as they would on Lambda,
// with the SDKs pointed at the emulators by the standard AWS_ENDPOINT_URL_<SERVICE> variables.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { NODE22 } from './node22';

const CONTAINER = fileURLToPath(new URL('./lambda-container.mjs', import.meta.url));
const LOOPBACK_DNS = new URL('./loopback-dns.mjs', import.meta.url).href;

export interface InvocationResult {
  ok: boolean;
  result: unknown;
  error: { name: string; message: string; stack: string } | null;
  ms: number;
  cpuMicros: number;
}

export interface FunctionStats {
  invocations: number;
  errors: number;
  cpuMicros: number;
  ms: number;
  logBytes: number;
  /** Most containers running an invocation at one time. */
  peakConcurrency: number;
}

export interface PoolOptions {
  name: string;
  assetDir: string;
  handler: string;
  timeoutS: number;
  memoryMb: number;
  environment: Record<string, string>;
  maxContainers: number;
}

interface Container {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  pending: Map<string, (result: InvocationResult) => void>;
}

const LOG_LINES_KEPT = 4000;

export class LambdaPool {
  readonly stats: FunctionStats = { invocations: 0, errors: 0, cpuMicros: 0, ms: 0, logBytes: 0, peakConcurrency: 0 };
  /** The last log lines of every container, for assertions and failure reports. */
  readonly logLines: string[] = [];
  private readonly containers: Container[] = [];
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private closed = false;

  constructor(readonly options: PoolOptions) {}

  async invoke(event: unknown): Promise<InvocationResult> {
    if (this.closed) throw new Error(`${this.options.name}: pool is closed`);
    const container = await this.acquire();
    this.running++;
    this.stats.peakConcurrency = Math.max(this.stats.peakConcurrency, this.running);
    try {
      await container.ready;
      const result = await this.send(container, event);
      this.stats.invocations++;
      this.stats.cpuMicros += result.cpuMicros;
      this.stats.ms += result.ms;
      if (!result.ok) this.stats.errors++;
      return result;
    } finally {
      this.running--;
      container.busy = false;
      this.waiting.shift()?.();
    }
  }

  resetStats(): void {
    Object.assign(this.stats, { invocations: 0, errors: 0, cpuMicros: 0, ms: 0, logBytes: 0, peakConcurrency: 0 });
    this.logLines.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.containers.map(
        (container) =>
          new Promise<void>((resolve) => {
            if (container.child.exitCode !== null || container.child.signalCode !== null) return resolve();
            container.child.once('exit', () => resolve());
            container.child.kill('SIGKILL');
          }),
      ),
    );
  }

  private async acquire(): Promise<Container> {
    for (;;) {
      const idle = this.containers.find((container) => !container.busy && container.child.exitCode === null);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      this.containers.splice(0, this.containers.length, ...this.containers.filter((container) => container.child.exitCode === null));
      if (this.containers.length < this.options.maxContainers) {
        const fresh = this.start();
        fresh.busy = true;
        return fresh;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private start(): Container {
    const { name, assetDir, handler, timeoutS, memoryMb, environment } = this.options;
    const child = spawn(NODE22, ['--import', LOOPBACK_DNS, CONTAINER, assetDir, handler, name, String(timeoutS)], {
      cwd: assetDir,
      // What the Lambda runtime sets, then the function's own variables from the template.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        TZ: 'UTC',
        LANG: 'en_US.UTF-8',
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        LAMBDA_TASK_ROOT: assetDir,
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const container: Container = { child, busy: false, pending: new Map(), ready: Promise.resolve() };
    const collect = (chunk: Buffer): void => {
      this.stats.logBytes += chunk.length;
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') this.logLines.push(line);
      if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    container.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (typeof message === 'object' && message !== null && 'ready' in message) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${name}: container exited (${code}) during init:\n${this.logLines.slice(-20).join('\n')}`)));
    });
    // An init failure is reported by the invocation that waits on it.
    container.ready.catch(() => undefined);
    child.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('id' in message) || typeof message.id !== 'string') return;
      const reply = message as { id: string; ok: boolean; result?: unknown; error?: InvocationResult['error']; ms: number; cpuMicros: number };
      container.pending.get(reply.id)?.({ ok: reply.ok, result: reply.result ?? null, error: reply.error ?? null, ms: reply.ms, cpuMicros: reply.cpuMicros });
      container.pending.delete(reply.id);
    });
    child.once('exit', (code, signal) => {
      for (const settle of container.pending.values()) {
        settle({
          ok: false,
          result: null,
          error: { name: 'Runtime.ExitError', message: `container exited (${code ?? signal})`, stack: '' },
          ms: 0,
          cpuMicros: 0,
        });
      }
      container.pending.clear();
    });
    this.containers.push(container);
    return container;
  }

  private send(container: Container, event: unknown): Promise<InvocationResult> {
    const id = randomUUID();
    return new Promise<InvocationResult>((resolve) => {
      // Lambda ends an invocation at the function's timeout by stopping its environment.
      const timer = setTimeout(
        () => {
          container.pending.delete(id);
          container.child.kill('SIGKILL');
          resolve({
            ok: false,
            result: null,
            error: { name: 'Sandbox.Timedout', message: `timed out after ${this.options.timeoutS} s`, stack: '' },
            ms: 0,
            cpuMicros: 0,
          });
        },
        this.options.timeoutS * 1000 + 1000,
      );
      container.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      container.child.send({ id, event });
    });
  }
}
