import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../lambdas/service/host-limiter';
import { ConfigError, FetchNotStartedError, HostBusyError } from '../../lambdas/errors';

/** A clock that only moves when the test says, with sleepers woken in time order. */
class ManualClock {
  current = 0;
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  now = () => this.current;

  sleep = (ms: number) => new Promise<void>((wake) => this.sleepers.push({ at: this.current + ms, wake }));

  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > target) break;
      this.sleepers.shift();
      this.current = next.at;
      next.wake();
      await settle();
    }
    this.current = target;
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A task the test finishes by hand, recording when it started. */
function manualTask(log: string[], name: string, clock?: ManualClock) {
  let finish = () => {};
  const task = () =>
    new Promise<string>((resolve) => {
      log.push(clock ? `${name}@${clock.now()}` : name);
      finish = () => resolve(name);
    });
  return { task, finish: () => finish() };
}

/** A task on news.example that may wait at most 50 ms for its turn: the HostBusyError it must be refused with. */
async function refusedRun(limiter: HostLimiter, started: string[], clock: ManualClock): Promise<HostBusyError> {
  const refused = await limiter.run('news.example', manualTask(started, 'refused', clock).task, { waitAtMostMs: 50 }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(HostBusyError);
  return refused as HostBusyError;
}

describe('HostLimiter', () => {
  it('runs at most N tasks at once on one host, the rest in arrival order', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 2, perHostGapMs: 0, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => manualTask(started, name));
    const results = tasks.map((t) => limiter.run('news.example', t.task));
    await settle();
    expect(started).toEqual(['a', 'b']);
    tasks[1]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]?.finish();
    tasks[2]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    tasks[3]?.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the minimum gap between starts on one host', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 5, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const runs = ['a', 'b', 'c'].map((name) => limiter.run('news.example', async () => void started.push(`${name}@${clock.now()}`)));
    await clock.advance(999);
    expect(started).toEqual(['a@0']);
    await clock.advance(1);
    expect(started).toEqual(['a@0', 'b@1000']);
    await clock.advance(1000);
    await Promise.all(runs);
    expect(started).toEqual(['a@0', 'b@1000', 'c@2000']);
  });

  it('keeps a longer gap a site asked for, and never less than the configured one', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 5, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const runs = [
      limiter.run('slow.example', async () => void started.push(`a@${clock.now()}`), { gapMs: 5000 }),
      limiter.run('slow.example', async () => void started.push(`b@${clock.now()}`), { gapMs: 10 }),
      limiter.run('slow.example', async () => void started.push(`c@${clock.now()}`)),
    ];
    await clock.advance(7000);
    await Promise.all(runs);
    expect(started).toEqual(['a@0', 'b@5000', 'c@6000']);
  });

  it('starts at once when the gap has already passed', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const started: number[] = [];
    await limiter.run('news.example', async () => void started.push(clock.now()));
    await clock.advance(5000);
    await limiter.run('news.example', async () => void started.push(clock.now()));
    expect(started).toEqual([0, 5000]);
  });

  it('does not hold one host back for another', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 60_000, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const slow = manualTask(started, 'slow-a', clock);
    const first = limiter.run('a.example', slow.task);
    const queued = limiter.run('a.example', async () => void started.push(`a2@${clock.now()}`));
    const other = limiter.run('b.example', async () => void started.push(`b@${clock.now()}`));
    await settle();
    expect(started).toEqual(['slow-a@0', 'b@0']);
    slow.finish();
    await clock.advance(60_000);
    await Promise.all([first, queued, other]);
    expect(started).toEqual(['slow-a@0', 'b@0', 'a2@60000']);
  });

  it('treats host names case-insensitively', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const upper = manualTask(started, 'upper');
    const running = limiter.run('News.Example', upper.task);
    const waiting = limiter.run('news.example', async () => void started.push('lower'));
    await settle();
    expect(started).toEqual(['upper']);
    upper.finish();
    await Promise.all([running, waiting]);
    expect(started).toEqual(['upper', 'lower']);
  });

  it('passes a failure through and frees the slot for the next task', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, now: clock.now, sleep: clock.sleep });
    const failing = limiter.run('news.example', async () => {
      throw new Error('boom');
    });
    const next = limiter.run('news.example', async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it.each([
    [{ perHostConcurrency: 0, perHostGapMs: 0 }, /perHostConcurrency/],
    [{ perHostConcurrency: 1.5, perHostGapMs: 0 }, /perHostConcurrency/],
    [{ perHostConcurrency: 1, perHostGapMs: -1 }, /perHostGap/],
    [{ perHostConcurrency: 1, perHostGapMs: Number.NaN }, /perHostGap/],
  ])('refuses bad settings %o with a clear error', (options, message) => {
    expect(() => new HostLimiter(options)).toThrow(ConfigError);
    expect(() => new HostLimiter(options)).toThrow(message);
  });

  it('refuses, rather than waits, a task whose turn is further off than the caller allows, and books nothing for it', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 2, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const first = manualTask(started, 'first', clock);
    const running = limiter.run('news.example', first.task);
    await clock.advance(300);
    expect((await refusedRun(limiter, started, clock)).retryAfterMs).toBe(700);
    // Its turn was not taken: the next caller that waits gets the very next one, 1000 ms after the first start.
    const waiter = manualTask(started, 'waiter', clock);
    const waited = limiter.run('news.example', waiter.task);
    await clock.advance(700);
    expect(started).toEqual(['first@0', 'waiter@1000']);
    // A host with its turn free now is not refused.
    const close = manualTask(started, 'close', clock);
    const closeRun = limiter.run('other.example', close.task, { waitAtMostMs: 50 });
    await settle();
    expect(started).toContain('close@1000');
    for (const task of [first, waiter, close]) task.finish();
    await Promise.all([running, waited, closeRun]);
  });

  it('refuses a task on a host whose every slot is taken, for at least the gap', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 500, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    const slow = manualTask(started, 'slow', clock);
    const running = limiter.run('news.example', slow.task);
    await clock.advance(2000);
    expect((await refusedRun(limiter, started, clock)).retryAfterMs).toBe(500);
    slow.finish();
    await running;
    expect(started).toEqual(['slow@0']);
  });

  it('gives up the callers still waiting when the run is stopped, never starting them, and lets the running task finish', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const stop = new AbortController();
    const started: string[] = [];
    const [running, queued] = [manualTask(started, 'running', clock), manualTask(started, 'queued', clock)];
    const first = limiter.run('news.example', running.task, { stop: stop.signal });
    const second = limiter.run('news.example', queued.task, { stop: stop.signal }).catch((error: unknown) => error);
    await settle();
    stop.abort();
    expect(await second).toBeInstanceOf(FetchNotStartedError);
    running.finish();
    expect(await first).toBe('running');
    await expect(limiter.run('news.example', manualTask(started, 'late', clock).task, { stop: stop.signal })).rejects.toBeInstanceOf(FetchNotStartedError);
    expect(started).toEqual(['running@0']);
  });

  it('gives up a caller sleeping until its turn when the run is stopped, and the host stays usable', async () => {
    const clock = new ManualClock();
    const limiter = new HostLimiter({ perHostConcurrency: 2, perHostGapMs: 1000, now: clock.now, sleep: clock.sleep });
    const stop = new AbortController();
    const started: string[] = [];
    const first = manualTask(started, 'first', clock);
    const done = limiter.run('news.example', first.task);
    const sleeping = limiter.run('news.example', manualTask(started, 'sleeping', clock).task, { stop: stop.signal }).catch((error: unknown) => error);
    await settle();
    stop.abort();
    expect(await sleeping).toBeInstanceOf(FetchNotStartedError);
    first.finish();
    await done;
    const next = manualTask(started, 'next', clock);
    const after = limiter.run('news.example', next.task);
    await clock.advance(2000);
    next.finish();
    await after;
    expect(started).toEqual(['first@0', 'next@2000']);
  });
});
