// The CDK app: `npx cdk deploy` (optionally `-c configFile=monitor.config.json
// -c alarmEmail=ops@example.org`). Synth needs no AWS account or credentials:
// the stack is environment-agnostic and deploys wherever the CLI points.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../lambdas/errors';
import { MonitorStack } from '../lib/monitor-stack';

const app = new App();
try {
  new MonitorStack(app, 'ArticleMonitor');
} catch (error) {
  // A bad config file or context value is the operator's to fix: say what, not where in our code.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`monitor: ${error.message}`);
  process.exit(1);
}
// Security and best-practice rules run at every synth; an unacknowledged finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
