// Checks of a signed page through the real fetch gate and DynamoDB Local: a page whose chrome
// changes on every request is known unchanged without being extracted, while every edit a newsroom
// auditor cares about (a word, a headline, a byline) is still read whole and recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../../lambdas/composition/runtime';
import { parseConfig } from '../../lambdas/domain/config';
import { inProcessContentWork } from '../../lambdas/adapters/in-process-content-work';
import type { ContentWork } from '../../lambdas/ports';
import { checkArticle, type CheckerDeps } from '../../lambdas/service/checker';
import { watchArticle } from '../../lambdas/service/watch';
import { chromedPage, PARAGRAPHS, type PageParts } from '../support/chromed-page';
import { freshTable } from '../support/dynamo';
import { type LoopbackServer, startServer } from '../support/loopback-server';

let server: LoopbackServer;
let deps: CheckerDeps;
let time: Date;
/** What the next requests get: fixed parts, or parts chosen per request (by its number). */
let served: PageParts | ((request: number) => PageParts) = {};
let tick = 0;
let pathCounter = 0;
let path = '';
/** Pages the checks had extracted. */
let reads = 0;

const countingWork: ContentWork = {
  read: async (page, url, rules) => {
    reads++;
    return inProcessContentWork.read(page, url, rules);
  },
  close: async () => {},
};

beforeAll(async () => {
  server = await startServer((request, response) => {
    const request_ = ++tick;
    const parts = typeof served === 'function' ? served(request_) : served;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(chromedPage(`${server.origin}${request.url}`, { ...parts, tick: request_ }));
  });
  const { endpoint, tableName } = await freshTable();
  const config = parseConfig({ politeness: { perHostConcurrency: 4, perHostGap: 0 } });
  config.fetch.allowPrivateNetwork = true;
  time = new Date('2026-12-01T09:00:00Z');
  deps = { ...createRuntime({ config, tableName, endpoint }), clock: { now: () => time }, contentWork: countingWork };
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  served = {};
  path = `/news/budget-${++pathCounter}`;
});

async function check(url: string, afterMinutes = 20) {
  time = new Date(time.getTime() + afterMinutes * 60_000);
  const readsBefore = reads;
  const report = await checkArticle(deps, url);
  return { ...report, extracted: reads - readsBefore };
}

async function watched(): Promise<string> {
  const result = await watchArticle(deps, `${server.origin}${path}`);
  expect(result.created).toBe(true);
  return result.article.url;
}

describe('a page with a signature', () => {
  it('is known unchanged without extracting it while only its chrome changes, with no version recorded', async () => {
    const url = await watched();
    for (let i = 0; i < 3; i++) expect(await check(url)).toMatchObject({ outcome: 'unchanged', extracted: 0 });
    expect(await deps.store.listVersions(url)).toHaveLength(1);
  });

  it.each([
    ['a number in the story', { paragraphs: [PARAGRAPHS[0], PARAGRAPHS[1]?.replace('40 officers', '14 officers'), ...PARAGRAPHS.slice(2)] as string[] }],
    ['the headline', { title: 'Council approves the budget after a stormy night' }],
    ['the byline', { byline: 'Dana Reyes and Sam Ortiz' }],
  ])('is read whole and recorded when %s is edited, and signed again for the next check', async (_what, edit) => {
    const url = await watched();
    expect(await check(url)).toMatchObject({ outcome: 'unchanged', extracted: 0 });
    served = edit;
    // The page is read whole; its two confirming re-fetches hold the stretches it was read from, so they need no reading.
    expect(await check(url)).toMatchObject({ outcome: 'new-version', version: 1, extracted: 1 });
    expect(await check(url)).toMatchObject({ outcome: 'unchanged', extracted: 0 });
  });

  it('still tells an A/B headline test from an edit: a re-fetch with the other headline is read whole, and nothing is recorded', async () => {
    const url = await watched();
    const other = 'Council passes budget in late-night vote';
    // The next request gets the other headline, the one after it the first again, and so on.
    const from = tick;
    served = (request) => ((request - from) % 2 === 1 ? { title: other } : {});
    const report = await check(url);
    expect(report.outcome).toBe('variant-suppressed');
    expect(await deps.store.listVersions(url)).toHaveLength(1);
  });

  it('is read whole once its signature is a day old, and then trusted for another day', async () => {
    const url = await watched();
    expect(await check(url, 60)).toMatchObject({ outcome: 'unchanged', extracted: 0 });
    expect(await check(url, 24 * 60)).toMatchObject({ outcome: 'unchanged', extracted: 1 });
    expect(await check(url, 60)).toMatchObject({ outcome: 'unchanged', extracted: 0 });
  });

  it('is read whole on every check while its story box changes under the same text, and never records that as a version', async () => {
    const url = await watched();
    const rotating = (): PageParts => ({ paragraphs: PARAGRAPHS.map((p, i) => (i === 0 ? `${p}<span class="v${tick}"></span>` : p)) });
    served = rotating();
    expect(await check(url)).toMatchObject({ outcome: 'unchanged', extracted: 1 });
    served = rotating();
    expect(await check(url)).toMatchObject({ outcome: 'unchanged', extracted: 1 });
    expect(await deps.store.listVersions(url)).toHaveLength(1);
  });
});
