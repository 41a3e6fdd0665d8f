// The stack as `cdk synth` builds it, with asset bundling skipped so template
// tests stay fast: entries must exist, but esbuild does not run.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MonitorStack } from '../../lib/monitor-stack';

export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

export function synthMonitorStack(context: Record<string, unknown> = {}): { stack: MonitorStack; template: Template } {
  const app = new App({ context: { ...SKIP_BUNDLING, ...context } });
  const stack = new MonitorStack(app, 'Monitor');
  return { stack, template: Template.fromStack(stack) };
}
