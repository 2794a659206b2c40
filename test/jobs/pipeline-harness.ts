import { Queue } from 'bullmq';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import { UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { createConnector } from '../../connectors/registry.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../connectors/sandbox/start-sandboxes.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import type { PipelineDeps } from '../../src/queue/pipeline-deps.js';
import type { AnyJobDefinition } from '../../src/queue/job-definition.js';
import { QUEUE_NAMES } from '../../src/queue/queue-names.js';
import { startService, type RunningService } from '../../src/service.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../helpers/redis.js';
import { SkewedClock } from './dedupe-scenario.js';
import { assertNoLegacyHubspotCalls } from '../helpers/legacy-hubspot.js';

/**
 * Both CRM sandboxes (partnersync schema provisioned), seeded by the test, and a worker-mode service
 * with connections `sf` and `hs` on a fresh Redis prefix. No periodic syncs: the test calls `sync`.
 */
export interface Harness {
  readonly sf: SalesforceSandbox;
  readonly hs: HubspotSandbox;
  readonly clock: SkewedClock;
  readonly service: RunningService;
  readonly deps: PipelineDeps;
  readonly prefix: string;
  /** Incremental sync of these object types per connection, then wait until every queue is idle. */
  sync(
    types: { readonly sf?: readonly string[]; readonly hs?: readonly string[] },
    /** Queues the caller cares about; settle waits for every queue anyway (a superset). */
    queues?: readonly string[],
  ): Promise<void>;
  /** Waits until no job is waiting, active or delayed and no write-back is pending; throws on failed jobs. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface SeedContext {
  readonly sf: SalesforceSandbox;
  readonly hs: HubspotSandbox;
  readonly clock: SkewedClock;
}

export async function startHarness(
  jobs: readonly AnyJobDefinition<PipelineDeps>[],
  seed: (ctx: SeedContext) => void | Promise<void>,
  clock: SkewedClock = new SkewedClock(),
): Promise<Harness> {
  const sf = await startSalesforceSandbox({ now: clock.now, webhook: { enabled: false } });
  const hs = await startHubspotSandbox({ now: clock.now, webhook: { enabled: false } });
  const sfConfig = ConnectionConfig.parse({
    id: 'sf',
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
    instanceUrl: sf.url,
    loginUrl: sf.url,
  });
  const hsConfig = ConnectionConfig.parse({
    id: 'hs',
    provider: 'hubspot',
    auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
    baseUrl: hs.url,
    tier: 'enterprise',
  });
  const signal = new AbortController().signal;
  await createConnector(sfConfig, { gate: UNLIMITED_GATE }).ensureSchema(salesforceDefaultSchema(false), {
    signal,
  });
  await createConnector(hsConfig, { gate: UNLIMITED_GATE }).ensureSchema(hubspotDefaultSchema(false), {
    signal,
  });
  await seed({ sf, hs, clock });

  const prefix = testPrefix();
  const env = parseEnv({
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    REDIS_AUTOSTART: 'false',
    SYNC_INTERVAL_MS: '0',
    INGEST_WINDOW_MS: '10',
    WRITE_BACK_WINDOW_MS: '10',
    LOG_LEVEL: 'silent',
  });
  const log = createLogger({ level: process.env['HARNESS_LOG'] === '1' ? 'warn' : 'silent' });
  const service = await startService({
    env,
    log,
    mode: 'worker',
    connections: [sfConfig, hsConfig],
    jobs,
    now: clock.now,
  });
  const admin = workerRedis();
  const queues = ['sf', 'hs'].flatMap((id) =>
    QUEUE_NAMES.map(
      (name) => new Queue(name, { connection: admin, prefix: service.deps.keys.queuePrefix(id) }),
    ),
  );

  const settle = async (): Promise<void> => {
    let quiet = 0;
    let last = '';
    for (let i = 0; i < 400 && quiet < 3; i += 1) {
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts('wait', 'active', 'prioritized', 'waiting-children')),
      );
      let busy = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
      // Delayed jobs count, except the next run of a job scheduler (the daily expiry).
      for (const q of queues)
        busy += (await q.getDelayed()).filter((j) => j.repeatJobKey === undefined).length;
      for (const id of ['sf', 'hs']) busy += await service.deps.writeBack.pendingCount(id);
      quiet = busy === 0 ? quiet + 1 : 0;
      last = JSON.stringify(counts.map((c, j) => [queues[j]?.name, c]));
      await new Promise((r) => setTimeout(r, 50));
    }
    const failed = (await Promise.all(queues.map((q) => q.getFailed()))).flat();
    if (quiet < 3 && failed.length === 0) throw new Error(`queues never settled: ${last}`);
    if (failed.length > 0)
      throw new Error(`jobs failed: ${failed.map((j) => `${j.name}: ${j.failedReason}`).join(' | ')}`);
  };

  return {
    sf,
    hs,
    clock,
    service,
    deps: service.deps,
    prefix,
    settle,
    async sync(types) {
      // sync-now job ids are per second of the service clock: start in a fresh second.
      await new Promise((r) => setTimeout(r, 1_000 - (clock.now() % 1_000) + 5));
      for (const t of types.sf ?? []) await service.deps.scheduler.syncNow('sf', t);
      for (const t of types.hs ?? []) await service.deps.scheduler.syncNow('hs', t);
      await settle();
    },
    async close() {
      await service.close();
      await Promise.all(queues.map((q) => q.close()));
      await deleteKeys(admin, `*${prefix}*`);
      await admin.quit();
      await Promise.all([sf.close(), hs.close()]);
      assertNoLegacyHubspotCalls(hs);
    },
  };
}
