// Every rule of "every real edit exactly once, no noise", checked end to end:
// a newsroom on 127.0.0.1 whose chrome changes on every request, the real
// fetch gate, extractor and diff, and DynamoDB Local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type MonitorConfig } from '../../lambdas/domain/config';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import { createRuntime } from '../../lambdas/composition/runtime';
import { watchArticle } from '../../lambdas/service/watch';
import { WatchRefusedError } from '../../lambdas/errors';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let deps: CheckerDeps;
let time: Date;
let pathCounter = 0;
let runtimeWith: (config: MonitorConfig) => CheckerDeps;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  runtimeWith = (config) => ({ ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time } });
  const config = parseConfig({ politeness: { perHostConcurrency: 4, perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  time = new Date('2026-11-21T09:00:00Z');
  deps = runtimeWith(config);
});

afterAll(async () => {
  await newsroom.close();
});

let path: string;
beforeEach(() => {
  path = `/news/story-${++pathCounter}`;
  newsroom.publish(path, sampleArticle());
});

function later(minutes = 20): void {
  time = new Date(time.getTime() + minutes * 60_000);
}

async function watched(): Promise<string> {
  const result = await watchArticle(deps, newsroom.url(path));
  expect(result.created).toBe(true);
  return result.article.url;
}

async function history(url: string) {
  const head = await deps.store.getArticle(url);
  const versions = await deps.store.listVersions(url);
  const changes = await deps.store.recentChanges({ url, includeBoring: true, limit: 100 });
  return { head: head!, versions, changes: changes.reverse() };
}

async function check(url: string) {
  later();
  return checkArticle(deps, url);
}

describe('versions: every real edit exactly once, no noise', () => {
  it('takes version 0 at once and records nothing while only the chrome rotates', async () => {
    const url = await watched();
    for (let i = 0; i < 4; i++) expect((await check(url)).outcome).toBe('unchanged');
    const { head, versions, changes } = await history(url);
    expect(versions).toHaveLength(1);
    expect(changes).toHaveLength(0);
    expect(head.latestTitle).toBe(sampleArticle().title);
    expect(versions[0]?.title).toBe(sampleArticle().title);
  });

  it('records an edited quote once, as a stealth quote edit', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => {
      a.paragraphs[2] =
        '"These are steps based on verification," Kerry said. "They are steps that lay out a specific sequence of responsibilities that must be met."';
      return a;
    });
    const report = await check(url);
    expect(report.outcome).toBe('new-version');
    expect(report.version).toBe(1);
    expect((await check(url)).outcome).toBe('unchanged');
    const { versions, changes } = await history(url);
    expect(versions).toHaveLength(2);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.kinds).toEqual(expect.arrayContaining(['paragraph-edited', 'quote']));
    expect(changes[0]?.stealth).toBe(true);
    expect(changes[0]?.boring).toBe(false);
  });

  it('records nothing while a stamp glued behind a sentence ticks, and records an edit that ends a paragraph in "now"', async () => {
    const kerry = sampleArticle().paragraphs[1]!;
    newsroom.edit(path, (a) => {
      a.paragraphs[1] = `${kerry} Updated 3 minutes ago`;
      return a;
    });
    const url = await watched();
    newsroom.edit(path, (a) => {
      a.paragraphs[1] = `${kerry} Updated 17 minutes ago`;
      return a;
    });
    expect((await check(url)).outcome).toBe('unchanged');
    newsroom.edit(path, (a) => {
      a.paragraphs[1] = `${kerry} The talks continue now`;
      return a;
    });
    const report = await check(url);
    expect(report.outcome).toBe('new-version');
    const { versions } = await history(url);
    expect(versions).toHaveLength(2);
    expect((await deps.store.getVersion(url, 1))?.text).toContain('The talks continue now');
    expect((await deps.store.getVersion(url, 0))?.text).not.toContain('minutes ago');
  });

  it('records a changed number and a new headline', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => {
      a.title = 'Kerry And Putin Agree On Syria Airstrike Plan';
      a.paragraphs[5] = a.paragraphs[5]!.replace('590,000', '640,000');
      return a;
    });
    await check(url);
    const { changes } = await history(url);
    expect(changes[0]?.kinds).toEqual(expect.arrayContaining(['title', 'number']));
  });

  it('sees a correction notice, and does not call that edit stealth', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => {
      a.paragraphs[5] = a.paragraphs[5]!.replace('18 besieged', '19 besieged');
      a.paragraphs.push('Correction: An earlier version of this story misstated the number of besieged areas. It is 19, not 18.');
      return a;
    });
    await check(url);
    const { changes } = await history(url);
    expect(changes[0]?.kinds).toEqual(expect.arrayContaining(['correction', 'paragraph-added']));
    expect(changes[0]?.stealth).toBe(false);
  });

  it('lets a standing correction cover a later typo fix, but not a later changed number', async () => {
    const correction = 'Correction: An earlier version of this story misstated the number of besieged areas. It is 18.';
    const published = sampleArticle();
    newsroom.publish(path, { ...published, paragraphs: [...published.paragraphs.map((p) => p.replace('midnight', 'midnite')), correction] });
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: a.paragraphs.map((p) => p.replace('midnite', 'midnight')) }));
    expect((await check(url)).outcome).toBe('new-version');
    newsroom.edit(path, (a) => ({ ...a, paragraphs: a.paragraphs.map((p) => p.replace('590,000', '640,000')) }));
    expect((await check(url)).outcome).toBe('new-version');
    const { changes } = await history(url);
    expect(changes.map((c) => [c.kinds, c.stealth])).toEqual([
      [['paragraph-edited'], false],
      [['paragraph-edited', 'number'], true],
    ]);
  });

  it('stores a typography-only change flagged boring', async () => {
    const url = await watched();
    newsroom.edit(path, { curly: true });
    const report = await check(url);
    expect(report.outcome).toBe('new-version');
    const { versions, changes } = await history(url);
    expect(versions[1]?.boring).toBe(true);
    expect(changes[0]?.boring).toBe(true);
    expect(await deps.store.recentChanges({ url, limit: 10 })).toHaveLength(0);
  });

  it.each(['consent', 'bot', 'paywall', 'error-page', 'empty'] as const)('never records a %s page as a version', async (wall) => {
    const url = await watched();
    newsroom.edit(path, { wall });
    const report = await check(url);
    expect(report.outcome).toBe('rejected');
    newsroom.edit(path, { wall: undefined });
    expect((await check(url)).outcome).toBe('unchanged');
    const { versions, changes, head } = await history(url);
    expect(versions).toHaveLength(1);
    expect(changes).toHaveLength(0);
    expect(head.failureCount).toBe(0);
  });

  it.each([500, 503, 429])('retries after HTTP %d without touching the versions', async (status) => {
    const url = await watched();
    newsroom.edit(path, { status });
    const report = await check(url);
    expect(report.outcome).toBe('retry-later');
    const failing = await history(url);
    expect(failing.head.failureCount).toBe(1);
    expect(Date.parse(failing.head.nextCheckAt!) - time.getTime()).toBeLessThanOrEqual(3 * 60_000);
    newsroom.edit(path, { status: undefined });
    expect((await check(url)).outcome).toBe('unchanged');
    const { versions, changes } = await history(url);
    expect(versions).toHaveLength(1);
    expect(changes).toHaveLength(0);
  });

  it.each(['hang', 'reset'] as const)('retries when the connection %ss, without touching the versions', async (network) => {
    const url = await watched();
    newsroom.edit(path, { network });
    later();
    const report = await checkArticle(runtimeWith({ ...deps.config, fetch: { ...deps.config.fetch, timeoutMs: 300 } }), url);
    expect(report.outcome).toBe('retry-later');
    expect((await history(url)).head.failureCount).toBe(1);
    newsroom.edit(path, { network: undefined });
    expect((await check(url)).outcome).toBe('unchanged');
    expect((await history(url)).versions).toHaveLength(1);
  });

  it('records a drastic shrink only when the next check sees it again', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: a.paragraphs.slice(0, 2) }));
    expect((await check(url)).outcome).toBe('shrink-pending');
    expect((await history(url)).versions).toHaveLength(1);
    expect((await check(url)).outcome).toBe('new-version');
    const { changes } = await history(url);
    expect(changes[0]?.kinds).toContain('paragraph-removed');
  });

  it('forgets a shrink that the next check does not confirm', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: a.paragraphs.slice(0, 2) }));
    expect((await check(url)).outcome).toBe('shrink-pending');
    newsroom.edit(path, sampleArticle());
    expect((await check(url)).outcome).toBe('unchanged');
    expect((await history(url)).versions).toHaveLength(1);
  });

  it('never records one version twice when two checks race', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'The agreement takes effect on Monday, officials said.'] }));
    later();
    const reports = await Promise.all([checkArticle(deps, url), checkArticle(deps, url), checkArticle(deps, url)]);
    expect(reports.filter((r) => r.outcome === 'new-version')).toHaveLength(1);
    const { versions, changes, head } = await history(url);
    expect(versions).toHaveLength(2);
    expect(changes).toHaveLength(1);
    expect(head.versionCount).toBe(2);
  });
});

