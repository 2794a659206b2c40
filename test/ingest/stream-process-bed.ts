import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionConfig } from '../../connectors/connection-config.js';
import { UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { createConnector } from '../../connectors/registry.js';
import { salesforceDefaultSchema } from '../../connectors/salesforce/default-schema.js';
import type { SandboxPubSubOptions } from '../../connectors/sandbox/salesforce/pubsub/sandbox-pubsub.js';
import { SF_ORG_ID } from '../../connectors/sandbox/salesforce/org.js';
import type { SalesforceSandbox } from '../../connectors/sandbox/salesforce-server.js';
import { startSalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { allJobs } from '../../jobs/index.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { waitUntilIdle } from '../../src/embedded/wait-until-idle.js';
import { JOBS } from '../../src/queue/job-names.js';
import { startService, type RunningService } from '../../src/service.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../helpers/redis.js';

export const CONNECTION = 'sf';
export const CHANNEL = '/data/LeadChangeEvent';
const UI = { userId: '0055g00000B2usrAAB' };
const STATUS = 'PS_Duplicate_Status__c';

/**
 * A Salesforce sandbox serving the Pub/Sub API, `base` leads read by a first sync, the job workers in
 * this process (their copy of the connection hears no changes: `outbound`), and the subscribers in
 * child processes (`change-stream-process.ts`, the connection as `pubsub`) on the same Redis prefix.
 * Records every write of the duplicate status field the service makes.
 */
export interface StreamProcessBed {
  readonly sf: SalesforceSandbox;
  readonly service: RunningService;
  /** Starts a subscriber process; resolves once it runs. */
  spawnSubscriber(): Promise<ChildProcess>;
  /**
   * Creates duplicates of base leads `from`..`from + n - 1` (one per original), each its own
   * transaction unless `transactionId` names one for all; their ids.
   */
  createDuplicates(from: number, n: number, transactionId?: string): string[];
  /** The service's writes of the status field, per lead. */
  statusWrites(id: string): number;
  /** Resolves once every lead of `ids` shows a duplicate status and the pipeline is idle. */
  allFlagged(ids: readonly string[], timeoutMs?: number): Promise<void>;
  committed(): Promise<number | null>;
  /** Incremental syncs of the connection run so far (the first one included). */
  syncRuns(): Promise<number>;
  /** The pid of the process the channel's shared status names as its reader. */
  holderPid(): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function startStreamProcessBed(
  base: number,
  pubsub: SandboxPubSubOptions = { keepaliveMs: 200 },
  overflowAfter?: number,
): Promise<StreamProcessBed> {
  const sf = await startSalesforceSandbox({ pubsub, webhook: { enabled: false, overflowAfter } });
  const dir = mkdtempSync(join(tmpdir(), 'ps-streams-'));
  const children: ChildProcess[] = [];
  const direct = {
    id: CONNECTION,
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
    instanceUrl: sf.url,
    loginUrl: sf.url,
    webhook: { organizationId: SF_ORG_ID },
  };
  const signal = AbortSignal.timeout(30_000);
  await createConnector(direct, { gate: UNLIMITED_GATE }).ensureSchema(salesforceDefaultSchema(false), {
    signal,
  });
  const originals = Array.from({ length: base }, (_, i) =>
    sf.store.create(
      'Lead',
      {
        FirstName: `First${i}`,
        LastName: `Person${i}`,
        Email: `person${i}@company${i}.com`,
        Company: `Company ${i} Inc`,
      },
      UI,
    ),
  );
  const writes = new Map<string, number>();
  sf.store.onChange((change) => {
    if (change.kind !== 'update' || change.actor.userId === UI.userId) return;
    if (!change.changed.includes(STATUS)) return;
    writes.set(change.record.id, (writes.get(change.record.id) ?? 0) + 1);
  });

  const prefix = testPrefix();
  const common = {
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    REDIS_AUTOSTART: 'false',
    SYNC_INTERVAL_MS: '0',
    INGEST_WINDOW_MS: '20',
    WRITE_BACK_WINDOW_MS: '20',
    LOG_LEVEL: 'silent',
  };
  const file = join(dir, 'connections.json');
  const streamed = { ...direct, changes: 'pubsub', pubsubEndpoint: sf.pubsub?.endpoint ?? '' };
  writeFileSync(file, JSON.stringify({ connections: [streamed] }));
  const service = await startService({
    env: parseEnv(common),
    log: createLogger({ level: process.env['BED_LOG'] === '1' ? 'debug' : 'silent' }),
    mode: 'worker',
    connections: [ConnectionConfig.parse({ ...direct, changes: 'outbound' })],
    jobs: allJobs,
  });
  const { deps } = service;
  // The first sync: the originals are in the mirror and the match index before any stream runs. Its
  // window ends a whole second behind now (change-listing.ts): let the originals fall inside it.
  await new Promise((r) => setTimeout(r, 2_100));
  await deps.scheduler.syncNow(CONNECTION, 'Lead');
  await waitUntilIdle(deps, 30_000);

  const flagged = (id: string): boolean => sf.store.get('Lead', id)?.fields[STATUS] != null;
  return {
    sf,
    service,
    spawnSubscriber: async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/change-stream-process.ts'], {
        env: { PATH: process.env['PATH'] ?? '', ...common, CONNECTIONS_FILE: file },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout?.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`subscriber exited with ${code}`)));
      });
      return child;
    },
    createDuplicates: (from, n, transactionId) =>
      originals.slice(from, from + n).map((original) => {
        const f = original.fields;
        const copy = {
          FirstName: f['FirstName'] ?? null,
          LastName: f['LastName'] ?? null,
          Email: String(f['Email']).toUpperCase(),
          Company: f['Company'] ?? null,
        };
        return sf.store.create('Lead', copy, { ...UI, transactionId }).id;
      }),
    statusWrites: (id) => writes.get(id) ?? 0,
    allFlagged: async (ids, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!ids.every(flagged)) {
        if (Date.now() > deadline)
          throw new Error(`${ids.filter((id) => !flagged(id)).length} of ${ids.length} leads never flagged`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await waitUntilIdle(deps, timeoutMs);
    },
    committed: () => deps.changeStreams.replayId(CONNECTION, CHANNEL),
    syncRuns: async () => {
      const queue = new Queue(JOBS.syncIncremental.queue, {
        connection: deps.redis,
        prefix: deps.keys.queuePrefix(CONNECTION),
      });
      try {
        const done = await queue.getJobs(['completed']);
        return done.filter((j) => j.name === JOBS.syncIncremental.name).length;
      } finally {
        await queue.close();
      }
    },
    holderPid: async () => {
      const status = (await deps.changeStreams.statuses(CONNECTION))[CHANNEL];
      if (status === undefined || status.state === 'standby') return undefined;
      return Number(status.holder.split(':').pop());
    },
    close: async () => {
      const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
      await Promise.all(alive.map((c) => killNow(c)));
      await service.close();
      const admin = workerRedis();
      await deleteKeys(admin, `*${prefix}*`);
      admin.disconnect();
      await sf.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SIGKILL: the process gets no chance to stop its stream, release its lease or commit anything. */
export function killNow(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
