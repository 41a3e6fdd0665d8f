// Finds the due checks and hands them on, each once, spaced per host.
//
// A periodic lane (due-lanes.ts) is swept like a clock hand: its cursor says up to which second it
// has been queued, and moving the cursor (a conditional write) claims the window, so two
// dispatchers never queue one window twice and a periodic head is never written to. A one-off
// lane (first checks, retries) is leased instead: its heads move to a lease time that doubles
// each time a check fails to save them, so a check that never completes (poison, a crash) comes
// back with exponential backoff and never loops. Politeness is decided here, not by sleeping in
// the check: each host's checks get start times `perHostGap` apart, carried by the queue's delay.
import type { MonitorConfig } from '../domain/config';
import { DUE_SHARDS, type DueLane, laneName, parseLane, slotSortKey } from '../domain/due-lanes';
import { intervalSeconds } from '../domain/schedule';
import type { CheckBatchMessage, CheckQueue, Clock, DueEntry, DueIndex, QueuedCheck } from '../ports';

/** How often dispatch runs (the EventBridge rate; the local loop's default interval). */
export const DISPATCH_EVERY_MS = 60_000;
/** SQS holds a message back at most this long. */
export const MAX_DELAY_SECONDS = 900;
/** The OverdueArticles threshold: every due article should be queued within this. */
export const OVERDUE_AFTER_MS = 2 * 60_000;
/** At most this many checks in one message. */
export const CHECKS_PER_MESSAGE = 25;
/** Entries claimed and queued per step of a lane. */
const CHUNK = 1000;
/** Lanes worked on at once. */
const LANE_CONCURRENCY = 16;
const FIRST_LEASE_MS = 10 * 60_000;
const MAX_LEASE_MS = 24 * 60 * 60_000;
/** Sorts before every ISO time: the bottom of a one-off lane. */
const BOTTOM = '0';

export interface ClaimDeps {
  dueIndex: DueIndex;
  config: MonitorConfig;
  clock: Clock;
}

export interface DispatchDeps extends ClaimDeps {
  queue: CheckQueue;
}

export interface DispatchOptions {
  /** Stop claiming new work once this much time has gone by; what is claimed is still delivered. */
  budgetMs: number;
}

export interface DispatchReport {
  /** Checks handed on. */
  queued: number;
  /** Checks whose host is busy past the queue's longest delay: moved to a one-off lane at their start time. */
  deferred: number;
  /**
   * Articles due more than two minutes ago that this run did not queue (left behind a lagging
   * lane, deferred), or queued only on a second lease because an earlier check never saved them.
   */
  overdue: number;
  /** Lanes looked at. */
  lanes: number;
  tookMs: number;
}

/** A claimed check and when it may start (epoch ms), for its host's politeness. */
export interface PlannedCheck extends QueuedCheck {
  hostKey: string;
  startAt: number;
}

/** A one-off head's lease: ten minutes, doubling with each lease its check did not end, up to a day. */
export function leaseMs(leaseCount: number): number {
  return Math.min(MAX_LEASE_MS, FIRST_LEASE_MS * 2 ** Math.min(leaseCount, 20));
}

/** Every interval (seconds) a head can be checked at under this schedule. */
export function scheduleIntervals(schedule: MonitorConfig['schedule']): number[] {
  const seconds = new Set<number>();
  for (const step of schedule.steps) {
    seconds.add(intervalSeconds(step.everyMs));
    seconds.add(intervalSeconds(Math.max(step.everyMs, schedule.removedEveryMs)));
  }
  return [...seconds].sort((a, b) => a - b);
}

/** The schedule's lanes, and any lane a cursor remembers (heads left on an interval the config no longer has). */
function lanesToWalk(config: MonitorConfig, cursors: Map<string, number>): DueLane[] {
  const lanes = new Map<string, DueLane>();
  for (let shard = 0; shard < DUE_SHARDS; shard++) {
    const oneOff: DueLane = { kind: 'one-off', shard };
    lanes.set(laneName(oneOff), oneOff);
    for (const every of scheduleIntervals(config.schedule)) {
      const lane: DueLane = { kind: 'periodic', every, shard };
      lanes.set(laneName(lane), lane);
    }
  }
  for (const name of cursors.keys()) {
    const lane = parseLane(name);
    if (lane && !lanes.has(name)) lanes.set(name, lane);
  }
  return [...lanes.values()];
}