describe('A/B tests, reverts and flapping', () => {
  it('an A/B headline test served per request is worth no version and marks the article flapping', async () => {
    const url = await watched();
    const { title } = sampleArticle();
    newsroom.edit(path, { titleVariants: [title, 'Kerry Wins Russian Backing For Syria Plan'] });
    for (let i = 0; i < 5; i++) await check(url);
    const { versions, head } = await history(url);
    expect(versions.length).toBeLessThanOrEqual(2);
    expect(head.flapping).toBe(true);
  });

  it.each([1, 2, 3])('a random per-request A/B test (seed %d) is worth at most one version over 30 checks', async (seed) => {
    const url = await watched();
    const { title } = sampleArticle();
    newsroom.edit(path, { titleVariants: [title, 'Kerry Wins Russian Backing For Syria Plan'], variantSeed: seed * 1000 });
    for (let i = 0; i < 30; i++) await check(url);
    const { versions } = await history(url);
    expect(versions.length).toBeLessThanOrEqual(2);
  });

  it('a return to earlier text is a revert to that version, and alternating stops producing changes', async () => {
    const url = await watched();
    const original = sampleArticle();
    const edited = { ...original, paragraphs: [...original.paragraphs, 'Russia denied that its jets had struck civilian targets.'] };
    newsroom.edit(path, edited);
    expect((await check(url)).outcome).toBe('new-version');
    newsroom.edit(path, original);
    const revert = await check(url);
    expect(revert.outcome).toBe('revert');
    expect(revert.kinds).toContain('revert');
    newsroom.edit(path, edited);
    expect((await check(url)).outcome).toBe('variant-suppressed');
    newsroom.edit(path, original);
    // The suppressed alternation never moved the article off the original text.
    expect((await check(url)).outcome).toBe('unchanged');
    newsroom.edit(path, edited);
    expect((await check(url)).outcome).toBe('variant-suppressed');
    const { versions, changes, head } = await history(url);
    expect(versions).toHaveLength(2);
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(head.flapping).toBe(true);
    expect(head.currentVersion).toBe(0);
  });

  it('a real edit that a stale cache made look like a variant is recorded once two checks agree on it', async () => {
    const url = await watched();
    const original = sampleArticle();
    const edited = { ...original, paragraphs: [...original.paragraphs, 'The ceasefire is due to begin at sunset on Monday.'] };
    // First check: the edit, then the stale copy on a confirmation fetch.
    newsroom.edit(path, { ...edited, servedNext: [edited, original, edited] });
    expect((await check(url)).outcome).toBe('variant-suppressed');
    expect((await check(url)).outcome).toBe('variant-suppressed');
    expect((await check(url)).outcome).toBe('new-version');
    const { versions, head } = await history(url);
    expect(versions).toHaveLength(2);
    expect(head.flapping).toBe(false);
  });

  it('a variant only counts as steady on checks in a row: one that sees the current text starts over', async () => {
    const url = await watched();
    const original = sampleArticle();
    const variant = { ...original, title: 'Variant headline that comes and goes' };
    newsroom.edit(path, { ...original, servedNext: [variant, original, variant] });
    expect((await check(url)).outcome).toBe('variant-suppressed');
    newsroom.edit(path, { ...original, servedNext: [variant, variant, variant] });
    expect((await check(url)).outcome).toBe('variant-suppressed');
    newsroom.edit(path, { ...original, servedNext: [] });
    expect((await check(url)).outcome).toBe('unchanged');
    newsroom.edit(path, { ...original, servedNext: [variant, variant, variant] });
    expect((await check(url)).outcome).toBe('variant-suppressed');
    expect((await history(url)).versions).toHaveLength(1);
  });

  it('a new real edit after flapping is recorded again', async () => {
    const url = await watched();
    const { title } = sampleArticle();
    newsroom.edit(path, { titleVariants: [title, 'Variant headline B'] });
    await check(url);
    newsroom.edit(path, (a) => ({ ...a, titleVariants: undefined, paragraphs: [...a.paragraphs, 'Officials will meet again in Geneva next week.'] }));
    expect((await check(url)).outcome).toBe('new-version');
    expect((await history(url)).head.flapping).toBe(false);
  });
});

