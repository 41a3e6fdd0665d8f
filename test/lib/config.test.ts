import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../../lambdas/errors';
import { parseConfig } from '../../lambdas/domain/config';
import { MAX_CONFIG_BYTES } from '../../lib/monitor-config';
import { MonitorStack } from '../../lib/monitor-stack';
import { SKIP_BUNDLING, synthMonitorStack } from './synth-stack';

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function configFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-config-'));
  scratchDirs.push(dir);
  const path = join(dir, 'monitor.config.json');
  writeFileSync(path, content);
  return path;
}

/** MONITOR_CONFIG of every function that reads the config: all but notify, which only relays what the table streams. */
function shippedConfigs(template: ReturnType<typeof synthMonitorStack>['template']): unknown[] {
  const variables = Object.values(template.findResources('AWS::Lambda::Function')).map(
    (fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
  );
  const readers = variables.filter((vars) => !('CHANGE_TOPIC_ARN' in vars));
  expect(readers).toHaveLength(4);
  return readers.map((vars) => vars.MONITOR_CONFIG);
}

/** Builds the stack in a fresh app and reports what was thrown and whether any resource got made. */
function attempt(context: Record<string, unknown>): { error: unknown; resources: number } {
  const app = new App({ context: { ...SKIP_BUNDLING, ...context } });
  try {
    new MonitorStack(app, 'Monitor');
    return { error: undefined, resources: -1 };
  } catch (error) {
    const stack = app.node.tryFindChild('Monitor');
    return { error, resources: stack ? stack.node.children.length : 0 };
  }
}

describe('the config shipped to the Lambdas', () => {
  it('is the config file as compact JSON, the same text in every function, and parses to the same config', () => {
    const sources = { sources: [{ name: 'example', hosts: ['news.example.org'], feeds: ['https://news.example.org/rss'] }] };
    const path = configFile(JSON.stringify(sources, null, 2));
    const shipped = shippedConfigs(synthMonitorStack({ configFile: path }).template);
    expect(new Set(shipped)).toEqual(new Set([JSON.stringify(sources)]));
    expect(parseConfig(JSON.parse(String(shipped[0]))).sources[0]?.hosts).toEqual(['news.example.org']);
  });

  it('is "{}" (all defaults) when no config file is named', () => {
    expect(new Set(shippedConfigs(synthMonitorStack().template))).toEqual(new Set(['{}']));
  });
});

describe('bad deploy settings stop the synth before any resource is made', () => {
  it('an invalid config file: ConfigError naming the setting', () => {
    const { error, resources } = attempt({ configFile: configFile('{"schedule": {"jitter": 3}}') });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('schedule.jitter');
    expect(resources).toBe(0);
  });

  it('a config file that is not JSON: ConfigError naming the file', () => {
    const path = configFile('{ sources: [');
    const { error, resources } = attempt({ configFile: path });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(path);
    expect(resources).toBe(0);
  });

  it('a config file that does not exist: ConfigError naming the path', () => {
    const { error, resources } = attempt({ configFile: '/nonexistent/monitor.config.json' });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('/nonexistent/monitor.config.json');
    expect(resources).toBe(0);
  });

  it('a config too large for a Lambda environment: ConfigError giving the size and the limit', () => {
    const hosts = Array.from({ length: 200 }, (_, i) => `host-${i}.news.example.org`);
    const { error, resources } = attempt({ configFile: configFile(JSON.stringify({ sources: [{ name: 'big', hosts }] })) });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(String(MAX_CONFIG_BYTES));
    expect(resources).toBe(0);
  });

  it.each([['not-an-email'], [''], [42]])('an alarm email of %j: ConfigError', (alarmEmail) => {
    const { error, resources } = attempt({ alarmEmail });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('alarmEmail');
    expect(resources).toBe(0);
  });

  it('an empty config file path: ConfigError', () => {
    const { error, resources } = attempt({ configFile: ' ' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(resources).toBe(0);
  });
});