/** A slot range of a periodic lane, with the epoch second each slot in it falls on in the window. */
interface SlotRange {
  from: number;
  to: number;
}

/** The slot ranges of the window (after, upto] of an `every`-second grid, oldest first. */
function slotRanges(every: number, after: number, upto: number): SlotRange[] {
  if (upto <= after) return [];
  const start = Math.max(after, upto - every);
  const first = (((start % every) + every) % every) + 1;
  const last = ((upto % every) + every) % every;
  if (upto - start < every && first <= last) return [{ from: first, to: last }];
  return [...(first <= every - 1 ? [{ from: first, to: every - 1 }] : []), { from: 0, to: last }];
}

/** The second in (after, after + every] on which `slot` falls. */
function slotSecond(slot: number, every: number, after: number): number {
  return after + ((((slot - after - 1) % every) + every) % every) + 1;
}

/** The shared state of one run: the clock, the budget, each host's next free start, the tallies. */
class Run {
  readonly startedAt = Date.now();
  readonly now: number;
  readonly hostNext = new Map<string, number>();
  readonly report: DispatchReport = { queued: 0, deferred: 0, overdue: 0, lanes: 0, tookMs: 0 };

  constructor(
    readonly deps: ClaimDeps,
    readonly options: DispatchOptions,
    readonly deliver: (checks: PlannedCheck[]) => Promise<void>,
    readonly busy: Map<string, number>,
  ) {
    this.now = deps.clock.now().getTime();
  }

  get nowSecond(): number {
    return Math.floor(this.now / 1000);
  }

  outOfTime(): boolean {
    return Date.now() - this.startedAt >= this.options.budgetMs;
  }

  /** Each host's checks `perHostGap` apart, from when the host is free (a busy host's record, or now). */
  startFor(hostKey: string): number {
    const gap = this.deps.config.politeness.perHostGapMs;
    const start = Math.max(this.now, this.hostNext.get(hostKey) ?? this.busy.get(hostKey) ?? this.now);
    this.hostNext.set(hostKey, start + gap);
    return start;
  }

  tooLate(startAt: number): boolean {
    return startAt - this.now > MAX_DELAY_SECONDS * 1000;
  }

  overdue(dueAtMs: number): boolean {
    return dueAtMs <= this.now - OVERDUE_AFTER_MS;
  }
}

/** One lane's walk, a chunk at a time. */
interface LaneWalk {
  /** Claims and delivers the next chunk; false once the lane is caught up (or another dispatcher has it). */
  step(): Promise<boolean>;
  /** Counts what is left behind as overdue, when the run stops before the lane is caught up. */
  leftBehind(): Promise<number>;
}

