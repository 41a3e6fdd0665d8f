// One check worker invocation: every check of every message in the batch, run
// at once up to a bound. Checks wait on the network, not the CPU, so a worker
// that ran them one after another would pay for idle time. Two checks of one host
// that land together are still spaced: the second waits its turn in the host
// limiter (inside observe), or, given hostWaitLimitMs, is postponed instead.
import type { ArticleHead } from '../domain/types';
import { ArticleNotFoundError, HostBusyError, MonitorError } from '../errors';
import { hostKeyOf } from '../domain/due-lanes';
import type { CheckBatchMessage, QueuedCheck } from '../ports';
import { loadHead } from './article-history';
import { type CheckerDeps, type CheckReport, checkArticle } from './checker';
import { packChecks, type PlannedCheck } from './dispatch';
import { forEachBounded } from './pool';

/**
 * Checks in flight at once in one invocation. A check is mostly waiting (robots.txt, the page,
 * a DynamoDB write), a few ms of CPU between waits: 32 keep about one vCPU busy at 300 ms per
 * fetch (bench/check-worker.ts, unchanged pages: 33 ms CPU per check in a cold invocation, 12 ms
 * warm; 170-210 MB peak RSS for 32 in flight), while staying far below the sockets and memory a 1 GB function has.
 */
export const CHECKS_IN_FLIGHT = 32;

/** What one queue message asks for: dispatch's `{"checks":[…]}` or a hand-queued `{"url"}`. */
export type CheckTarget = QueuedCheck | { url: string };

export interface BatchMessage {
  id: string;
  /** null: the body is not a check message (it is dropped, and said so). */
  targets: CheckTarget[] | null;
}

/** What became of one check. */
export type BatchCheckResult =
  | { messageId: string; target: CheckTarget; status: 'checked'; report: CheckReport; durationMs: number }
  /** Retrying cannot help (unknown article, unusable URL, corrupt item): the message is not failed for it. */
  | { messageId: string; target: CheckTarget; status: 'dropped'; reason: string; durationMs: number }
  /** An infrastructure error worth retrying: the message goes back to the queue. */
  | { messageId: string; target: CheckTarget; status: 'failed'; reason: string; error: unknown; durationMs: number }
  /** Not started: the invocation was running out of time. */
  | { messageId: string; target: CheckTarget; status: 'deferred' }
  /** Not fetched: its host's turn was further off than the batch waits; to be queued again for `afterMs` from now. */
  | { messageId: string; target: QueuedCheck; status: 'postponed'; hostKey: string; afterMs: number };

export interface BatchReport {
  results: BatchCheckResult[];
  /** Messages whose body was not a check message; dropped. */
  malformed: string[];
  /** Messages to hand back to the queue (a check failed and may succeed later, or was deferred). */
  retry: string[];
}

export interface CheckBatchOptions {
  /** At most this many checks at once. */
  concurrency: number;
  /** False once there is too little time left to start another check. */
  hasTimeForAnother: () => boolean;
  /** Whether an error is worth retrying (the queue edge's policy). */
  isRetryable: (error: unknown) => boolean;
  /** Milliseconds, for durations. */
  now: () => number;
  /**
   * A dispatched check whose host's turn is further off than this is not waited for (which would be
   * billed) but reported `postponed`, for the caller to queue again. Unset, every check waits its turn.
   */
  hostWaitLimitMs?: number;
}

const MAX_CHECKS_PER_MESSAGE = 100;

/** Parses a message body; null for anything that is not one of the two shapes. */
export function parseCheckMessage(body: string): CheckTarget[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  if ('checks' in parsed) {
    const checks: unknown = parsed.checks;
    if (!Array.isArray(checks) || checks.length === 0 || checks.length > MAX_CHECKS_PER_MESSAGE) return null;
    const targets: QueuedCheck[] = [];
    for (const check of checks as unknown[]) {
      if (typeof check !== 'object' || check === null || !('key' in check) || !('dueAt' in check)) return null;
      const { key, dueAt } = check;
      if (typeof key !== 'string' || key === '' || typeof dueAt !== 'string' || Number.isNaN(Date.parse(dueAt))) return null;
      targets.push({ key, dueAt });
    }
    return targets;
  }
  if ('url' in parsed && typeof parsed.url === 'string' && parsed.url !== '') return [{ url: parsed.url }];
  return null;
}

