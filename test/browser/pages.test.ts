/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Every page as a reader's browser draws it, at desktop and phone widths: nothing
// wider than the screen, the diff's highlights visible. Screenshots go to
// test-results/screenshots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '../../lambdas/local/http-server';
import { OTHER_URL, STORY_URL, TEST_TOKEN, TEST_TOKEN_SHA256, seededSite } from '../web/seed';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const WIDTHS = [1280, 390] as const;
const enc = encodeURIComponent;

/** What a browser signed in on the manage page sends. */
const SIGNED_IN = { cookie: `monitor_token=${encodeURIComponent(TEST_TOKEN)}` };

const PAGES: { name: string; path: string; headers?: Record<string, string> }[] = [
  { name: 'recent-changes', path: '/' },
  { name: 'recent-changes-boring', path: '/?boring=1' },
  { name: 'article-history', path: `/article?url=${enc(STORY_URL)}&boring=1` },
  { name: 'article-history-moved-headline-test', path: `/article?url=${enc(OTHER_URL)}` },
  { name: 'diff', path: `/diff?url=${enc(STORY_URL)}&from=0&to=1` },
  { name: 'diff-headline', path: `/diff?url=${enc(OTHER_URL)}&from=0&to=1` },
  { name: 'not-found', path: '/article?url=https%3A%2F%2Fexample.com%2Fnot-watched' },
  { name: 'manage-sign-in', path: '/manage' },
  { name: 'manage', path: '/manage', headers: SIGNED_IN },
  { name: 'article-history-manage', path: `/article?url=${enc(STORY_URL)}`, headers: SIGNED_IN },
];

let browser: Browser;
let server: RunningHttpServer;

beforeAll(async () => {
  const site = await seededSite({ apiTokenSha256: TEST_TOKEN_SHA256 });
  // A headline test with a long, unbroken headline and excerpt on the moved article's page: it must fit a phone too.
  const other = await site.store.getArticle(OTHER_URL);
  if (!other) throw new Error('the seeded site lost its second article');
  await site.store.saveCheck(
    other,
    { ...other, lastCheckedAt: '2025-03-10T11:00:00.000Z' },
    {
      variants: [
        {
          url: other.url,
          source: other.source,
          hash: 'c'.repeat(64),
          title: `Budget talks collapse ${'x'.repeat(80)}`,
          currentTitle: other.latestTitle ?? '',
          excerpt: `collapsed ${'y'.repeat(120)}`,
          seenAt: '2025-03-10T11:00:00.000Z',
        },
      ],
    },
  );
  server = await startHttpServer(site.app, { port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(WIDTHS)('at %i px wide', (width) => {
  it.each(PAGES)('$name fits the screen', async ({ name, path, headers }) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      if (headers) await page.setExtraHTTPHeaders(headers);
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
        widest: [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 3)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      }));
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
      expect(overflow.widest).toEqual([]);
      expect(overflow.page).toBeLessThanOrEqual(overflow.screen);
    } finally {
      await page.close();
    }
  });

  it('shows the diff highlights, and keeps every paragraph reachable', async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(`${server.url}/diff?url=${enc(STORY_URL)}&from=0&to=1`);
      const visible = await page.evaluate(() => {
        const shown = (selector: string) => [...document.querySelectorAll(selector)].filter((element) => element.getClientRects().length > 0).length;
        return { del: shown('del'), ins: shown('ins'), toggles: shown('details.unchanged summary') };
      });
      expect(visible.del).toBeGreaterThan(0);
      expect(visible.ins).toBeGreaterThan(0);
      if (width < 700) {
        expect(visible.toggles).toBeGreaterThan(0);
        await page.click('details.unchanged summary');
        expect(await page.isVisible('details.unchanged[open] p')).toBe(true);
      }
    } finally {
      await page.close();
    }
  });
});