describe('removal, restoration and moves', () => {
  it('404 is one removed change; a return is restored', async () => {
    const url = await watched();
    newsroom.edit(path, { status: 404 });
    expect((await check(url)).outcome).toBe('removed');
    expect((await check(url)).outcome).toBe('still-removed');
    const removed = await history(url);
    expect(removed.head.status).toBe('removed');
    expect(removed.head.nextCheckAt).not.toBeNull();
    newsroom.edit(path, { status: undefined });
    expect((await check(url)).outcome).toBe('restored');
    const { head, changes, versions } = await history(url);
    expect(head.status).toBe('active');
    expect(changes.map((c) => c.kinds)).toEqual([['removed'], ['restored']]);
    expect(versions).toHaveLength(1);
  });

  it('410 counts as removed too', async () => {
    const url = await watched();
    newsroom.edit(path, { status: 410 });
    expect((await check(url)).outcome).toBe('removed');
  });

  it('a redirect to a new address is url-changed, recorded once', async () => {
    const url = await watched();
    const newPath = `${path}-updated`;
    newsroom.publish(newPath, sampleArticle());
    newsroom.edit(path, { redirectTo: newPath });
    const report = await check(url);
    expect(report.outcome).toBe('url-changed');
    expect((await check(url)).outcome).toBe('unchanged');
    const { changes, head } = await history(url);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.newUrl).toBe(newsroom.url(newPath));
    expect(head.currentUrl).toBe(newsroom.url(newPath));
  });
});

