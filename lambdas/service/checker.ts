// Checks one watched article: observe the page, plan what to record, save it
// atomically. The same function runs in the check Lambda, the local runner and
// `monitor check`.
import { planCheck, planContentChange, planFailure, type CheckOutcome, type CheckResult, type Observation, type PlanContext } from '../domain/check-plan';
import type { ArticleHead } from '../domain/types';
import { FetchNotStartedError, HostBusyError, MonitorError, StaleHeadError, StoreBusyError, StoreInconsistencyError, StoreUnavailableError } from '../errors';
import type { ArticleStore, Clock } from '../ports';
import { loadHead } from './article-history';
import { type FailureCause, failureCause } from '../domain/failure-cause';
import { confirmationContents, observe, type ObserveDeps } from './observe';
import { variantSightings } from './variant-sightings';

export interface CheckerDeps extends ObserveDeps {
  store: ArticleStore;
  clock: Clock;
  random?: () => number;
}

export interface CheckReport {
  url: string;
  /**
   * duplicate: another check recorded the same thing first; already-checked: a queued check whose due time has passed by;
   * paused, unwatched: not checked, because someone paused or unwatched the article.
   */
  outcome: CheckOutcome | 'duplicate' | 'already-checked' | 'paused' | 'unwatched';
  reason?: string;
  version?: number;
  kinds?: string[];
  summary?: string;
  /** For a check that broke (recorded on the head as a failure): why, in one word. */
  cause?: FailureCause;
}

/** Attempts when another check updates the same article between our read and our write. */
const SAVE_ATTEMPTS = 3;

export interface CheckOptions {
  /** Check only if the article is due by this time (queued checks); a manual check omits it. */
  ifDueAt?: string;
}

export async function checkArticle(deps: CheckerDeps, urlOrHead: string | ArticleHead, options: CheckOptions = {}): Promise<CheckReport> {
  let head = typeof urlOrHead === 'string' ? await loadHead(deps.store, urlOrHead) : urlOrHead;
  // A queued check runs only if the article is due by the time it was queued for: a duplicate delivery
  // (the check already moved nextCheckAt on) or an article not yet due when its lane was first swept is skipped, unwritten.
  if (options.ifDueAt !== undefined && (head.nextCheckAt === null || head.nextCheckAt > options.ifDueAt)) return { url: head.url, outcome: 'already-checked' };
  for (let attempt = 1; ; attempt++) {
    const held = heldReport(head);
    if (held) return held;
    let observation: Observation;
    let result: CheckResult;
    let variants: Awaited<ReturnType<typeof variantSightings>>;
    try {
      observation = await observeWithConfirmation(deps, head);
      result = await plan(deps, head, observation);
      variants = await variantSightings(deps.store, head, result.variants ?? [], result.next.lastCheckedAt ?? deps.clock.now().toISOString());
    } catch (error) {
      return recordFailure(deps, head, error);
    }
    try {
      await deps.store.saveCheck(head, result.next, {
        version: result.version,
        change: result.change,
        ...aliasFor(head, result),
        ...(variants.length > 0 ? { variants } : {}),
      });
      return withCause(report(head.url, result), observation);
    } catch (error) {
      if (!(error instanceof StaleHeadError)) return recordFailure(deps, head, error);
      if (attempt >= SAVE_ATTEMPTS) throw error;
      // Another check saved first. If it recorded what we saw, there is nothing left to do; otherwise
      // look again: an observation made before their write must not be planned against their head.
      head = await loadHead(deps.store, head.url);
      if (observation.kind === 'content' && head.status === 'active' && observation.content.hash === head.contentHash) {
        return { url: head.url, outcome: 'duplicate' };
      }
    }
  }
}

/**
 * Every way a check can break ends here, so a page that always breaks it is
 * still recorded as failing and backs off instead of being fetched again on
 * every round. A store that cannot be reached cannot record that either: its
 * error goes to the caller, and the article stays due. Nor is a host busy with
 * another of our fetches the page failing: nothing was fetched, the caller queues it again;
 * nor a run stopped before the fetch's turn came: the check never started.
 */
async function recordFailure(deps: CheckerDeps, head: ArticleHead, error: unknown): Promise<CheckReport> {
  if (error instanceof StoreUnavailableError || error instanceof StoreBusyError || error instanceof HostBusyError || error instanceof FetchNotStartedError) {
    throw error;
  }
  // An error of no class of ours is a bug; the article backs off all the same, and the bug is logged.
  if (!(error instanceof MonitorError)) console.error(`check ${head.url}: unexpected error`, error);
  const reason = error instanceof Error ? error.message : String(error);
  const failure = planFailure(head, reason, planContext(deps));
  await deps.store.saveCheck(head, failure.next);
  return { ...report(head.url, failure), cause: failureCause(error) };
}

/** A fetch that failed says why, for logs and metrics. */
function withCause(checkReport: CheckReport, observation: Observation): CheckReport {
  return (observation.kind === 'transient' || observation.kind === 'failed') && observation.cause !== undefined
    ? { ...checkReport, cause: observation.cause }
    : checkReport;
}

/** A paused or unwatched article is not fetched at all: that is what pausing is for. */
function heldReport(head: ArticleHead): CheckReport | null {
  if (head.unwatchedAt !== null) return { url: head.url, outcome: 'unwatched', reason: `unwatched on ${head.unwatchedAt}; watch it again to check it` };
  if (head.pausedAt !== null) return { url: head.url, outcome: 'paused', reason: `paused on ${head.pausedAt}; resume it to check it` };
  return null;
}

/** A move keeps one history: the new address becomes an alias of this article. */
function aliasFor(head: ArticleHead, result: CheckResult): { alias?: string } {
  const newUrl = result.change?.kinds.includes('url-changed') ? result.change.newUrl : undefined;
  return newUrl !== undefined && newUrl !== head.url ? { alias: newUrl } : {};
}

async function observeWithConfirmation(deps: CheckerDeps, head: ArticleHead): Promise<Observation> {
  const observation = await observe(deps, head);
  if (observation.kind === 'content' && observation.verdict.kind !== 'rejected' && head.contentHash !== null && observation.content.hash !== head.contentHash) {
    const confirmations = await confirmationContents(deps, head, observation);
    return { ...observation, confirmationHashes: confirmations.map((content) => content.hash), confirmations };
  }
  return observation;
}

/** The clock, schedule and randomness a plan is made with. */
export function planContext(deps: CheckerDeps, now: Date = deps.clock.now()): PlanContext {
  return { now, schedule: deps.config.schedule, random: deps.random ?? Math.random };
}

async function plan(deps: CheckerDeps, head: ArticleHead, observation: Observation): Promise<CheckResult> {
  const context = planContext(deps);
  const planned = planCheck(head, observation, context);
  if (planned.outcome !== 'needs-previous') return planned;
  if (observation.kind !== 'content') throw new StoreInconsistencyError(`content plan without content for ${head.url}`);
  let previous = null;
  if (planned.version !== null) {
    previous = await deps.store.getVersion(head.url, planned.version);
    if (!previous) throw new StoreInconsistencyError(`${head.url}: head names version ${planned.version}, which is missing`);
  }
  return planContentChange(head, observation, previous, context);
}

function report(url: string, result: CheckResult): CheckReport {
  const out: CheckReport = { url, outcome: result.outcome };
  if (result.reason) out.reason = result.reason;
  if (result.version) out.version = result.version.version;
  if (result.change) {
    out.kinds = result.change.kinds;
    out.summary = result.change.summary;
  }
  return out;
}