function periodicWalk(run: Run, lane: Extract<DueLane, { kind: 'periodic' }>, cursor: number | null): LaneWalk {
  const name = laneName(lane);
  const { every } = lane;
  const upto = run.nowSecond;
  // A lane never dispatched before starts one interval back: each of its heads once.
  let claimed = cursor;
  let until = cursor ?? upto - every;
  return {
    async step() {
      const ranges = slotRanges(every, until, upto);
      if (ranges.length === 0) return false;
      // Slots fall on their latest second in the window: a lane behind by more than an interval queues each head once.
      const windowStart = Math.max(until, upto - every);
      const entries: DueEntry[] = [];
      let reachedEnd = true;
      for (const range of ranges) {
        if (entries.length >= CHUNK) {
          reachedEnd = false;
          break;
        }
        const page = await run.deps.dueIndex.entries(name, slotSortKey(range.from), slotSortKey(range.to), CHUNK - entries.length);
        entries.push(...page.entries);
        if (page.more) {
          // Stop at a whole second, so the cursor can mark it done: take the rest of the last slot too.
          const last = page.entries.at(-1);
          if (last) {
            let after: DueEntry | undefined = last;
            while (after) {
              const rest = await run.deps.dueIndex.entries(name, last.slot, last.slot, CHUNK, after);
              entries.push(...rest.entries);
              after = rest.more ? rest.entries.at(-1) : undefined;
            }
          }
          reachedEnd = false;
          break;
        }
      }
      const lastEntry = entries.at(-1);
      // An empty window is left unclaimed: no write, and the next run reads it again (at most one interval of it).
      if (!lastEntry) return false;
      const next = reachedEnd ? upto : slotSecond(Number(lastEntry.slot), every, windowStart);
      if (!(await run.deps.dueIndex.claim(name, claimed, next))) return false;
      claimed = next;
      until = next;
      const checks: PlannedCheck[] = [];
      for (const entry of entries) {
        const dueAt = slotSecond(Number(entry.slot), every, windowStart) * 1000;
        const startAt = run.startFor(entry.hostKey);
        if (run.tooLate(startAt)) {
          if (await run.deps.dueIndex.defer(name, entry, laneName({ kind: 'one-off', shard: lane.shard }), new Date(startAt).toISOString())) {
            run.report.deferred++;
            if (run.overdue(dueAt)) run.report.overdue++;
          }
          continue;
        }
        checks.push({ key: entry.key, dueAt: new Date(dueAt).toISOString(), hostKey: entry.hostKey, startAt });
      }
      await run.deliver(checks);
      run.report.queued += checks.length;
      return !reachedEnd;
    },
    async leftBehind() {
      let count = 0;
      for (const range of slotRanges(every, until, Math.floor((run.now - OVERDUE_AFTER_MS) / 1000))) {
        count += await run.deps.dueIndex.count(name, slotSortKey(range.from), slotSortKey(range.to));
      }
      return count;
    },
  };
}

function oneOffWalk(run: Run, lane: Extract<DueLane, { kind: 'one-off' }>): LaneWalk {
  const name = laneName(lane);
  const nowIso = new Date(run.now).toISOString();
  let after: DueEntry | undefined;
  return {
    async step() {
      const page = await run.deps.dueIndex.entries(name, BOTTOM, nowIso, CHUNK, after);
      after = page.entries.at(-1);
      const checks: PlannedCheck[] = [];
      for (const entry of page.entries) {
        const dueAtMs = Date.parse(entry.slot);
        const startAt = run.startFor(entry.hostKey);
        if (run.tooLate(startAt)) {
          if (await run.deps.dueIndex.defer(name, entry, name, new Date(startAt).toISOString())) {
            run.report.deferred++;
            if (run.overdue(dueAtMs)) run.report.overdue++;
          }
          continue;
        }
        // The lease runs from the check's start, so a check held back by politeness is not leased again meanwhile.
        const until = new Date(startAt + leaseMs(entry.leaseCount)).toISOString();
        if (!(await run.deps.dueIndex.lease(name, entry, until))) continue;
        if (entry.leaseCount > 0 && run.overdue(dueAtMs)) run.report.overdue++;
        checks.push({ key: entry.key, dueAt: entry.slot, hostKey: entry.hostKey, startAt });
      }
      await run.deliver(checks);
      run.report.queued += checks.length;
      return page.more;
    },
    async leftBehind() {
      const cutoff = new Date(run.now - OVERDUE_AFTER_MS).toISOString();
      const from = after?.slot ?? BOTTOM;
      return from > cutoff ? 0 : run.deps.dueIndex.count(name, from, cutoff);
    },
  };
}

/**
 * Claims every due check, lane by lane, a chunk at a time (each lane in turn, so a lagging lane
 * cannot starve the others), and hands each chunk to `deliver` as soon as it is claimed. Stops
 * claiming when the budget is spent; what is left is counted as overdue.
 */
