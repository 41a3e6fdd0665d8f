// Checks against the test newsroom when the operator, not the publisher, changes
// something: the extraction settings (a new baseline, never an edit), a pause or
// an unwatch (no fetch, no lost pause), and a move (one history under both URLs).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type MonitorConfig } from '../../lambdas/domain/config';
import { extractionFingerprint } from '../../lambdas/domain/extraction-fingerprint';
import { EXTRACTOR_VERSION } from '../../lambdas/domain/extract/version';
import { createRuntime, type Runtime } from '../../lambdas/composition/runtime';
import { loadArticleHistory } from '../../lambdas/service/article-history';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import { deleteArticle, pauseArticle, resumeArticle, unwatchArticle } from '../../lambdas/service/manage';
import { checkDue } from '../../lambdas/service/run-due';
import { watchArticle } from '../../lambdas/service/watch';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let time: Date;
let pathCounter = 0;
let runtimeWith: (config: MonitorConfig) => Runtime;
let plain: Runtime;
let withRules: CheckerDeps;

const LAST_PARAGRAPH = sampleArticle().paragraphs.at(-1) ?? '';

function config(extra: object = {}): MonitorConfig {
  const parsed = parseConfig({ politeness: { perHostConcurrency: 4, perHostGap: 0 }, ...extra });
  parsed.fetch.allowPrivateNetwork = true;
  return parsed;
}

/** A source for the newsroom whose rule leaves out the story's last paragraph. */
function ruleConfig(drop: string[] = ['.story-body p:last-of-type']): MonitorConfig {
  return config({ sources: [{ name: 'newsroom', hosts: ['127.0.0.1'], extract: { drop } }] });
}

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  time = new Date('2026-11-21T09:00:00Z');
  runtimeWith = (settings) => ({ ...createRuntime({ config: settings, tableName, endpoint }), clock: { now: () => time } });
  plain = runtimeWith(config());
  withRules = runtimeWith(ruleConfig());
});

afterAll(async () => {
  await newsroom.close();
});

let path: string;
beforeEach(() => {
  path = `/news/managed-${++pathCounter}`;
  newsroom.publish(path, sampleArticle());
});

function later(minutes = 20): void {
  time = new Date(time.getTime() + minutes * 60_000);
}

async function watched(deps: CheckerDeps = plain): Promise<string> {
  const result = await watchArticle(deps, newsroom.url(path));
  expect(result.created).toBe(true);
  return result.article.url;
}

async function check(deps: CheckerDeps, url: string) {
  later();
  return checkArticle(deps, url);
}

async function history(url: string) {
  return loadArticleHistory(plain.store, url);
}

