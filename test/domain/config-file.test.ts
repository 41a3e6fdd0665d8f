import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, loadConfig } from '../../lambdas/adapters/config-file';

describe('the config file read by default', () => {
  it('is monitor.config.json in the working folder when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-default-'));
    expect(configPath(undefined, dir)).toBeUndefined();
    expect(loadConfig(undefined, dir).sources).toEqual([]);
    writeFileSync(join(dir, 'monitor.config.json'), JSON.stringify({ sources: [{ name: 'desk', hosts: ['example.com'] }] }));
    expect(configPath(undefined, dir)).toBe(join(dir, 'monitor.config.json'));
    expect(loadConfig(undefined, dir).sources.map((s) => s.name)).toEqual(['desk']);
  });

  it('gives way to a named file, and a broken default file is an error, not ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-default-'));
    writeFileSync(join(dir, 'monitor.config.json'), '{ not json');
    const named = join(dir, 'other.json');
    writeFileSync(named, JSON.stringify({ checkInterval: '5m' }));
    expect(loadConfig(named, dir).checkIntervalMs).toBe(300_000);
    expect(() => loadConfig(undefined, dir)).toThrow(/monitor\.config\.json is not valid JSON/);
  });
});