export async function claimDue(deps: ClaimDeps, options: DispatchOptions, deliver: (checks: PlannedCheck[]) => Promise<void>): Promise<DispatchReport> {
  const [cursors, busy] = await Promise.all([deps.dueIndex.cursors(), deps.dueIndex.busyHosts()]);
  const run = new Run(deps, options, deliver, busy);
  const lanes = lanesToWalk(deps.config, cursors);
  run.report.lanes = lanes.length;
  // One-off lanes first in each round: retries and deferred checks have waited longest, so they get a busy host's first starts.
  let oneOff: LaneWalk[] = lanes.flatMap((lane) => (lane.kind === 'one-off' ? [oneOffWalk(run, lane)] : []));
  let periodic: LaneWalk[] = lanes.flatMap((lane) => (lane.kind === 'periodic' ? [periodicWalk(run, lane, cursors.get(laneName(lane)) ?? null)] : []));
  const round = async (walks: LaneWalk[]): Promise<LaneWalk[]> => {
    const going: LaneWalk[] = [];
    await forEachLane(walks, async (walk) => {
      if (run.outOfTime() || (await walk.step())) going.push(walk);
    });
    return going;
  };
  while (oneOff.length + periodic.length > 0 && !run.outOfTime()) {
    oneOff = await round(oneOff);
    periodic = await round(periodic);
  }
  const active = [...oneOff, ...periodic];
  for (const walk of active) run.report.overdue += await walk.leftBehind();
  await recordBusyHosts(run);
  run.report.tookMs = Date.now() - run.startedAt;
  return run.report;
}

async function forEachLane(walks: LaneWalk[], task: (walk: LaneWalk) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < walks.length) {
      const walk = walks[next++];
      if (walk) await task(walk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANE_CONCURRENCY, walks.length) }, worker));
}

/**
 * Remembers a host only while it is busy past the next run (its last start is later than that), so
 * the next run spaces its checks after these; an ordinary host costs no write. Records that have
 * passed are dropped.
 */
async function recordBusyHosts(run: Run): Promise<void> {
  const gap = run.deps.config.politeness.perHostGapMs;
  const nextRun = run.now + DISPATCH_EVERY_MS;
  const writes: Promise<void>[] = [];
  for (const [hostKey, freeAt] of run.hostNext) {
    if (freeAt - gap > nextRun) writes.push(run.deps.dueIndex.setHostFreeAt(hostKey, freeAt));
  }
  for (const [hostKey, freeAt] of run.busy) {
    if (freeAt <= run.now && !run.hostNext.has(hostKey)) writes.push(run.deps.dueIndex.forgetHost(hostKey, freeAt));
  }
  await Promise.all(writes);
}

/**
 * Packs checks into queue messages: the checks that start in the same second share a message, at
 * most one per host (so a host's checks stay their gap apart) and at most CHECKS_PER_MESSAGE.
 */
export function packChecks(checks: PlannedCheck[], nowMs: number): CheckBatchMessage[] {
  const bySecond = new Map<number, Array<{ message: CheckBatchMessage; hosts: Set<string> }>>();
  for (const check of checks) {
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((check.startAt - nowMs) / 1000)));
    const open = bySecond.get(delaySeconds) ?? [];
    bySecond.set(delaySeconds, open);
    let slot = open.find((candidate) => candidate.message.checks.length < CHECKS_PER_MESSAGE && !candidate.hosts.has(check.hostKey));
    if (!slot) {
      slot = { message: { checks: [], delaySeconds }, hosts: new Set() };
      open.push(slot);
    }
    slot.message.checks.push({ key: check.key, dueAt: check.dueAt });
    slot.hosts.add(check.hostKey);
  }
  return [...bySecond.keys()].sort((a, b) => a - b).flatMap((second) => (bySecond.get(second) ?? []).map((slot) => slot.message));
}

/** The dispatch Lambda's work: claim what is due and queue it, within the time budget. */
export function dispatchDue(deps: DispatchDeps, options: DispatchOptions): Promise<DispatchReport> {
  const nowMs = deps.clock.now().getTime();
  return claimDue(deps, options, async (checks) => {
    if (checks.length > 0) await deps.queue.enqueue(packChecks(checks, nowMs));
  });
}
