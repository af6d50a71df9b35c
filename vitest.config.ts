import { defineConfig } from 'vitest/config';

// Three projects, all run by `npm test`:
// - unit: pure code beside its source (core, maps, client helpers, server helpers)
// - redis: cross-process tests against the real Redis at REDIS_URL (test/integration/*.redis.test.ts)
// - e2e: headless Chromium against a real server (test/e2e/*.e2e.test.ts)
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,store,platform,workers,server,client,maps,scripts}/**/*.test.ts', 'test/bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'redis',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          globalSetup: ['test/setup/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          globalSetup: ['test/setup/e2e-setup.ts'],
        },
      },
    ],
  },
});
