// robots.txt, read the way Google documents it: a missing file or any 4xx
// (but 429) allows everything; while a 5xx, 429 or network failure keeps it
// from being read, nothing of the site is fetched (unless an earlier copy of
// the rules is at hand) and callers are told so with a transient
// RobotsUnavailableError: the site is failing, it has not said no.
import robotsParser from 'robots-parser';
import { FetchError, FetchRefusedError, InvalidUrlError, RobotsUnavailableError } from '../errors';
import type { Fetcher, RobotsPolicy } from '../ports';

export interface RobotsPolicyOptions {
  /** How long a fetched robots.txt is trusted. */
  cacheMs?: number;
  now?: () => number;
}

type Robot = ReturnType<typeof robotsParser>;

type Rules = { kind: 'allow-all' } | { kind: 'unavailable'; error: RobotsUnavailableError } | { kind: 'parsed'; robot: Robot };

interface CacheEntry {
  rules: Promise<Rules>;
  expiresAt: number;
  /** Rules from a successful read, kept to fall back on while the site is failing. */
  lastGood: Rules | null;
}

const DEFAULT_CACHE_MS = 24 * 60 * 60 * 1000;
// A failing server is asked again soon, not after a whole cache period.
const FAILURE_RETRY_MS = 10 * 60 * 1000;

export function createRobotsPolicy(fetcher: Fetcher, userAgent: string, options: RobotsPolicyOptions = {}): RobotsPolicy {
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const now = options.now ?? Date.now;
  const agent = productToken(userAgent);
  const cache = new Map<string, CacheEntry>();

  async function rulesFor(url: string): Promise<Rules> {
    const origin = originOf(url);
    const cached = cache.get(origin);
    if (cached && cached.expiresAt > now()) return cached.rules;
    const entry: CacheEntry = { rules: Promise.resolve({ kind: 'allow-all' }), expiresAt: Infinity, lastGood: cached?.lastGood ?? null };
    // The promise is cached at once, so concurrent checks of one site share a single robots.txt fetch.
    entry.rules = readRules(fetcher, origin).then(({ rules, failed }) => {
      if (failed) {
        entry.expiresAt = now() + Math.min(cacheMs, FAILURE_RETRY_MS);
        return entry.lastGood ?? rules;
      }
      entry.expiresAt = now() + cacheMs;
      entry.lastGood = rules;
      return rules;
    });
    cache.set(origin, entry);
    return entry.rules;
  }

  return {
    async isAllowed(url) {
      const rules = await rulesFor(url);
      if (rules.kind === 'unavailable') throw rules.error;
      if (rules.kind === 'allow-all') return true;
      return rules.robot.isAllowed(url, agent) ?? true;
    },
    async crawlDelayMs(url) {
      const rules = await rulesFor(url);
      if (rules.kind === 'unavailable') throw rules.error;
      if (rules.kind === 'allow-all') return null;
      const seconds = rules.robot.getCrawlDelay(agent);
      return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
    },
  };
}

async function readRules(fetcher: Fetcher, origin: string): Promise<{ rules: Rules; failed: boolean }> {
  const robotsUrl = `${origin}/robots.txt`;
  try {
    const outcome = await fetcher.fetch({ url: robotsUrl });
    if (outcome.kind === 'ok') return { rules: { kind: 'parsed', robot: robotsParser(robotsUrl, outcome.body) }, failed: false };
    if (outcome.kind === 'http-error' && (outcome.status >= 500 || outcome.status === 429)) {
      return unavailable(robotsUrl, `it answered HTTP ${outcome.status}`, null);
    }
    return { rules: { kind: 'allow-all' }, failed: false };
  } catch (error) {
    // The gate's refusal is the real answer for the whole site: pass it on so the user sees why.
    if (error instanceof FetchRefusedError) throw error;
    // Unreachable sites stay closed for now; a robots.txt that exists but cannot be read
    // (too large, too many redirects, not text) counts as no robots.txt, as for Google.
    if (!(error instanceof FetchError) || error.transient) {
      return unavailable(robotsUrl, error instanceof Error ? error.message : String(error), error);
    }
    return { rules: { kind: 'allow-all' }, failed: false };
  }
}

function unavailable(robotsUrl: string, why: string, cause: unknown): { rules: Rules; failed: true } {
  const error = new RobotsUnavailableError(`${robotsUrl} could not be read: ${why}; nothing of the site is fetched until it can be`, { cause });
  return { rules: { kind: 'unavailable', error }, failed: true };
}

function originOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidUrlError(`not a URL: ${JSON.stringify(url.slice(0, 200))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidUrlError(`robots.txt applies to http and https URLs only, not ${parsed.protocol.replace(':', '')}:`);
  }
  return parsed.origin;
}

/** Groups in robots.txt name a crawler by its product token ("ArticleChangeMonitor"), not the full User-Agent header. */
function productToken(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/)[0] || '*';
}
