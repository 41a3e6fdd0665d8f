import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lambdas/adapters/config-file';
import { defaultConfig, parseConfig, sourceFor } from '../../lambdas/domain/config';
import { ConfigError } from '../../lambdas/errors';

describe('monitor.config.json', () => {
  it('fills everything it does not set from the defaults', () => {
    const config = parseConfig({ politeness: { perHostGap: '2s' } });
    expect(config.politeness.perHostGapMs).toBe(2000);
    expect(config.schedule).toEqual(defaultConfig().schedule);
  });

  it('reads sources with feeds, sitemaps, front pages and extraction rules', () => {
    const config = parseConfig({
      sources: [
        {
          name: 'npr',
          hosts: ['npr.org'],
          feeds: ['https://feeds.npr.org/1001/rss.xml'],
          frontPages: [{ url: 'https://www.npr.org/', articlePattern: '/\\d{4}/\\d{2}/\\d{2}/' }],
          extract: { drop: ['.caption'] },
        },
      ],
    });
    expect(sourceFor(config, 'https://www.npr.org/2016/07/15/x')?.name).toBe('npr');
    expect(sourceFor(config, 'https://example.com/x')).toBeUndefined();
  });

  it.each([
    [{ schedule: { steps: [{ under: 'soon', every: '5m' }] } }, /schedule.steps\[0\].under/],
    [
      {
        schedule: {
          steps: [
            { under: '1d', every: '5m' },
            { under: '1h', every: '1h' },
          ],
        },
      },
      /must increase/,
    ],
    [{ fetch: { maxRedirects: 50 } }, /maxRedirects/],
    [{ politeness: { perHostConcurrency: 1.5 } }, /perHostConcurrency/],
    [{ sources: [{ name: 'a b', hosts: [] }] }, /sources\[0\].name/],
    [{ sources: [{ name: 'x', frontPages: [{ url: 'https://x.test/', articlePattern: '(' }] }] }, /articlePattern/],
    [{ sources: [{ name: 'x' }, { name: 'x' }] }, /used twice/],
    [{ sources: [{ name: 'x', extract: { drop: ['div[[['] } }] }, /sources\[0\]\.extract\.drop\[0\]/],
    [{ shedule: {} }, /unknown setting "shedule"/],
    [{ dispatchBatch: 500 }, /dispatchBatch is no longer a setting/],
    [{ schedule: { steps: [{ under: '1d', every: '0s' }] } }, /schedule.steps\[0\].every: must be longer than zero/],
    [{ schedule: { steps: [{ under: '1d', every: 0 }] } }, /schedule.steps\[0\].every: must be longer than zero/],
    [{ schedule: { steps: [{ under: '1d', every: '999999999d' }] } }, /schedule.steps\[0\].every: at most 36500d/],
    [{ schedule: { retireAfter: '0d' } }, /schedule.retireAfter: must be longer than zero/],
    [{ schedule: { jitter: Number.NaN } }, /schedule.jitter/],
    [{ checkInterval: '0ms' }, /checkInterval: must be longer than zero/],
    [{ discoverInterval: 0 }, /discoverInterval: must be longer than zero/],
    [{ fetch: { timeout: '0s' } }, /fetch.timeout: must be longer than zero/],
    [{ fetch: { timeout: '30d' } }, /fetch.timeout: at most 5m/],
    [{ fetch: { maxBytes: 0.5 } }, /fetch.maxBytes: expected a whole number/],
    [{ sources: [{ name: 'x', feeds: ['not a url'] }] }, /sources\[0\].feeds\[0\]: not an absolute URL/],
    [{ sources: [{ name: 'x', sitemaps: ['ftp://x.test/sitemap.xml'] }] }, /sources\[0\].sitemaps\[0\]: only http and https/],
    [{ sources: [{ name: 'x', frontPages: [{ url: '/front', articlePattern: 'x' }] }] }, /sources\[0\].frontPages\[0\].url: not an absolute URL/],
  ])('refuses bad setting %j with a message naming it', (input, message) => {
    expect(() => parseConfig(input)).toThrow(ConfigError);
    expect(() => parseConfig(input)).toThrow(message);
  });

  it('keeps a zero host gap (tests and polite-enough sites use it)', () => {
    expect(parseConfig({ politeness: { perHostGap: 0 } }).politeness.perHostGapMs).toBe(0);
  });

  it('reads a config file saved with a UTF-8 byte-order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-bom-'));
    const file = join(dir, 'monitor.config.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ checkInterval: '2m' })}`);
    expect(loadConfig(file).checkIntervalMs).toBe(120_000);
  });

  it('refuses a config file that is not JSON, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    const file = join(dir, 'monitor.config.json');
    writeFileSync(file, '{ "schedule": ');
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/cannot read config file/);
  });
});
