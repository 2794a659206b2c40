import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
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

/** Both sandboxes (schema provisioned, seeded by the test) and a worker-mode service on a fresh prefix. */
export interface DedupeHarness {
  readonly sf: SalesforceSandbox;
  readonly hs: HubspotSandbox;
  readonly deps: PipelineDeps;
  /** Runs an incremental sync of each object type, then waits until the pipeline is idle. */
  sync(
    objectTypes: { sf?: readonly string[]; hs?: readonly string[] },
    ignore?: readonly string[],
  ): Promise<void>;
  idle(ignore?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The queues of the jobs this scenario is about; others may hold scheduled jobs (expiry) that never drain. */
const WATCHED: readonly string[] = ['crm-events', 'dedupe', 'write-back'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startDedupeHarness(
  jobs: readonly AnyJobDefinition<PipelineDeps>[],
  seed: (h: { sf: SalesforceSandbox; hs: HubspotSandbox; clock: SkewedClock }) => void,
  /** `hubspotWebhooks`: also serve HTTP and verify the HubSpot sandbox's webhooks (delivered once enabled). */
  options: { readonly hubspotWebhooks?: boolean } = {},
): Promise<DedupeHarness> {
  const clock = new SkewedClock();
  const sf = await startSalesforceSandbox({ now: clock.now });
  const hs = await startHubspotSandbox({
    now: clock.now,
    rateLimits: { tenSecondly: 10_000, searchPerSecond: 1_000 },
  });
  const prefix = testPrefix();
  const env = parseEnv({
    REDIS_URL: TEST_REDIS_URL,
    PORT: '0',
    REDIS_AUTOSTART: 'false',
    REDIS_PREFIX: prefix,
    SYNC_INTERVAL_MS: '0',
    INGEST_WINDOW_MS: '20',
    WRITE_BACK_WINDOW_MS: '20',
    SHUTDOWN_TIMEOUT_MS: '2000',
  });
  const connections = [
    ConnectionConfig.parse({
      id: 'sf',
      provider: 'salesforce',
      auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
      loginUrl: sf.url,
    }),
    ConnectionConfig.parse({
      id: 'hs',
      provider: 'hubspot',
      auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
      baseUrl: hs.url,
      ...(options.hubspotWebhooks === true
        ? { webhook: { clientSecret: hs.credentials.clientSecret, appId: hs.credentials.appId } }
        : {}),
    }),
  ];
  const log = createLogger({ level: process.env['DEDUPE_LOG'] === '1' ? 'warn' : 'silent' });
  const mode = options.hubspotWebhooks === true ? 'all' : 'worker';
  const service: RunningService = await startService({ env, log, mode, connections, jobs });
  // Off until a test turns them on (`hs.webhooks.configure({ enabled: true })`).
  const hookUrl = service.url === undefined ? undefined : `${service.url}/webhooks/hubspot/hs`;
  hs.webhooks.configure({ url: hookUrl, enabled: false });
  const deps = service.deps;
  const signal = new AbortController().signal;
  await deps.connections.get('sf')?.connector.ensureSchema(salesforceDefaultSchema(false), { signal });
  await deps.connections.get('hs')?.connector.ensureSchema(hubspotDefaultSchema(false), { signal });
  seed({ sf, hs, clock });
  const redis: Redis = workerRedis();
  const queues = connections.flatMap((c) =>
    QUEUE_NAMES.filter((name) => WATCHED.includes(name)).map(
      (name) => new Queue(name, { connection: redis, prefix: deps.keys.queuePrefix(c.id) }),
    ),
  );

  const busy = async (ignore: readonly string[]): Promise<number> => {
    let n = 0;
    for (const q of queues) {
      if (ignore.includes(q.name)) continue;
      const c = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
      n += Object.values(c).reduce((a, b) => a + b, 0);
    }
    return n;
  };
  const idle = async (ignore: readonly string[] = []): Promise<void> => {
    const deadline = Date.now() + 30_000;
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) throw new Error('pipeline did not go idle');
      quiet = (await busy(ignore)) === 0 ? quiet + 1 : 0;
      await sleep(100);
    }
    const failed = await Promise.all(queues.map((q) => q.getFailed()));
    const reasons = failed.flat().map((j) => `${j.name}: ${j.failedReason}`);
    if (reasons.length > 0) throw new Error(`failed jobs: ${reasons.join('; ')}`);
  };
  let lastSecond = -1;
  return {
    sf,
    hs,
    deps,
    idle,
    async sync(types, ignore = []) {
      // sync-now job ids are per second: wait for a new second so a second trigger is not coalesced.
      while (Math.floor(Date.now() / 1000) === lastSecond) await sleep(50);
      lastSecond = Math.floor(Date.now() / 1000);
      for (const t of types.sf ?? []) await deps.scheduler.syncNow('sf', t);
      for (const t of types.hs ?? []) await deps.scheduler.syncNow('hs', t);
      await idle(ignore);
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
      await service.close();
      await deleteKeys(redis, `${prefix}:*`);
      await redis.quit();
      await Promise.all([sf.close(), hs.close()]);
    },
  };
}
