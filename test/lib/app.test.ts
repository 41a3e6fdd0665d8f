// bin/app.ts as `cdk synth` runs it (the CLI passes context and the output
// directory through these environment variables), with bundling skipped.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/bundling';
import { SKIP_BUNDLING } from './synth-stack';

const scratchDirs: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function synthApp(context: Record<string, unknown>): { status: number | null; stderr: string; outdir: string } {
  const outdir = scratchDir('monitor-cdk-out-');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...SKIP_BUNDLING, ...context }),
      // Synth must not depend on an account: make sure none leaks in from the shell.
      CDK_DEFAULT_ACCOUNT: '',
      AWS_PROFILE: '',
    },
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe('the CDK app', () => {
  it('synthesizes the stack with no account or credentials, passing the cdk-nag checks it runs', () => {
    const { status, stderr, outdir } = synthApp({});
    expect(stderr).not.toMatch(/ERROR/);
    expect(status).toBe(0);
    const template = JSON.parse(readFileSync(join(outdir, 'ArticleMonitor.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    // check, dispatch, discover, web and notify
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(5);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: Array<{ conclusion: string }> };
    expect(report.pluginReports.filter((plugin) => plugin.conclusion !== 'success')).toEqual([]);
  });

  it('refuses an invalid config file with a message naming the bad setting, and writes no template', () => {
    const configFile = join(scratchDir('monitor-config-'), 'monitor.config.json');
    writeFileSync(configFile, JSON.stringify({ fetch: { timeout: 'soon' } }));
    const { status, stderr, outdir } = synthApp({ configFile });
    expect(status).toBe(1);
    expect(stderr).toContain('fetch.timeout');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(outdir, 'ArticleMonitor.template.json'))).toBe(false);
  });
});