describe('conditional requests (ETag) never hide a change', () => {
  it('confirms a shrink even though the shrunk page now has its own ETag', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: a.paragraphs.slice(0, 2), etag: '"v2"' }));
    expect((await check(url)).outcome).toBe('shrink-pending');
    expect((await check(url)).outcome).toBe('new-version');
  });

  it('records a real edit that a stale cache made look like a variant, behind ETags', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    const edited = { ...sampleArticle(), paragraphs: [...sampleArticle().paragraphs, 'Talks resume in Geneva on Friday.'], etag: '"v2"' };
    newsroom.edit(path, { ...edited, servedNext: [edited, sampleArticle(), edited] });
    expect((await check(url)).outcome).toBe('variant-suppressed');
    expect((await check(url)).outcome).toBe('variant-suppressed');
    expect((await check(url)).outcome).toBe('new-version');
  });

  it('sees an article restored after a 404 even when it comes back with its old ETag', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    newsroom.edit(path, { status: 404 });
    expect((await check(url)).outcome).toBe('removed');
    newsroom.edit(path, { status: undefined });
    expect((await check(url)).outcome).toBe('restored');
    expect((await history(url)).head.status).toBe('active');
  });

  it('sees a move even when the new address answers 304 to the old ETag', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    const newPath = `${path}-moved`;
    newsroom.publish(newPath, { ...sampleArticle(), etag: '"v1"' });
    newsroom.edit(path, { redirectTo: newPath });
    expect((await check(url)).outcome).toBe('url-changed');
  });

  it('a 304 after failures clears them, so the next failure backs off from the start', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    newsroom.edit(path, { status: 503 });
    await check(url);
    await check(url);
    expect((await history(url)).head.failureCount).toBe(2);
    newsroom.edit(path, { status: undefined });
    expect((await check(url)).outcome).toBe('unchanged');
    const { head } = await history(url);
    expect(head.failureCount).toBe(0);
    expect(head.lastError).toBeNull();
  });
});

