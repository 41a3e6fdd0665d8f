// The `monitor` commands, run in-process against DynamoDB Local and the test
// newsroom, plus the real executable once.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let common: string[];

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  common = ['--endpoint', endpoint, '--table', tableName, '--allow-private-network'];
});

afterAll(async () => {
  await newsroom.close();
});

async function monitor(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('monitor CLI', () => {
  it('watch, check, history, diff and export tell the story of an edit', async () => {
    newsroom.publish('/cli/story', sampleArticle());
    const url = newsroom.url('/cli/story');

    const watch = await monitor('watch', url, ...common);
    expect(watch.code).toBe(0);
    expect(watch.out).toContain(`watching ${url}: version 0`);

    expect((await monitor('watch', url, ...common)).out).toContain('already watching');

    newsroom.edit('/cli/story', (a) => {
      a.paragraphs[1] = a.paragraphs[1]!.replace('past midnight', 'until dawn');
      return a;
    });
    const check = await monitor('check', url, ...common);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/new-version version 1 \[.*paragraph-edited/);

    const history = await monitor('history', url, ...common);
    expect(history.out).toMatch(/version 0 .* chars/);
    expect(history.out).toMatch(/version 1 .* chars/);
    expect(history.out).toMatch(/0 → 1 {2}\[paragraph-edited/);

    const diff = await monitor('diff', url, ...common);
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('[-past midnight-]');
    expect(diff.out).toContain('{+until dawn+}');

    const exported = await monitor('export', '--format', 'jsonl', ...common);
    const records = exported.out.split('\n').map((line) => JSON.parse(line) as { type: string; url: string });
    const mine = records.filter((r) => r.url === url);
    expect(mine.map((r) => r.type)).toEqual(['article', 'version', 'version', 'change']);
    expect(mine[0]).toMatchObject({ type: 'article', status: 'active', versionCount: 2, source: '127.0.0.1' });
    expect(mine[3]).toMatchObject({ type: 'change', from: 0, to: 1, boring: false });
  });

  it('diff shows the last change by default, also when it was a revert', async () => {
    newsroom.publish('/cli/revert', sampleArticle());
    const url = newsroom.url('/cli/revert');
    await monitor('watch', url, ...common);
    newsroom.edit('/cli/revert', (a) => ({ ...a, paragraphs: [...a.paragraphs, 'An added line that will be taken back.'] }));
    await monitor('check', url, ...common);
    newsroom.edit('/cli/revert', sampleArticle());
    expect((await monitor('check', url, ...common)).out).toMatch(/revert/);
    const diff = await monitor('diff', url, ...common);
    expect(diff.out).toMatch(/version 1 \(.*\) → version 0 \(/);
    expect(diff.out).toContain('[-An added line that will be taken back.-]');
  });

  it('check without URLs checks only what is due; --all checks every article now', async () => {
    newsroom.publish('/cli/due', sampleArticle());
    await monitor('watch', newsroom.url('/cli/due'), ...common);
    newsroom.edit('/cli/due', (a) => ({ ...a, paragraphs: [...a.paragraphs, 'A late paragraph was added to the story.'] }));
    const due = await monitor('check', ...common);
    expect(due.code).toBe(0);
    expect(due.out).not.toContain(newsroom.url('/cli/due'));
    const all = await monitor('check', '--all', ...common);
    expect(all.out).toMatch(new RegExp(`${newsroom.url('/cli/due')}: new-version version 1`));
    expect(all.out).toMatch(/articles checked/);
  });

  it('extract prints one JSON line per input, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-'));
    const files = ['a', 'b'].map((name, i) => {
      const file = join(dir, `${name}.html`);
      writeFileSync(
        file,
        `<html><head><title>Story ${i}</title></head><body><article><h1>Story ${i}</h1><p>${'Paragraph text of a real story. '.repeat(10)}${i}</p></article></body></html>`,
      );
      return file;
    });
    const result = await monitor('extract', ...files);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.title)).toEqual(['Story 0', 'Story 1']);
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(['byline', 'publishedAt', 'text', 'title']);
  });

  it('extract says why a page would not be stored, and why the extractor refused one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-refused-'));
    const stub = join(dir, 'stub.html');
    writeFileSync(stub, '<html><head><title>Brief</title></head><body><article><p>Too short.</p></article></body></html>');
    const nested = join(dir, 'nested.html');
    writeFileSync(nested, `<html><body>${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}</body></html>`);
    const result = await monitor('extract', stub, nested);
    expect(result.code).toBe(1);
    const [short, refused] = result.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(short).toMatchObject({ title: 'Brief', refused: expect.stringMatching(/extraction collapsed to \d+ characters/) });
    expect(refused).toMatchObject({ text: '', error: expect.stringMatching(/refused the page: .*(deep|depth)/i) });
    expect(result.err).toMatch(/stub\.html: would not be stored as a version: extraction collapsed/);
  });

  it('extract reads a saved page in the charset it declares', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-charset-'));
    const file = join(dir, 'latin.html');
    const body = `The minister said \u201cno\u201d \u2014 twice. ${'More words of the story follow here. '.repeat(8)}`;
    const page = `<html><head><meta charset="windows-1252"><title>Caf\u00e9 story</title></head><body><article><p>${body}</p></article></body></html>`;
    const bytes = Buffer.from([...page].map((c) => ({ '\u201c': 0x93, '\u201d': 0x94, '\u2014': 0x97 })[c] ?? c.charCodeAt(0)));
    writeFileSync(file, bytes);
    const result = await monitor('extract', file);
    const line = JSON.parse(result.out) as { title: string; text: string };
    expect(line.title).toBe('Caf\u00e9 story');
    expect(line.text).toContain('said \u201cno\u201d \u2014 twice');
  });

  it.each([
    [['frobnicate'], 2, /unknown command/],
    [['diff', 'https://example.com/', '--from', 'two'], 2, /--from expects a whole number/],
    [['export', '--format', 'xml'], 2, /only jsonl/],
    [['watch'], 2, /at least one URL/],
    [['check', 'https://example.com/', '--all'], 2, /URLs or --all/],
  ])('refuses bad usage %j with exit code %d', async (argv, code, message) => {
    const result = await monitor(...argv, ...common);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });

  it('refuses unusable URLs and stores nothing', async () => {
    const ftp = await monitor('watch', 'ftp://example.com/file', ...common);
    expect(ftp.code).toBe(1);
    expect(ftp.err).toMatch(/only http and https/);
    const history = await monitor('history', 'https://example.com/never-watched', ...common);
    expect(history.code).toBe(1);
    expect(history.err).toMatch(/not watched/);
  });

  it('refuses loopback addresses without --allow-private-network', async () => {
    newsroom.publish('/cli/private', sampleArticle());
    const strict = common.filter((a) => a !== '--allow-private-network');
    const result = await monitor('watch', newsroom.url('/cli/private'), ...strict);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/allow-private-network/);
    const history = await monitor('history', newsroom.url('/cli/private'), ...common);
    expect(history.err).toMatch(/not watched/);
  });

  it('the installed executable runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bin-'));
    const file = join(dir, 'page.html');
    writeFileSync(file, `<html><head><title>Bin</title></head><body><article><p>${'Words of the story. '.repeat(20)}</p></article></body></html>`);
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/monitor.mjs', 'extract', file]);
    expect(JSON.parse(stdout.trim())).toMatchObject({ title: 'Bin' });
  });
});
