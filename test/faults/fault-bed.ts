import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubspotDefaultSchema } from '../../connectors/hubspot/default-schema.js';
import { RateBudget, UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { hubspotBudget } from '../../connectors/rate-budget-presets.js';
import { createConnector } from '../../connectors/registry.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import { HS_PORTAL_ID } from '../../connectors/sandbox/hubspot/portal.js';
import { SF_ORG_ID } from '../../connectors/sandbox/salesforce/org.js';
import {
  startHubspotSandbox,
  startSalesforceSandbox,
  type HubspotSandbox,
  type SalesforceSandbox,
} from '../../connectors/sandbox/start-sandboxes.js';
import { allJobs } from '../../jobs/index.js';
import { loadConnections } from '../../src/config/load-connections.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { startPrivateRedis } from '../../src/queue/local-redis.js';
import { startService, type RunningService } from '../../src/service.js';
import { createPipelineDeps } from '../../src/queue/create-pipeline-deps.js';
import type { PipelineDeps } from '../../src/queue/pipeline-deps.js';
import { createRedis } from '../../src/queue/redis.js';
import { targetEnv, type RedisTarget } from '../../src/queue/redis-target.js';
import { keySlot } from '../../src/store/key-slot.js';
import { spawnCli, waitForLine } from '../helpers/cli.js';
import type { TestCluster } from '../helpers/redis-cluster.js';
import { createKeySpace } from '../../src/store/keys.js';
import { SkewedClock } from '../jobs/dedupe-scenario.js';
import { startFaultProxy, type FaultProxy, type FaultRates } from './fault-proxy.js';
import { startWebhookScrambler, type WebhookScrambler } from './webhook-scrambler.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

/**
 * Everything the fault suite runs on: a private redis-server with AOF in a temp dir, both CRM
 * sandboxes behind seeded fault proxies, a webhook scrambler, the HTTP-only service in this process and
 * `partnersync worker` child processes sharing one CONNECTIONS_FILE. `close` ends every child.
 */
export interface FaultBed {
  /** The pipeline's stores and connections, read by the test to see whether work is left. */
  readonly deps: PipelineDeps;
  readonly sf: SalesforceSandbox;
  readonly hs: HubspotSandbox;
  readonly clock: SkewedClock;
  readonly sfProxy: FaultProxy;
  readonly hsProxy: FaultProxy;
  readonly scrambler: WebhookScrambler;
  /** The in-process HTTP service, or undefined when `partnersync serve` runs as a child process. */
  readonly service: RunningService | undefined;
  readonly workers: WorkerProcess[];
  startWorker(name: string): WorkerProcess;
  restartRedis(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface FaultBedOptions {
  readonly seed: number;
  readonly rates: FaultRates;
  readonly syncIntervalMs: number;
  /** Seeds the sandboxes after provisioning, before anything is connected. */
  readonly seedData: (sf: SalesforceSandbox, hs: HubspotSandbox, clock: SkewedClock) => void;
  /** Run on this Redis Cluster (nodes with AOF) instead of a private redis-server. */
  readonly cluster?: TestCluster;
  /** Start the HTTP tier as a `partnersync serve` child process instead of in this process. */
  readonly serveProcess?: boolean;
}

const CALL_TIMEOUT_MS = 4_000;
const REDIS_PREFIX = 'faults';
const HS_TIER = 'starter';
const LIMITS = { dailyShare: 0.8, warnAt: 0.9 };

export async function startFaultBed(options: FaultBedOptions): Promise<FaultBed> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  };
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ps-faults-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const cluster = options.cluster;
    let redis = cluster === undefined ? await startPrivateRedis({ appendOnly: true, dir }) : undefined;
    const port = redis?.port ?? 0;
    cleanups.push(async () => redis?.stop());
    const target: RedisTarget = cluster?.target ?? { kind: 'single', url: redis?.url ?? '' };

    const clock = new SkewedClock();
    const hook = { enabled: false, flushIntervalMs: 100 };
    const sf = await startSalesforceSandbox({ now: clock.now, webhook: hook });
    cleanups.push(() => sf.close());
    const hs = await startHubspotSandbox({ webhook: hook });
    cleanups.push(() => hs.close());
    const signal = AbortSignal.timeout(30_000);
    const direct = (raw: unknown) => createConnector(raw, { gate: UNLIMITED_GATE });
    const sfDirect = {
      id: 'sf',
      provider: 'salesforce',
      auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
      loginUrl: sf.url,
    };
    const hsDirect = {
      id: 'hs',
      provider: 'hubspot',
      auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
      baseUrl: hs.url,
    };
    await direct(sfDirect).ensureSchema(salesforceDefaultSchema(false), { signal });
    // HubSpot's ten-secondly limit is the portal's, so provisioning spends from the connection's shared
    // bucket like every other call: ungated, its ~60 calls sat in the sandbox's rolling window unseen by
    // the bucket, and the workers' first full-rate seconds on top of them drew a real 429.
    const budgetRedis = createRedis(target, 'worker');
    try {
      const gate = new RateBudget(
        budgetRedis,
        createKeySpace(REDIS_PREFIX).connection(hsDirect.id, 'budget'),
        hubspotBudget(HS_TIER, { dailyShare: LIMITS.dailyShare, warnAt: LIMITS.warnAt }),
      );
      await createConnector(hsDirect, { gate }).ensureSchema(hubspotDefaultSchema(false), {
        signal: AbortSignal.timeout(60_000),
      });
    } finally {
      budgetRedis.disconnect();
    }
    options.seedData(sf, hs, clock);

    const proxy = (target: string, provider: 'hubspot' | 'salesforce', seed: number) =>
      startFaultProxy({ target, provider, seed, rates: options.rates, holdMs: CALL_TIMEOUT_MS + 1_000 });
    const sfProxy = await proxy(sf.url, 'salesforce', options.seed);
    cleanups.push(() => sfProxy.close());
    const hsProxy = await proxy(hs.url, 'hubspot', options.seed + 1);
    cleanups.push(() => hsProxy.close());

    const limits = { ...LIMITS, timeoutMs: CALL_TIMEOUT_MS };
    const connections = [
      {
        ...sfDirect,
        auth: { ...sfDirect.auth, instanceUrl: sfProxy.url },
        loginUrl: sfProxy.url,
        webhook: { organizationId: SF_ORG_ID },
        limits: { ...limits, dailyLimit: 100_000 },
      },
      {
        ...hsDirect,
        baseUrl: hsProxy.url,
        portalId: HS_PORTAL_ID,
        tier: HS_TIER,
        webhook: { clientSecret: hs.credentials.clientSecret, appId: hs.credentials.appId },
        limits,
      },
    ];
    const connectionsFile = join(dir, 'connections.json');
    writeFileSync(connectionsFile, JSON.stringify({ connections }));

    let serviceUrl = '';
    const scrambler = await startWebhookScrambler({
      target: () => serviceUrl,
      copies: 3,
      seed: options.seed,
    });
    cleanups.push(() => scrambler.close());
    const common = {
      ...targetEnv(target),
      REDIS_PREFIX,
      REDIS_AUTOSTART: 'false',
      CONNECTIONS_FILE: connectionsFile,
      INGEST_WINDOW_MS: '200',
      WRITE_BACK_WINDOW_MS: '200',
    };
    const env = parseEnv({ ...common, PORT: '0', PUBLIC_BASE_URL: scrambler.url, NODE_ENV: 'test' });
    let service: RunningService | undefined;
    if (options.serveProcess === true) {
      const serve = spawnCli(['serve'], {
        ...common,
        PORT: '0',
        PUBLIC_BASE_URL: scrambler.url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      });
      const exited = new Promise<void>((resolve) => serve.once('exit', () => resolve()));
      cleanups.push(async () => {
        if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGTERM');
        await exited;
      });
      // Generous: on a loaded two-core machine tsx takes tens of seconds to load the CLI.
      serviceUrl = (await waitForLine(serve, /listening on (http:\/\/\S+)/, 90_000))[1] ?? '';
    } else {
      const running = await startService({
        env,
        log: createLogger({ level: 'silent' }),
        mode: 'http',
        connections: loadConnections(env),
        jobs: allJobs,
      });
      service = running;
      cleanups.push(async () => {
        await running.close();
      });
      serviceUrl = running.url ?? '';
    }
    const depsRedis = createRedis(target, 'worker');
    const pipeline = createPipelineDeps({
      env,
      connections: loadConnections(env),
      redis: depsRedis,
      log: createLogger({ level: 'silent' }),
    });
    cleanups.push(async () => {
      await pipeline.close();
      depsRedis.disconnect();
    });
    sf.webhooks.configure({ url: `${scrambler.url}/webhooks/salesforce/sf`, enabled: true });
    hs.webhooks.configure({ url: `${scrambler.url}/webhooks/hubspot/hs`, enabled: true });

    const workers: WorkerProcess[] = [];
    cleanups.push(async () => {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    });
    const workerEnv = {
      ...common,
      NODE_ENV: 'test',
      SYNC_INTERVAL_MS: String(options.syncIntervalMs),
      WORKER_CONCURRENCY: '4',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
    const startWorker = (name: string): WorkerProcess => {
      const w = startWorkerProcess(name, workerEnv);
      workers.push(w);
      return w;
    };
    return {
      deps: pipeline.deps,
      sf,
      hs,
      clock,
      sfProxy,
      hsProxy,
      scrambler,
      service,
      workers,
      startWorker,
      restartRedis: async (downMs) => {
        if (cluster !== undefined) {
          // The master serving the HubSpot connection (the busiest) goes down and comes back from its AOF.
          const master = await cluster.masterOf(keySlot(createKeySpace(REDIS_PREFIX).connection('hs', 'x')));
          // A restart, as on one Redis: shut down (AOF flushed), then start from the AOF.
          await cluster.stopNode(master, 'SIGTERM');
          await new Promise((r) => setTimeout(r, downMs));
          await cluster.startNode(master);
          return;
        }
        await redis?.stop();
        await new Promise((r) => setTimeout(r, downMs));
        redis = await startPrivateRedis({ port, appendOnly: true, dir });
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
