import { describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthMonitorStack } from './synth-stack';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack', () => {
    const { stack } = synthMonitorStack({ alarmEmail: 'ops@example.org' });
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});
