// What readers on other devices and in other programs get: a phone-width diff,
// feeds a text-only reader can follow, and listings that end where the changes do.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeJson } from '../../lambdas/domain/types';
import { STORY_URL, request, seededSite, type TestSite } from './seed';

let site: TestSite;
beforeAll(async () => {
  site = await seededSite();
});

const enc = encodeURIComponent;

interface JsonFeed {
  version: string;
  title: string;
  items: { date_published?: string; content_text?: string; content_html: string }[];
}

async function jsonFeed(search = ''): Promise<JsonFeed> {
  return JSON.parse((await site.app(request('GET', `/feeds/changes.json${search}`))).body) as JsonFeed;
}

describe('feeds for every reader', () => {
  it('are JSON Feed 1.1 with each change published at the time it was found', async () => {
    const feed = await jsonFeed();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('spell each edit out with [-removed-]{+added+} markers, in the text and in the HTML', async () => {
    const feed = await jsonFeed(`?url=${enc(STORY_URL)}`);
    const item = feed.items[0];
    expect(item?.content_text).toMatch(/\[-[^\]]*will[^\]]*-\]\{\+[^}]*may[^}]*\+\}/);
    expect(item?.content_html).toMatch(/<del>\[-[^<]*-\]<\/del>/);
    const atom = (await site.app(request('GET', `/feeds/changes.atom?url=${enc(STORY_URL)}`))).body;
    expect(atom).toContain('{+');
  });

  it('name their filter in the title', async () => {
    expect((await jsonFeed('?stealth=1')).title).toBe('Article Change Monitor: stealth edits');
    expect((await jsonFeed('?kind=quote,number')).title).toBe('Article Change Monitor: changes (quote, number)');
    expect((await jsonFeed('?source=other.example.org&boring=1')).title).toBe('Article Change Monitor: changes in other.example.org, boring ones included');
  });
});

describe('listings that end', () => {
  it('give no next link on the last page of the API, and keep the page size on the others', async () => {
    const all = JSON.parse((await site.app(request('GET', '/api/changes?boring=1&limit=500'))).body) as { changes: ChangeJson[]; next: string | null };
    expect(all.next).toBeNull();
    const first = JSON.parse((await site.app(request('GET', '/api/changes?boring=1&limit=1'))).body) as { next: string | null };
    expect(first.next).toContain('limit=1');
    let next: string | null = first.next;
    let pages = 1;
    while (next !== null) {
      const page = JSON.parse((await site.app(request('GET', next))).body) as { changes: ChangeJson[]; next: string | null };
      expect(page.changes).toHaveLength(1);
      next = page.next;
      pages++;
    }
    expect(pages).toBe(all.changes.length);
  });

  it('show "Older changes" on the home page only while older changes exist', async () => {
    const everything = await site.app(request('GET', '/?limit=500&boring=1'));
    expect(everything.body).not.toContain('Older changes');
  });
});

describe('the diff on a phone', () => {
  it('comes as one inline column too, with unchanged paragraphs folded behind a toggle', async () => {
    const page = (await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&from=0&to=1`))).body;
    expect(page).toContain('<div class="unified">');
    expect(page).toMatch(/<details class="unchanged"><summary>\d+ unchanged paragraphs?<\/summary>/);
    expect(page).toMatch(/<div class="unified">[^]*<del>[^<]*will[^<]*<\/del>[^]*<ins>[^<]*may[^<]*<\/ins>/);
    expect(page).toMatch(/@media \(max-width:48rem\)\{\ntable\.diff\{display:none\}\n\.unified\{display:block\}/);
  });

  it('marks insertions by more than colour', async () => {
    const page = (await site.app(request('GET', `/diff?url=${enc(STORY_URL)}&from=0&to=1`))).body;
    expect(page).toContain('ins{background:#dfd;text-decoration:underline}');
    expect(page).toContain('del{background:#fdd;text-decoration:line-through}');
  });
});

describe('contrast', () => {
  const luminance = (hex: string): number => {
    const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(full.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const ratio = (a: string, b: string): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
  };

  it('keeps every text colour of the stylesheet at 4.5:1 or more against its background', async () => {
    const page = (await site.app(request('GET', '/'))).body;
    const stylesheet = /<style>([^]*?)<\/style>/.exec(page)?.[1] ?? '';
    const rules = [...stylesheet.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selector, body]) => ({ selector: selector?.trim() ?? '', body: body ?? '' }));
    const checked = rules.flatMap(({ selector, body }) => {
      const color = /(?:^|;)color:(#[0-9a-f]{3,6})/i.exec(body)?.[1];
      if (color === undefined) return [];
      const background = /background:(#[0-9a-f]{3,6})/i.exec(body)?.[1] ?? '#fff';
      return [{ selector, ratio: Math.round(ratio(color, background) * 100) / 100 }];
    });
    expect(checked.length).toBeGreaterThan(5);
    expect(checked.filter((entry) => entry.ratio < 4.5)).toEqual([]);
  });
});