export async function checkBatch(deps: CheckerDeps, messages: BatchMessage[], options: CheckBatchOptions): Promise<BatchReport> {
  const malformed = messages.filter((message) => message.targets === null).map((message) => message.id);
  const work = messages.flatMap((message) => (message.targets ?? []).map((target) => ({ messageId: message.id, target })));
  const results: BatchCheckResult[] = [];
  let outOfTime = false;
  await forEachBounded(
    work,
    async ({ messageId, target }) => {
      // Once short of time, every check not yet started is deferred, not just this one.
      outOfTime ||= !options.hasTimeForAnother();
      if (outOfTime) {
        results.push({ messageId, target, status: 'deferred' });
        return;
      }
      results.push(await runOne(deps, messageId, target, options));
    },
    { concurrency: options.concurrency },
  );
  const retry = new Set(results.filter((result) => result.status === 'failed' || result.status === 'deferred').map((result) => result.messageId));
  return { results, malformed, retry: messages.map((message) => message.id).filter((id) => retry.has(id)) };
}

/**
 * How long after its due time a check may still be postponed for a busy host. Past it, the check waits
 * its turn like any other, so a site whose turn keeps being taken cannot postpone one forever.
 */
const POSTPONE_WINDOW_MS = 15 * 60_000;

async function runOne(deps: CheckerDeps, messageId: string, target: CheckTarget, options: CheckBatchOptions): Promise<BatchCheckResult> {
  const started = options.now();
  const elapsed = () => Math.round(options.now() - started);
  try {
    const head = await headOf(deps, target);
    // A hand-queued URL is checked whether due or not; a dispatched check only while still due by its time.
    if (!('dueAt' in target)) return { messageId, target, status: 'checked', report: await checkArticle(deps, head), durationMs: elapsed() };
    const postponable = options.hostWaitLimitMs !== undefined && deps.clock.now().getTime() - Date.parse(target.dueAt) < POSTPONE_WINDOW_MS;
    const checkDeps = postponable ? { ...deps, hostWaitLimitMs: options.hostWaitLimitMs } : deps;
    try {
      const report = await checkArticle(checkDeps, head, { ifDueAt: target.dueAt });
      return { messageId, target, status: 'checked', report, durationMs: elapsed() };
    } catch (error) {
      if (!(error instanceof HostBusyError)) throw error;
      return { messageId, target, status: 'postponed', hostKey: hostKeyOf(head.url), afterMs: error.retryAfterMs };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!options.isRetryable(error)) return { messageId, target, status: 'dropped', reason, durationMs: elapsed() };
    return { messageId, target, status: 'failed', reason, error, durationMs: elapsed() };
  }
}

async function headOf(deps: CheckerDeps, target: CheckTarget): Promise<ArticleHead> {
  if ('url' in target) return loadHead(deps.store, target.url);
  const head = await deps.store.getArticleByKey(target.key);
  if (head === null) throw new ArticleNotFoundError(`article key ${target.key}`);
  return head;
}

/** A short name for what went wrong, for logs and metrics: the error's class of failure. */
export function errorKind(error: unknown): string {
  return error instanceof MonitorError ? error.kind : 'unexpected';
}

/**
 * Postponed checks as queue messages, packed as dispatch packs them (at most one check of a host per
 * message), each held back until its host's turn. Checks of one host postponed by the same wait would
 * land together again: each later one of a host starts a second after the one before.
 */
export function postponedMessages(results: BatchCheckResult[]): CheckBatchMessage[] {
  const hostNext = new Map<string, number>();
  const planned: PlannedCheck[] = [];
  for (const result of results) {
    if (result.status !== 'postponed') continue;
    // Start times as offsets from now, for packChecks with now at 0.
    const startAt = Math.max(result.afterMs, hostNext.get(result.hostKey) ?? 0);
    hostNext.set(result.hostKey, startAt + 1000);
    planned.push({ ...result.target, hostKey: result.hostKey, startAt });
  }
  return packChecks(planned, 0);
}
