// Politeness towards each site: never more than a few requests in flight to
// one host, and a minimum gap between their starts, so a burst of due
// articles from one newspaper is spread out instead of hammering it. Hosts
// never wait on each other.
import { ConfigError, FetchNotStartedError, HostBusyError } from '../errors';

export interface HostLimiterOptions {
  perHostConcurrency: number;
  perHostGapMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface HostState {
  running: number;
  /** Callers waiting for a slot, first come first served; each is handed a slot directly. */
  waiting: Array<() => void>;
  /** Earliest time the next task on this host may start. */
  nextStartAt: number;
}

const IDLE_SWEEP_THRESHOLD = 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly concurrency: number;
  private readonly gapMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: HostLimiterOptions) {
    if (!Number.isInteger(options.perHostConcurrency) || options.perHostConcurrency < 1) {
      throw new ConfigError(`politeness.perHostConcurrency: expected a whole number of at least 1, got ${options.perHostConcurrency}`);
    }
    if (!Number.isFinite(options.perHostGapMs) || options.perHostGapMs < 0) {
      throw new ConfigError(`politeness.perHostGap: expected a duration of 0 or more, got ${options.perHostGapMs}`);
    }
    this.concurrency = options.perHostConcurrency;
    this.gapMs = options.perHostGapMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /**
   * @param gapMs a longer gap this site asked for (robots.txt Crawl-delay); the configured gap is the least.
   * @param waitAtMostMs instead of waiting longer than this for the host's turn, throw HostBusyError
   *   (nothing booked, nothing run); unset, wait as long as it takes.
   * @param stop once aborted, a caller still waiting for its turn gives up with FetchNotStartedError
   *   (the task never runs); a task already running is not touched.
   */
  async run<T>(host: string, task: () => Promise<T>, options: { gapMs?: number; waitAtMostMs?: number; stop?: AbortSignal } = {}): Promise<T> {
    const key = host.toLowerCase();
    const { stop } = options;
    if (stop?.aborted) throw notStarted(key);
    const state = this.stateFor(key);
    const gapMs = Math.max(this.gapMs, options.gapMs ?? 0);
    if (options.waitAtMostMs !== undefined) this.refuseFullHost(key, state, gapMs, options.waitAtMostMs);
    await this.takeSlot(key, state, stop);
    try {
      await this.waitForTurn(key, state, gapMs, options.waitAtMostMs, stop);
      if (stop?.aborted) throw notStarted(key);
      return await task();
    } finally {
      this.releaseSlot(key, state);
    }
  }

  /** A full host frees a slot only when a fetch ends, which may take a while: the gap is a lower bound on that wait. */
  private refuseFullHost(key: string, state: HostState, gapMs: number, waitAtMostMs: number): void {
    if (state.running < this.concurrency && state.waiting.length === 0) return;
    const waitMs = Math.max(gapMs, state.nextStartAt - this.now());
    if (waitMs > waitAtMostMs) throw hostBusy(key, waitMs);
  }

  private stateFor(key: string): HostState {
    let state = this.hosts.get(key);
    if (!state) {
      if (this.hosts.size >= IDLE_SWEEP_THRESHOLD) this.forgetIdleHosts();
      state = { running: 0, waiting: [], nextStartAt: -Infinity };
      this.hosts.set(key, state);
    }
    return state;
  }

  private forgetIdleHosts(): void {
    const now = this.now();
    for (const [key, state] of this.hosts) {
      if (state.running === 0 && state.nextStartAt <= now) this.hosts.delete(key);
    }
  }

  private takeSlot(key: string, state: HostState, stop: AbortSignal | undefined): Promise<void> {
    if (state.running < this.concurrency && state.waiting.length === 0) {
      state.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const handOver = (): void => {
        stop?.removeEventListener('abort', giveUp);
        resolve();
      };
      // Out of the queue, so the slot it would have been handed goes to the next caller instead.
      const giveUp = (): void => {
        const place = state.waiting.indexOf(handOver);
        if (place >= 0) state.waiting.splice(place, 1);
        reject(notStarted(key));
      };
      state.waiting.push(handOver);
      stop?.addEventListener('abort', giveUp, { once: true });
    });
  }

  /**
   * Start times are booked in slot order before sleeping, so two waiters can never book the same moment;
   * a turn too far off for the caller is refused in the same synchronous step, unbooked.
   */
  private async waitForTurn(key: string, state: HostState, gapMs: number, waitAtMostMs: number | undefined, stop: AbortSignal | undefined): Promise<void> {
    const now = this.now();
    const startAt = Math.max(now, state.nextStartAt);
    if (waitAtMostMs !== undefined && startAt - now > waitAtMostMs) throw hostBusy(key, startAt - now);
    state.nextStartAt = startAt + gapMs;
    if (startAt <= now) return;
    if (!stop) return this.sleep(startAt - now);
    // The booked moment stays booked when the caller gives up: the host just gets a longer gap.
    let giveUp = (): void => {};
    const stopped = new Promise<never>((_resolve, reject) => {
      giveUp = () => reject(notStarted(key));
      stop.addEventListener('abort', giveUp, { once: true });
    });
    try {
      await Promise.race([this.sleep(startAt - now), stopped]);
    } finally {
      stop.removeEventListener('abort', giveUp);
    }
  }

  private releaseSlot(key: string, state: HostState): void {
    const next = state.waiting.shift();
    if (next) {
      // The slot passes straight to the next waiter; `running` stays the same.
      next();
      return;
    }
    state.running--;
    // Forget idle hosts once their gap has passed, so the map does not grow with every host ever seen.
    if (state.running === 0 && state.nextStartAt <= this.now()) this.hosts.delete(key);
  }
}

function notStarted(key: string): FetchNotStartedError {
  return new FetchNotStartedError(`stopped while waiting for a turn at ${key}; nothing was fetched`);
}

function hostBusy(key: string, waitMs: number): HostBusyError {
  return new HostBusyError(`${key} is busy for at least another ${Math.ceil(waitMs)} ms`, Math.ceil(waitMs));
}
