import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.redis.test.ts', 'test/**/*.cluster.test.ts', 'test/**/*.browser.test.ts'],
          setupFiles: ['test/setup-network.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'redis',
          include: ['test/**/*.redis.test.ts'],
          setupFiles: ['test/setup-network.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Against a local three-master Redis Cluster that each file starts (redis-server, ports from
        // PS_TEST_CLUSTER_PORT, default 17100) and stops by PID.
        test: {
          name: 'cluster',
          include: ['test/**/*.cluster.test.ts'],
          setupFiles: ['test/setup-network.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          setupFiles: ['test/setup-network.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
