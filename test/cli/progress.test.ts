import { describe, expect, it } from 'vitest';
import { Progress } from '../../lambdas/cli/progress';
import { forReading, summaryLine, tally } from '../../lambdas/service/check-summary';
import type { CheckReport } from '../../lambdas/service/checker';

function harness(isTty: boolean) {
  let now = 0;
  const written: string[] = [];
  const progress = new Progress({ write: (text) => written.push(text), isTty }, 'checking', 50, { delayMs: 2000, lineEveryMs: 5000, redrawMs: 100 }, () => now);
  return { progress, written, at: (ms: number) => (now = ms) };
}

describe('progress on stderr', () => {
  it('says nothing for work done within the delay', () => {
    const { progress, written, at } = harness(false);
    at(1500);
    progress.advance('0 changed');
    progress.finish();
    expect(written).toEqual([]);
  });

  it('without a terminal, writes a line every few seconds, not on every item', () => {
    const { progress, written, at } = harness(false);
    at(2100);
    progress.advance('1 changed');
    at(3000);
    progress.advance('1 changed');
    at(7200);
    progress.advance('2 changed');
    expect(written).toEqual(['monitor: checking: 1/50 done, 1 changed (0:02)\n', 'monitor: checking: 3/50 done, 2 changed (0:07)\n']);
  });

  it('on a terminal, redraws one bar in place and clears it at the end', () => {
    const { progress, written, at } = harness(true);
    at(2000);
    for (let i = 0; i < 25; i++) progress.advance();
    at(2150);
    progress.advance();
    progress.finish();
    expect(written).toEqual([
      `\r\x1b[Kchecking [${'.'.repeat(24)}] 1/50 done · 0:02`,
      `\r\x1b[Kchecking [${'#'.repeat(12)}${'.'.repeat(12)}] 26/50 done · 0:02`,
      '\r\x1b[K',
    ]);
  });
});

describe('a run of checks, summed up', () => {
  const report = (url: string, outcome: CheckReport['outcome']): CheckReport => ({ url, outcome });

  it('lists changes, then failures, then the rest, keeping the order within each', () => {
    const reports = [
      report('a', 'unchanged'),
      report('b', 'failed'),
      report('c', 'new-version'),
      report('d', 'paused'),
      report('e', 'revert'),
      report('f', 'rebaselined'),
    ];
    expect(forReading(reports).map((r) => r.url)).toEqual(['c', 'e', 'f', 'b', 'd', 'a']);
  });

  it('counts every group, thrown errors as failures, and names the rare groups only when there are some', () => {
    expect(summaryLine(tally([report('a', 'unchanged'), report('b', 'new-version')], 1))).toBe('3 articles checked: 1 changed, 1 failed, 1 unchanged');
    expect(summaryLine(tally([report('a', 'rebaselined'), report('b', 'shrink-pending'), report('c', 'paused')]), 'due article')).toBe(
      '3 due articles checked: 0 changed, 1 re-baselined (extraction settings changed), 0 failed, 1 waiting to confirm a shrink, 1 skipped (paused, unwatched or already checked), 0 unchanged',
    );
    expect(summaryLine(tally([report('a', 'variant-suppressed')]), 'URL')).toBe('1 URL checked: 0 changed, 0 failed, 1 unchanged');
  });
});
