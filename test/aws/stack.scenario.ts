// `npm run test:aws`: the synthesized stack, its real handler bundles, on emulators (harness/). Each
// scenario deploys a fresh copy of the template (own table, queues, topic) and asserts what an
// operator would see: API answers, table heads, queue contents, notifications, the feed.
import { createHash } from 'node:crypto';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headToItems } from '../../lambdas/adapters/head-items';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { defaultConfig } from '../../lambdas/domain/config';
import type { ArticleHead } from '../../lambdas/domain/types';
import { articleKey, normaliseUrl } from '../../lambdas/domain/url';
import { type CorpusServer, startCorpusServer } from './harness/corpus-server';
import { deployStack, type EmulatedStack } from './harness/deploy';
import { type Emulators, startEmulators } from './harness/emulators';
import { queuedChecks } from './harness/queued-checks';
import { rolesOf, type StackRoles } from './harness/roles';
import { dueAgain, dueHead, periodicHead, putRawItem, seedHeads } from './harness/seed';
import { loopbackStackConfig } from './harness/stack-config';
import { type CloudAssembly, synthesize } from './harness/synth';

const API_TOKEN = 'emulated-operator-token';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

function articlePage(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1><p class="byline">By Sam Writer</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>© The Loopback Times</footer></body></html>`;
}

function story(n: number, edit = ''): string[] {
  return [
    `The council of district ${n} approved a budget of ${12 + n} million dollars on Tuesday evening after a debate that lasted four hours.${edit}`,
    `Council member Ana Ortiz said the plan would fund two new libraries and extend bus service to the northern parts of district ${n}.`,
    '“We listened to residents for a year, and this budget is the result,” Ortiz told reporters after the vote on the final reading.',
    'Opponents argued the spending would require a tax increase next year, a claim the finance office disputes in a written statement.',
  ];
}

let assembly: CloudAssembly;
let emulators: Emulators;
let corpus: CorpusServer;
let extraEnvironment: Record<string, string> = {};
const stacks: EmulatedStack[] = [];

async function deploy(): Promise<{ stack: EmulatedStack; roles: StackRoles; store: DynamoStore }> {
  const stack = await deployStack(assembly, emulators, {
    parameters: { ApiTokenSha256: createHash('sha256').update(API_TOKEN).digest('hex') },
    extraEnvironment,
  });
  stacks.push(stack);
  const roles = rolesOf(stack);
  const store = new DynamoStore(createDocumentClient({ endpoint: emulators.dynamoDirect }), roles.tableName);
  return { stack, roles, store };
}

async function api(roles: StackRoles, path: string, init: RequestInit = {}): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(new URL(path, roles.siteUrl), init);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // an HTML page
  }
  return { status: response.status, json, text };
}

/** One scheduled dispatch run; returns the checks it queued (from the messages SQS accepted). */
async function dispatchOnce(stack: EmulatedStack, roles: StackRoles): Promise<Array<{ key: string; dueAt: string | null }>> {
  const before = emulators.meters.sqs.sent.length;
  const [run] = await stack.runSchedule(roles.dispatchRule);
  if (!run?.ok) throw new Error(`dispatch failed: ${JSON.stringify(run?.error)}\n${roles.dispatch.pool.logLines.slice(-10).join('\n')}`);
  return emulators.meters.sqs.sent
    .slice(before)
    .filter((message) => message.queueUrl === roles.checkQueueUrl)
    .flatMap((message) => queuedChecks(message.body));
}

beforeAll(async () => {
  const config = loopbackStackConfig();
  extraEnvironment = config.environment;
  const started = Date.now();
  [assembly, emulators, corpus] = await Promise.all([synthesize(config.context), startEmulators(), startCorpusServer()]);
  console.log(`synthesized with bundling in ${(assembly.ms / 1000).toFixed(1)} s; emulators up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 240_000);

afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.destroy()));
  await corpus?.close();
  await emulators?.stop();
});