describe('extraction settings: a change of them is a new baseline, never an edit', () => {
  it('re-baselines once when a source rule changes the text, with no change for feeds, filters or stealth', async () => {
    const url = await watched();
    const report = await check(withRules, url);
    expect(report).toMatchObject({ outcome: 'rebaselined', version: 1 });
    expect(report.kinds).toBeUndefined();
    expect((await check(withRules, url)).outcome).toBe('unchanged');

    const { head, versions, changes } = await history(url);
    expect(versions.map((v) => [v.version, v.rebaselined ?? false])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(changes).toEqual([]);
    expect(head.extractionFingerprint).toBe(extractionFingerprint({ include: [], drop: ['.story-body p:last-of-type'] }));
    expect(head.lastChangedAt).toBe(versions[0]?.capturedAt);
    expect(await plain.store.recentChanges({ url, includeBoring: true })).toEqual([]);
    expect(await plain.store.recentChanges({ stealthOnly: true, limit: 500 })).not.toContainEqual(expect.objectContaining({ url }));
    const version1 = await plain.store.getVersion(url, 1);
    expect(version1?.text).not.toContain(LAST_PARAGRAPH);
  });

  it('goes on to record a real edit against the new baseline', async () => {
    const url = await watched();
    await check(withRules, url);
    newsroom.edit(path, (a) => {
      a.paragraphs[0] = a.paragraphs[0]!.replace('concrete steps', 'first steps');
      return a;
    });
    const report = await check(withRules, url);
    expect(report.outcome).toBe('new-version');
    const { changes } = await history(url);
    expect(changes.map((c) => [c.from, c.to])).toEqual([[1, 2]]);
    expect(changes[0]?.charsRemoved).toBeLessThan(20);
  });

  it('a check under other settings than serve (the issue: a one-off check without --config) records no edit either way', async () => {
    const url = await watched(withRules);
    expect((await check(plain, url)).outcome).toBe('rebaselined');
    expect((await check(withRules, url)).outcome).toBe('rebaselined');
    const { versions, changes } = await history(url);
    expect(versions.every((v) => v.version === 0 || v.rebaselined === true)).toBe(true);
    expect(changes).toEqual([]);
  });

  it('settings that cut the same text change nothing but the remembered fingerprint', async () => {
    const url = await watched();
    const harmless = runtimeWith(ruleConfig(['.no-such-thing']));
    expect((await check(harmless, url)).outcome).toBe('unchanged');
    const { head, versions } = await history(url);
    expect(versions).toHaveLength(1);
    expect(head.extractionFingerprint).toBe(extractionFingerprint({ include: [], drop: ['.no-such-thing'] }));
  });

  it('re-reads a page that would answer 304, so the baseline is taken now and a later edit is still an edit', async () => {
    newsroom.edit(path, { etag: '"v1"' });
    const url = await watched();
    expect((await check(plain, url)).outcome).toBe('unchanged');
    expect((await check(withRules, url)).outcome).toBe('rebaselined');
    newsroom.edit(path, (a) => ({ ...a, paragraphs: [`${a.paragraphs[0]} Talks resume on Friday.`, ...a.paragraphs.slice(1)], etag: '"v2"' }));
    expect((await check(withRules, url)).outcome).toBe('new-version');
  });

  it('an article stored before fingerprints records edits as before, and remembers its fingerprint from then on', async () => {
    const url = await watched();
    const head = await plain.store.getArticle(url);
    await plain.store.saveCheck(head!, { ...head!, extractionFingerprint: null });
    newsroom.edit(path, (a) => ({ ...a, paragraphs: ['A paragraph added at the top after the upgrade.', ...a.paragraphs] }));
    expect((await check(withRules, url)).outcome).toBe('new-version');
    expect((await history(url)).head.extractionFingerprint).toBe(extractionFingerprint({ include: [], drop: ['.story-body p:last-of-type'] }));
  });

  it('the fingerprint names the extractor version and the rules, not how they were written', () => {
    expect(extractionFingerprint(undefined)).toBe(extractionFingerprint({ include: [], drop: [] }));
    expect(extractionFingerprint(undefined)).toMatch(/^[0-9a-f]{12}$/);
    expect(extractionFingerprint(undefined, EXTRACTOR_VERSION + 1)).not.toBe(extractionFingerprint(undefined));
    expect(extractionFingerprint({ drop: ['.a'] })).not.toBe(extractionFingerprint({ include: ['.a'] }));
  });
});

describe('pause, resume, unwatch', () => {
  it('a paused article is not fetched, not due, and checked again once resumed', async () => {
    const url = await watched();
    await pauseArticle(plain, url);
    const fetches = newsroom.requests(path);
    expect((await check(plain, url)).outcome).toBe('paused');
    later(60 * 24);
    const due = await checkDue(plain, { everything: true });
    expect(due.reports.map((r) => r.url)).not.toContain(url);
    expect(newsroom.requests(path)).toBe(fetches);
    await resumeArticle(plain, url);
    expect((await check(plain, url)).outcome).toBe('unchanged');
    expect(newsroom.requests(path)).toBeGreaterThan(fetches);
  });

  it('a pause made while a check is under way is not undone by its save', async () => {
    const url = await watched();
    let paused = false;
    const store = new Proxy(plain.store, {
      get(target, property, receiver) {
        if (property === 'saveCheck') {
          return async (...args: Parameters<typeof target.saveCheck>) => {
            if (!paused) {
              paused = true;
              await pauseArticle(plain, url);
            }
            return target.saveCheck(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    newsroom.edit(path, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'An edit seen by the check that lost the race.'] }));
    later();
    expect((await checkArticle({ ...plain, store }, url)).outcome).toBe('paused');
    const { head, versions } = await history(url);
    expect(head.pausedAt).not.toBeNull();
    expect(versions).toHaveLength(1);
  });

  it('watching an unwatched article again goes on with its history; deleting it starts afresh', async () => {
    const url = await watched();
    newsroom.edit(path, (a) => ({ ...a, paragraphs: [...a.paragraphs, 'A paragraph before the unwatch.'] }));
    await check(plain, url);
    await unwatchArticle(plain, url);
    expect((await check(plain, url)).outcome).toBe('unwatched');
    const again = await watchArticle(plain, url);
    expect(again).toMatchObject({ created: false, rewatched: true });
    expect(again.article.unwatchedAt).toBeNull();
    expect((await history(url)).versions).toHaveLength(2);

    await deleteArticle(plain, url);
    expect(await plain.store.getArticle(url)).toBeNull();
    const fresh = await watchArticle(plain, url);
    expect(fresh.created).toBe(true);
    expect((await history(url)).versions).toHaveLength(1);
  });
});

describe('a move keeps one history', () => {
  it('the new address leads to the article: watch joins it, check and history find it', async () => {
    const url = await watched();
    const newPath = `${path}-moved`;
    newsroom.publish(newPath, sampleArticle());
    newsroom.edit(path, { redirectTo: newPath });
    expect((await check(plain, url)).outcome).toBe('url-changed');
    const newUrl = newsroom.url(newPath);

    const joined = await watchArticle(plain, newUrl);
    expect(joined.created).toBe(false);
    expect(joined.article.url).toBe(url);
    expect((await check(plain, newUrl)).url).toBe(url);
    const viaNew = await history(newUrl);
    expect(viaNew.head.url).toBe(url);
    expect(viaNew.changes.map((c) => c.kinds)).toEqual([['url-changed']]);
    // No second article was started.
    const urls: string[] = [];
    for await (const head of plain.store.allArticles()) urls.push(head.url);
    expect(urls).not.toContain(newUrl);
  });

  it('a new canonical address is an alias too', async () => {
    const url = await watched();
    newsroom.edit(path, { canonicalPath: `${path}-canonical` });
    expect((await check(plain, url)).outcome).toBe('url-changed');
    expect((await plain.store.getArticle(newsroom.url(`${path}-canonical`)))?.url).toBe(url);
  });

  it('an article already watched at the new address keeps its own history', async () => {
    const url = await watched();
    const newPath = `${path}-elsewhere`;
    newsroom.publish(newPath, { ...sampleArticle(), title: 'Another story at the new address' });
    const other = await watchArticle(plain, newsroom.url(newPath));
    newsroom.edit(path, { redirectTo: newPath });
    await check(plain, url);
    expect((await plain.store.getArticle(newsroom.url(newPath)))?.url).toBe(other.article.url);
    expect((await history(url)).head.currentUrl).toBe(newsroom.url(newPath));
  });
});
