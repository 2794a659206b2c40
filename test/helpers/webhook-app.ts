import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/core/logger.js';
import { createMetrics, type Metrics } from '../../src/core/metrics.js';
import { createApp } from '../../src/http/create-app.js';
import { createWebhookRouter } from '../../src/http/create-webhook-router.js';
import { redisOptions } from '../../src/queue/redis.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';
import { createChangeInbox, type ChangeInbox } from '../../src/store/change-inbox.js';
import { createWebhookSpool, type WebhookSpool } from '../../src/store/webhook-spool.js';
import { drainSpool, type DrainResult } from '../../jobs/ingest-events/drain-spool.js';
import { parseHubspotEvents } from '../../connectors/hubspot/webhook.js';
import { createKeySpace } from '../../src/store/keys.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix } from './redis.js';

export const HUBSPOT_SECRET = 'test-client-secret-0000';
export const HUBSPOT_APP_ID = '3141592';
export const PORTAL_ID = '62515';
export const ORG_ID = '00D000000000001AAA';
export const RELAY_SECRET = 'relay-secret-for-tests-000000';

export const HUBSPOT_CONNECTION: WebhookConnection = {
  id: 'hs-1',
  provider: 'hubspot',
  clientSecret: HUBSPOT_SECRET,
  appId: HUBSPOT_APP_ID,
  portalId: PORTAL_ID,
};

export const TEST_CONNECTIONS: WebhookConnection[] = [
  HUBSPOT_CONNECTION,
  {
    id: 'sf-1',
    provider: 'salesforce',
    organizationId: ORG_ID,
    sharedSecret: RELAY_SECRET,
    clientId: 'partnersync',
    integrationUserId: undefined,
  },
];

export interface WebhookApp {
  readonly url: string;
  readonly inbox: ChangeInbox;
  readonly spool: WebhookSpool;
  readonly metrics: Metrics;
  /** What the ingest job does first: moves spooled HubSpot batches of `hs-1` into the inbox. */
  drain(): Promise<DrainResult>;
  readonly ingestCalls: string[];
  readonly resyncCalls: { connection: string; objectTypes: readonly string[] }[];
  close(): Promise<void>;
}

/** The real webhook router on a real Redis (fail-fast HTTP client), with a unique key prefix. */
export async function startWebhookApp(
  redisUrl = TEST_REDIS_URL,
  bodyLimitBytes = 1_048_576,
  /** The first this many ingest schedulings fail, as when Redis goes away right after the write. */
  failSchedules = 0,
): Promise<WebhookApp> {
  let failuresLeft = failSchedules;
  const prefix = testPrefix();
  const keys = createKeySpace(prefix);
  const redis = new Redis(redisUrl, redisOptions('http'));
  redis.on('error', () => undefined);
  await new Promise<void>((resolve) =>
    redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve()),
  );
  const inbox = createChangeInbox(redis, keys);
  const spool = createWebhookSpool(redis, keys);
  const metrics = createMetrics({ defaultMetrics: false });
  const ingestCalls: string[] = [];
  const resyncCalls: WebhookApp['resyncCalls'] = [];
  const app = createApp({
    log: createLogger({ level: 'silent' }),
    metrics,
    readiness: async () => ({ ready: true, checks: {} }),
    bodyLimitBytes,
    webhookRouter: createWebhookRouter({
      lookup: (id) => TEST_CONNECTIONS.find((c) => c.id === id),
      inbox,
      spool,
      scheduleIngest: async (id) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('Connection is closed.');
        }
        ingestCalls.push(id);
      },
      scheduleResync: async (connection, objectTypes) => {
        resyncCalls.push({ connection, objectTypes });
      },
      publicBaseUrl: 'https://partnersync.example.com',
      now: Date.now,
      log: createLogger({ level: 'silent' }),
      metrics,
    }),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inbox,
    spool,
    metrics,
    drain: () =>
      drainSpool({
        spool,
        inbox,
        connection: HUBSPOT_CONNECTION,
        parse: parseHubspotEvents,
        log: createLogger({ level: 'silent' }),
        metrics,
      }),
    ingestCalls,
    resyncCalls,
    close: async () => {
      await new Promise((r) => server.close(r));
      if (redis.status === 'ready') await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
    },
  };
}