describe('the synthesized stack on emulators', () => {
  let pipeline: { stack: EmulatedStack; roles: StackRoles; store: DynamoStore };
  const hosts = ['news-a.localhost', 'news-b.localhost', 'news-c.localhost'];
  const perHost = 8;
  let changed: string;

  it('watches an article through the web function: POST /api/watch with the bearer token takes version 0 at once', async () => {
    pipeline = await deploy();
    const url = corpus.url('watch.localhost', '/politics/budget-vote');
    corpus.publish('watch.localhost', '/politics/budget-vote', { html: articlePage('Council approves budget', story(0)) });

    const refused = await api(pipeline.roles, '/api/watch', { method: 'POST', body: JSON.stringify({ url }), headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(401);

    const watched = await api(pipeline.roles, '/api/watch', {
      method: 'POST',
      body: JSON.stringify({ url }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
    });
    expect(watched.status, watched.text).toBe(201);
    const version0 = await api(pipeline.roles, `/api/articles?url=${encodeURIComponent(url)}&version=0`);
    expect(version0.status, version0.text).toBe(200);
    expect((version0.json as { text?: string }).text).toContain('Ana Ortiz said the plan would fund two new libraries');
    expect((await pipeline.store.getArticle(normaliseUrl(url)))?.versionCount).toBe(1);
  });

  it('checks concurrently: one dispatch spaces each host’s checks, the check mapping drains them with many fetches in flight', async () => {
    const { stack, roles, store } = pipeline;
    const urls: string[] = [];
    for (const host of hosts) {
      for (let n = 1; n <= perHost; n++) {
        corpus.publish(host, `/story/${n}`, { html: articlePage(`Story ${n} on ${host}`, story(n)) });
        urls.push(normaliseUrl(corpus.url(host, `/story/${n}`)));
      }
    }
    await seedHeads(
      emulators.dynamoDirect,
      roles.tableName,
      urls.map((url) => dueHead(url, new Date(Date.now() - 1000))),
    );
    // A slow origin: the checks wait on the network, so overlapping them is what makes a check cheap.
    corpus.setDelay(300);
    corpus.resetCounts();
    const sentBefore = emulators.meters.sqs.sent.length;
    const queued = await dispatchOnce(stack, roles);
    expect(queued.map((check) => check.key)).toEqual(expect.arrayContaining(urls.map(articleKey)));
    // Politeness is decided when queuing: each host's checks are held back (DelaySeconds) a per-host gap apart.
    const hostOfKey = new Map(urls.map((url) => [articleKey(url), new URL(url).hostname]));
    const delaysByHost = new Map<string, number[]>();
    for (const message of emulators.meters.sqs.sent.slice(sentBefore)) {
      for (const check of queuedChecks(message.body)) {
        const host = hostOfKey.get(check.key);
        if (host !== undefined) delaysByHost.set(host, [...(delaysByHost.get(host) ?? []), message.delaySeconds]);
      }
    }
    const gapSeconds = defaultConfig().politeness.perHostGapMs / 1000;
    for (const host of hosts) {
      const delays = (delaysByHost.get(host) ?? []).sort((a, b) => a - b);
      expect(delays, host).toHaveLength(perHost);
      for (let i = 1; i < delays.length; i++) expect(delays[i]! - delays[i - 1]!, `${host} delays ${delays.join(',')}`).toBeGreaterThanOrEqual(gapSeconds);
    }

    const started = Date.now();
    stack.startEventSources();
    await waitFor('every story to have version 0', 120_000, async () => {
      const heads = await Promise.all(urls.map((url) => store.getArticle(url)));
      return heads.every((head) => (head?.versionCount ?? 0) >= 1);
    });
    const seconds = (Date.now() - started) / 1000;
    const peak = corpus.maxInFlight();
    const byHost = corpus.maxInFlightByHost();
    console.log(
      `concurrent checks: ${urls.length} articles on ${hosts.length} hosts in ${seconds.toFixed(1)} s; at most ${peak} page requests in flight ` +
        `(per host at most ${JSON.stringify(byHost)}); ` +
        `check invocations ${roles.check.pool.stats.invocations}, at most ${roles.check.pool.stats.peakConcurrency} at once`,
    );
    corpus.setDelay(0);
    expect(peak).toBeGreaterThan(hosts.length);
    // What the host saw: cold starts and each container's own robots.txt can bunch requests the queue spaced out.
    for (const host of hosts) console.log(`  ${host} peak: ${corpus.peakRequests(host).join(', ')}`);
    await waitFor('the check queue to be empty', 30_000, async () => (await queueDepth(stack, roles.checkQueueUrl)) === 0);
  });

  it('records one version when the same check message is delivered twice', async () => {
    const { stack, roles, store } = pipeline;
    await stack.stopEventSources();
    changed = normaliseUrl(corpus.url(hosts[0]!, '/story/1'));
    corpus.publish(hosts[0]!, '/story/1', { html: articlePage(`Story 1 on ${hosts[0]}`, story(1, ' The vote was 7 to 2.')) });
    const head = await store.getArticle(changed);
    expect(head?.versionCount).toBe(1);
    await seedHeads(emulators.dynamoDirect, roles.tableName, [dueAgain(head as ArticleHead)]);
    const before = emulators.meters.sqs.sent.length;
    const queued = await dispatchOnce(stack, roles);
    // A lane swept for the first time also queues articles checked moments ago; the check skips those as not due.
    expect(queued.map((check) => check.key)).toContain(articleKey(changed));
    // SQS delivers at least once: the very message again, as a second receive of it would.
    const original = emulators.meters.sqs.sent
      .slice(before)
      .find((message) => message.queueUrl === roles.checkQueueUrl && queuedChecks(message.body).some((check) => check.key === articleKey(changed)))!;
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: roles.checkQueueUrl,
        MessageBody: original.body,
        ...(original.groupId === null ? {} : { MessageGroupId: original.groupId, MessageDeduplicationId: `redelivery-${Date.now()}` }),
      }),
    );
    const checkSource = stack.sqsSources.find(({ functionId }) => functionId === roles.check.spec.logicalId)!.source;
    const received = checkSource.stats.received;
    stack.startEventSources();
    await waitFor(
      'both copies to be handled',
      60_000,
      async () => checkSource.stats.received - received >= 2 && (await queueDepth(stack, roles.checkQueueUrl)) === 0,
    );
    const after = await store.getArticle(changed);
    expect(after?.versionCount).toBe(2);
    expect(after?.changeCount).toBe(1);
    expect(await store.listVersions(changed)).toHaveLength(2);
  });

  it('announces the change: table stream → notify → SNS topic → a subscribed queue, with filterable attributes', async () => {
    const { stack, roles } = pipeline;
    const { QueueUrl } = await stack.clients.sqs.send(new CreateQueueCommand({ QueueName: `subscriber-${Date.now()}` }));
    const { Attributes } = await stack.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await stack.clients.sns.send(new SubscribeCommand({ TopicArn: roles.changeTopicArn, Protocol: 'sqs', Endpoint: Attributes?.QueueArn }));
    // The stream starts at TRIM_HORIZON: the change recorded before the subscription is still announced to it only if
    // published after it, so record a second change now.
    corpus.publish(hosts[0]!, '/story/1', { html: articlePage(`Story 1 on ${hosts[0]}`, story(1, ' The vote was 7 to 2. A recount is due on Friday.')) });
    const head = await pipeline.store.getArticle(changed);
    await seedHeads(emulators.dynamoDirect, roles.tableName, [dueAgain(head as ArticleHead)]);
    stack.startEventSources();
    await dispatchOnce(stack, roles);
    const notification = await waitFor('the change notification on the subscribed queue', 60_000, async () => {
      const { Messages } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      return Messages?.[0];
    });
    const envelope = JSON.parse(notification.Body ?? '{}') as { Message?: string; MessageAttributes?: Record<string, { Type: string; Value: string }> };
    const message = JSON.parse(envelope.Message ?? '{}') as Record<string, unknown>;
    expect(message.url ?? message.articleUrl).toBe(changed);
    expect(Object.keys(envelope.MessageAttributes ?? {})).toEqual(expect.arrayContaining(['kinds', 'source']));
    expect(String(envelope.MessageAttributes?.source?.Value)).toBe(hosts[0]);
  });

  it('lists the change in the web feed', async () => {
    const feed = await api(pipeline.roles, '/feeds/changes.json');
    expect(feed.status).toBe(200);
    const items = (feed.json as { items?: Array<{ url?: string; external_url?: string; content_text?: string }> }).items ?? [];
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(items)).toContain(encodeURIComponent(changed));
  });

  it('contains a poison article: its corrupt head is not re-queued and its host’s other articles are checked', async () => {
    const { stack, roles, store } = pipeline;
    stack.startEventSources();
    const host = 'news-poison.localhost';
    const good = [1, 2, 3].map((n) => {
      corpus.publish(host, `/story/${n}`, { html: articlePage(`Poison host story ${n}`, story(40 + n)) });
      return normaliseUrl(corpus.url(host, `/story/${n}`));
    });
    const poison = normaliseUrl(corpus.url(host, '/story/poison'));
    corpus.publish(host, '/story/poison', { html: articlePage('Poison', story(99)) });
    const dueAt = new Date(Date.now() - 1000);
    await seedHeads(
      emulators.dynamoDirect,
      roles.tableName,
      [...good, poison].map((url) => dueHead(url, dueAt)),
    );
    // A head no reader can parse (an unknown status), still in the due index.
    await putRawItem(emulators.dynamoDirect, roles.tableName, { ...headToItems(dueHead(poison, dueAt)).hot, status: 'exploded' });

    const poisonKey = articleKey(poison);
    let poisonQueued = 0;
    for (let tick = 0; tick < 3; tick++) {
      poisonQueued += (await dispatchOnce(stack, roles)).filter((check) => check.key === poisonKey).length;
      if (tick === 0) {
        await waitFor("the poison host's good articles to be checked", 60_000, async () => {
          const heads = await Promise.all(good.map((url) => store.getArticle(url)));
          return heads.every((head) => (head?.versionCount ?? 0) >= 1);
        });
      }
    }
    console.log(
      `poison article: queued ${poisonQueued} time(s) over 3 dispatch runs; check log lines naming it: ${roles.check.pool.logLines.filter((l) => l.includes(poisonKey) || l.includes(poison)).length}`,
    );
    expect(poisonQueued).toBe(1);
  });
});

