import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/core/logger.js';
import { createMetrics, type Metrics } from '../../src/core/metrics.js';
import { createApp } from '../../src/http/create-app.js';
import { createWebhookRouter } from '../../src/http/create-webhook-router.js';
import { drainSpool, type DrainResult } from '../../jobs/ingest-events/drain-spool.js';
import { parseHubspotEvents } from '../../connectors/hubspot/webhook.js';
import { redisOptions } from '../../src/queue/redis.js';
import { createChangeInbox, type ChangeInbox } from '../../src/store/change-inbox.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createWebhookSpool, type WebhookSpool } from '../../src/store/webhook-spool.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix } from '../helpers/redis.js';
import { HUBSPOT_CONNECTION, TEST_CONNECTIONS } from '../helpers/webhook-app.js';

export const PUBLIC = 'https://partnersync.example.com';

/** The real webhook router on a real Redis, with a settable clock and every log line captured. */
export interface SecurityApp {
  readonly url: string;
  readonly inbox: ChangeInbox;
  readonly spool: WebhookSpool;
  readonly metrics: Metrics;
  readonly ingestCalls: string[];
  readonly resyncCalls: string[];
  /** The service clock, ms; tests move it. */
  now: number;
  /** Spooled HubSpot batches + inbox entries of both connections: what intake left for the workers. */
  pending(): Promise<{ spool: number; hubspotInbox: number; salesforceInbox: number }>;
  drain(): Promise<DrainResult>;
  logText(): string;
  close(): Promise<void>;
}

export async function startSecurityApp(options: { bodyLimitBytes?: number } = {}): Promise<SecurityApp> {
  const prefix = testPrefix();
  const keys = createKeySpace(prefix);
  const redis = new Redis(TEST_REDIS_URL, redisOptions('http'));
  redis.on('error', () => undefined);
  await new Promise<void>((resolve) =>
    redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve()),
  );
  const chunks: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  const inbox = createChangeInbox(redis, keys);
  const spool = createWebhookSpool(redis, keys);
  const metrics = createMetrics({ defaultMetrics: false });
  const ingestCalls: string[] = [];
  const resyncCalls: string[] = [];
  const state = { now: Date.now() };
  const app = createApp({
    log,
    metrics,
    readiness: async () => ({ ready: true, checks: {} }),
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    webhookRouter: createWebhookRouter({
      lookup: (id) => TEST_CONNECTIONS.find((c) => c.id === id),
      inbox,
      spool,
      scheduleIngest: async (id) => {
        ingestCalls.push(id);
      },
      scheduleResync: async (id) => {
        resyncCalls.push(id);
      },
      publicBaseUrl: PUBLIC,
      now: () => state.now,
      log,
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
    ingestCalls,
    resyncCalls,
    get now() {
      return state.now;
    },
    set now(value: number) {
      state.now = value;
    },
    pending: async () => ({
      spool: await spool.size('hs-1'),
      hubspotInbox: await inbox.size('hs-1'),
      salesforceInbox: await inbox.size('sf-1'),
    }),
    drain: () =>
      drainSpool({ spool, inbox, connection: HUBSPOT_CONNECTION, parse: parseHubspotEvents, log, metrics }),
    logText: () => chunks.join(''),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
    },
  };
}
