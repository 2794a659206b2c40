import { defineConfig } from 'vitest/config';

/**
 * Real-Redis files that measure wall time (event-loop blocking, a deadline, a lease or a time window)
 * or load the machine for long (the fault suites): they run one at a time, after the other Redis files,
 * so no other test file competes with them for the two cores.
 */
const REDIS_SERIAL = [
  'test/faults/**/*.redis.test.ts',
  'test/security/fuzz-webhooks.redis.test.ts',
  'test/security/fuzz-formats.redis.test.ts',
  'test/security/hardening.redis.test.ts',
  'test/security/shutdown.redis.test.ts',
  'test/src/http/readyz.redis.test.ts',
  'test/src/http/admin/admin-live-mapping.redis.test.ts',
  'test/store/webhook-spool.redis.test.ts',
  'test/src/ingest/hubspot-journal-consumer.redis.test.ts',
  'test/ingest/change-streams.redis.test.ts',
  'test/src/cli/demo.redis.test.ts',
  'test/connectors/rate-budget.redis.test.ts',
  'test/connectors/batch-policy.redis.test.ts',
  'test/ingest/change-stream-processes.redis.test.ts',
  'test/src/service/relay-resync.redis.test.ts',
];

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
          maxWorkers: 2,
        },
      },
      {
        // Every key a test writes is under its own prefix (test/helpers/redis.ts) and every server it
        // starts listens on a free port, so two files run at once.
        test: {
          name: 'redis',
          include: ['test/**/*.redis.test.ts'],
          exclude: REDIS_SERIAL,
          setupFiles: ['test/setup-network.ts'],
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Run with `redis` (`npm run test:redis`), these come after it, one file at a time.
        test: {
          name: 'redis-serial',
          include: REDIS_SERIAL,
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
        // Each file starts its own stack (free ports, own key prefix) and its own Chromium.
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          setupFiles: ['test/setup-network.ts'],
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