async function queueDepth(stack: EmulatedStack, queueUrl: string): Promise<number> {
  const { Attributes } = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

describe('dispatch at scale', () => {
  const ARTICLES = 10_000;
  const HOSTS = 500;
  const DRAIN_WITHIN_MS = 120_000;

  it(`queues each of ${ARTICLES.toLocaleString('en-US')} due articles once, within 2 minutes of schedule time`, async () => {
    const { stack, roles } = await deploy();
    const urls = Array.from({ length: ARTICLES }, (_, i) => normaliseUrl(`https://h${String(i % HOSTS).padStart(3, '0')}.example/articles/${i}`));
    const seeding = Date.now();
    // Articles on the regular schedule (every 15 minutes), each due at its slot within the last interval.
    const now = new Date();
    await seedHeads(
      emulators.dynamoDirect,
      roles.tableName,
      urls.map((url) => periodicHead(url, now, 900)),
    );
    console.log(`seeded ${ARTICLES} due heads in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

    // The schedule's runs, back to back: run k starts at k × the rule's rate in schedule time, so the
    // idle minutes between runs are not waited out in real time.
    const everyMs = roles.dispatchRule.everyMs ?? 60_000;
    // Each (article, due time) queued, and how often: a due check is queued once.
    const counts = new Map<string, number>();
    const articles = new Set<string>();
    let scheduleMs = 0;
    let dispatchMs = 0;
    for (let run = 0; articles.size < ARTICLES && run * everyMs < DRAIN_WITHIN_MS; run++) {
      const started = Date.now();
      const queued = await dispatchOnce(stack, roles);
      const took = Date.now() - started;
      dispatchMs += took;
      scheduleMs = run * everyMs + took;
      for (const check of queued) {
        articles.add(check.key);
        counts.set(`${check.key} ${check.dueAt}`, (counts.get(`${check.key} ${check.dueAt}`) ?? 0) + 1);
      }
      console.log(`dispatch run ${run + 1} (schedule time ${(run * everyMs) / 1000} s): queued ${queued.length} in ${(took / 1000).toFixed(1)} s`);
    }
    const rate = articles.size / (dispatchMs / 1000);
    console.log(
      `dispatch: ${articles.size} of ${ARTICLES} queued by schedule time ${(scheduleMs / 1000).toFixed(1)} s; ` +
        `rate ${rate.toFixed(0)} checks/s while running (target capacity ≥ 1000/s); SQS sends ${emulators.meters.sqsRequests('SendMessage', 'SendMessageBatch')}`,
    );
    expect(articles.size).toBe(ARTICLES);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(scheduleMs).toBeLessThanOrEqual(DRAIN_WITHIN_MS);
    // The lease: the next run queues none of those checks again while they are pending (an article whose next
    // slot has come round since is due again, with a later due time).
    const again = await dispatchOnce(stack, roles);
    expect(again.filter((check) => counts.has(`${check.key} ${check.dueAt}`))).toEqual([]);
  });
});
