// `monitor serve` reads pages on worker threads, so its web pages keep
// answering while a round of checks extracts heavy pages. (The latency goal,
// < 200 ms, is measured by `npm run bench:throughput`; this asserts the pages
// answered during the round, within a generous bound.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { parseConfig } from '../../lambdas/domain/config';
import { serve, type RunningService } from '../../lambdas/local/serve';
import { startNewsroom, type Newsroom, type NewsroomArticle } from '../support/newsroom';

const PAGES = 16;
let newsroom: Newsroom;
let service: RunningService | null = null;
let dataDir: string;
const logged: string[] = [];

function heavyArticle(seed: number): NewsroomArticle {
  return {
    title: `Budget hearing, day ${seed}`,
    byline: 'By A. Reporter',
    publishedAt: '2024-03-01T10:00:00Z',
    paragraphs: Array.from(
      { length: 4000 },
      (_, i) =>
        `Paragraph ${i} of report ${seed}: the committee heard testimony on line item ${i * 7}, which the treasurer said would rise by ${i % 13} percent next year.`,
    ),
  };
}

// Every article falls due a second after its check, so serve's loop checks them all soon after it starts.
const settings = { checkInterval: '1s', politeness: { perHostGap: 0 }, schedule: { steps: [{ under: '36500d', every: '1s' }], jitter: 0 } };
const config = parseConfig(settings);
config.fetch.allowPrivateNetwork = true;

beforeAll(async () => {
  newsroom = await startNewsroom();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-responsive-'));
  const configFile = join(dataDir, 'monitor.config.json');
  writeFileSync(configFile, JSON.stringify(settings));
  const urls = Array.from({ length: PAGES }, (_, i) => {
    newsroom.publish(`/heavy/${i}`, heavyArticle(i));
    return newsroom.url(`/heavy/${i}`);
  });
  const io: CliIo = { out: () => {}, err: () => {}, isTty: false };
  expect(await main(['watch', ...urls, '--data', dataDir, '--table', 'responsive', '--config', configFile, '--allow-private-network'], io)).toBe(0);
  // Unedited, each page would be known from its signature without being read; an edit means serve's round must read every one whole.
  for (let i = 0; i < PAGES; i++) {
    newsroom.edit(`/heavy/${i}`, (article) => ({ ...article, paragraphs: [...article.paragraphs, `Correction: report ${i} gave the wrong line item.`] }));
  }
}, 180_000);

afterAll(async () => {
  await service?.stop();
  await newsroom.close();
});

function checkedSoFar(): number {
  return logged.map((line) => /check: (\d+) checked/.exec(line)).reduce((sum, match) => sum + Number(match?.[1] ?? 0), 0);
}

function heavyFetches(): number {
  return Array.from({ length: PAGES }, (_, i) => newsroom.requests(`/heavy/${i}`)).reduce((a, b) => a + b, 0);
}

it('answers /healthz and its pages while a round of checks reads heavy pages', async () => {
  const fetchedByWatch = heavyFetches();
  service = await serve({ port: 0, dataDir, tableName: 'responsive', config, log: (line) => logged.push(line) });
  const base = service.url;
  const answers: Array<{ path: string; status: number; ms: number; duringChecks: boolean }> = [];
  const probe = async (path: string): Promise<void> => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`);
    await response.text();
    answers.push({ path, status: response.status, ms: performance.now() - started, duringChecks: heavyFetches() > fetchedByWatch && checkedSoFar() < PAGES });
  };
  const deadline = Date.now() + 60_000;
  while (checkedSoFar() < PAGES && Date.now() < deadline) {
    await Promise.all([probe('/healthz'), probe('/')]);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(checkedSoFar(), logged.join('\n')).toBeGreaterThanOrEqual(PAGES);
  const during = answers.filter((answer) => answer.duringChecks);
  expect(during.filter((answer) => answer.path === '/healthz').length).toBeGreaterThanOrEqual(2);
  expect(during.filter((answer) => answer.path === '/').length).toBeGreaterThanOrEqual(2);
  for (const answer of during) {
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(5000);
  }
}, 180_000);
