import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Test files that need DynamoDB Local (Java) or a real HTTP server on 127.0.0.1.
 * Every other test file is in the unit tier, which starts neither and refuses any
 * network use (test/support/no-network.ts), so a file missing here fails loudly there.
 */
const INTEGRATION = [
  'test/adapters/dynamo-store.test.ts',
  'test/adapters/dynamo-due-index.test.ts',
  'test/adapters/webhook-publisher.test.ts',
  'test/handlers/check-bundle.test.ts',
  'test/handlers/check-batch.test.ts',
  'test/adapters/store-permissions.test.ts',
  'test/service/discovery-isolation.test.ts',
  'test/service/discovery.test.ts',
  'test/service/settings-and-management.test.ts',
  'test/service/dispatch.test.ts',
  'test/service/failing-checks.test.ts',
  'test/service/newsroom-rules.test.ts',
  'test/service/headline-tests.test.ts',
  'test/service/signed-pages.test.ts',
  'test/cli/cli-output.test.ts',
  'test/cli/cli.test.ts',
  'test/cli/interrupt.test.ts',
  'test/cli/manage-cli.test.ts',
  'test/e2e/end-to-end.test.ts',
  'test/e2e/manage-serve.test.ts',
  'test/e2e/notifications.test.ts',
  'test/adapters/fetch-failures.test.ts',
  'test/adapters/http-fetcher.test.ts',
  'test/adapters/kept-connections.test.ts',
  'test/adapters/robots.test.ts',
  'test/local/dynamo-outage.test.ts',
  'test/local/shared-dynamodb.test.ts',
  'test/local/no-java.test.ts',
  'test/local/serve-responsive.test.ts',
  'test/handlers/notify.test.ts',
  'test/adapters/dynamo-store/all-articles.test.ts',
  'test/adapters/dynamo-store/capacity.test.ts',
  'test/adapters/dynamo-store/legacy-heads.test.ts',
  'test/adapters/dynamo-store/changes-feed.test.ts',
  'test/adapters/dynamo-store/create.test.ts',
  'test/adapters/dynamo-store/due.test.ts',
  'test/adapters/dynamo-store/grouped-saves.test.ts',
  'test/adapters/dynamo-store/manage.test.ts',
  'test/adapters/dynamo-store/records.test.ts',
  'test/adapters/dynamo-store/save-check.test.ts',
  'test/adapters/dynamo-store/table.test.ts',
  'test/adapters/dynamo-store/throttled-transactions.test.ts',
  'test/web/http-server.test.ts',
  'test/web/store-failure.test.ts',
];
// A moved or renamed file would otherwise drop into the unit tier unnoticed until it failed there.
const missing = INTEGRATION.filter((file) => !existsSync(new URL(file, import.meta.url)));
if (missing.length > 0) throw new Error(`vitest.config.ts lists integration tests that do not exist: ${missing.join(', ')}`);

const shared = {
  // A guard against hangs, not a goal: the CDK app test's synth (a child process) took over 30 s on a busy machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // The browser tests need Chromium and run on their own: npm run test:browser.
          exclude: [...configDefaults.exclude, 'test/browser/**', ...INTEGRATION],
          setupFiles: ['test/support/no-network.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: INTEGRATION,
          // One DynamoDB Local for the whole tier; each test file makes its own table.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
