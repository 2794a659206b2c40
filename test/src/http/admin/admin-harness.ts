import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConnectionConfig } from '../../../../connectors/connection-config.js';
import {
  type HubspotSandbox,
  type SalesforceSandbox,
  startHubspotSandbox,
  startSalesforceSandbox,
} from '../../../../connectors/sandbox/start-sandboxes.js';
import { fileMappings } from '../../../../src/admin/file-mappings.js';
import { createLogger } from '../../../../src/core/logger.js';
import { createMetrics } from '../../../../src/core/metrics.js';
import { createAdminRouter } from '../../../../src/http/admin/create-admin-router.js';
import { createApp } from '../../../../src/http/create-app.js';
import { buildConnections } from '../../../../src/queue/build-connections.js';
import type { ConnectionRegistry } from '../../../../src/queue/pipeline-deps.js';
import { createKeySpace } from '../../../../src/store/keys.js';
import { createMappingStore, type MappingStore } from '../../../../src/store/mapping-store.js';
import { createWriteBackStore, type WriteBackStore } from '../../../../src/store/write-back-store.js';
import { deleteKeys, testPrefix, workerRedis } from '../../../helpers/redis.js';

export const ADMIN_TOKEN = 'all-connections-admin-token-0123456789';
export const SF_TOKEN = 'salesforce-only-admin-token-0123456789';
export const HS_TOKEN = 'hubspot-only-admin-token-012345678901';

export interface AdminHarness {
  readonly url: string;
  readonly redis: Redis;
  readonly prefix: string;
  readonly sf: SalesforceSandbox;
  readonly hs: HubspotSandbox;
  readonly store: MappingStore;
  readonly writeBack: WriteBackStore;
  readonly connections: ConnectionRegistry;
  readonly queue: Queue;
  /** Every log line written so far, raw. */
  logText(): string;
  call(method: string, path: string, token?: string | null, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Both sandboxes (seeded), a unique Redis prefix, and the admin API served by the real app on loopback. */
export async function startAdminHarness(): Promise<AdminHarness> {
  const sf = await startSalesforceSandbox({ seed: true });
  const hs = await startHubspotSandbox({
    seed: true,
    rateLimits: { tenSecondly: 1000, searchPerSecond: 1000 },
  });
  const configs = [
    ConnectionConfig.parse({
      id: 'sf',
      provider: 'salesforce',
      auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
      loginUrl: sf.url,
      adminToken: SF_TOKEN,
    }),
    ConnectionConfig.parse({
      id: 'hs',
      provider: 'hubspot',
      auth: { type: 'private_app', accessToken: hs.credentials.accessToken },
      baseUrl: hs.url,
      adminToken: HS_TOKEN,
    }),
  ];
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination });
  const redis = workerRedis();
  const prefix = testPrefix();
  const keys = createKeySpace(prefix);
  const fileMapping = fileMappings(configs);
  const store = createMappingStore(redis, keys, { fallback: fileMapping, pointerTtlMs: 200 });
  const connections = buildConnections(configs, {
    redis,
    keys,
    log,
    activeMapping: (id, fallback) => store.activeMapping(id, fallback),
  });
  const writeBack = createWriteBackStore(redis, keys);
  const queue = new Queue('write-back', { connection: redis, prefix: keys.queuePrefix('sf') });
  const app = createApp({
    log,
    metrics: createMetrics(),
    readiness: async () => ({ ready: true, checks: {} }),
    bodyLimitBytes: 1_048_576,
    adminRouter: createAdminRouter({
      log,
      tokens: { adminToken: ADMIN_TOKEN, connections: configs },
      connections,
      mappings: store,
      writeBack,
      fileMapping,
      queues: [queue],
    }),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    redis,
    prefix,
    sf,
    hs,
    store,
    writeBack,
    connections,
    queue,
    logText: () => chunks.join(''),
    call: (method, path, token = ADMIN_TOKEN, body) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await deleteKeys(redis, `${prefix}:*`);
      await redis.quit();
      await Promise.all([sf.close(), hs.close()]);
    },
  };
}
