// `npm run test:aws`: the stack on emulators (stack.scenario.ts), apart from `npm test`. One file, its
// scenarios in order; every wait inside has its own limit, and the whole run stays under five minutes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/aws/**/*.scenario.ts'],
    root: new URL('../..', import.meta.url).pathname,
    testTimeout: 150_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