describe('a check that loses a race looks again instead of replaying what it saw', () => {
  /** Runs `competitor` between this check's fetch and its save: the interleaving a busy site makes likely. */
  function racing(competitor: () => Promise<unknown>): CheckerDeps {
    let pending: (() => Promise<unknown>) | null = competitor;
    const store = new Proxy(deps.store, {
      get(target, property, receiver) {
        if (property === 'saveCheck') {
          return async (...args: Parameters<typeof target.saveCheck>) => {
            const run = pending;
            pending = null;
            if (run) await run();
            return target.saveCheck(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { ...deps, store };
  }

  it('an edit recorded by another check meanwhile is not undone as a revert', async () => {
    const url = await watched();
    later();
    const report = await checkArticle(
      racing(async () => {
        newsroom.edit(path, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'A new paragraph arrives mid-check.'] }));
        expect((await checkArticle(deps, url)).outcome).toBe('new-version');
      }),
      url,
    );
    expect(report.outcome).toBe('unchanged');
    const { changes, head } = await history(url);
    expect(changes.map((c) => [c.from, c.to])).toEqual([[0, 1]]);
    expect(head.currentVersion).toBe(1);
    expect(head.flapping).toBe(false);
  });

  it('a removal recorded by another check meanwhile is not undone as restored', async () => {
    const url = await watched();
    later();
    await checkArticle(
      racing(async () => {
        newsroom.edit(path, { status: 404 });
        expect((await checkArticle(deps, url)).outcome).toBe('removed');
      }),
      url,
    );
    const { changes, head } = await history(url);
    expect(changes.map((c) => c.kinds)).toEqual([['removed']]);
    expect(head.status).toBe('removed');
  });
});

describe('watching', () => {
  it('refuses a URL that is not found and stores nothing', async () => {
    await expect(watchArticle(deps, newsroom.url('/news/no-such-story'))).rejects.toThrow(WatchRefusedError);
    expect(await deps.store.getArticle(newsroom.url('/news/no-such-story'))).toBeNull();
  });

  it('refuses loopback addresses unless private networks are allowed', async () => {
    await expect(watchArticle(runtimeWith(parseConfig({})), newsroom.url(path))).rejects.toThrow(/loopback|private|allow-private-network/);
    expect(await deps.store.getArticle(newsroom.url(path))).toBeNull();
  });

  it('watching twice keeps the first article as it was', async () => {
    const url = await watched();
    const again = await watchArticle(deps, newsroom.url(path));
    expect(again.created).toBe(false);
    expect((await history(url)).versions).toHaveLength(1);
  });

  it('respects robots.txt', async () => {
    newsroom.publish('/private/story', sampleArticle());
    await expect(watchArticle(deps, newsroom.url('/private/story'))).rejects.toThrow(/robots\.txt/);
  });
});
