// A worker process that only reads one HubSpot connection's journal (for kill / two-process tests).
import { Redis } from 'ioredis';
import { createJournalClient } from '../../connectors/hubspot/journal/journal-client.js';
import { createLogger } from '../../src/core/logger.js';
import { runJournalConsumer } from '../../src/ingest/hubspot-journal/run-journal-consumer.js';
import { createJournalOffsets } from '../../src/store/journal-offsets.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createLeases } from '../../src/store/leases.js';
import { createWebhookSpool } from '../../src/store/webhook-spool.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const redis = new Redis(need('REDIS_URL'), { maxRetriesPerRequest: null });
const keys = createKeySpace(need('JOURNAL_TEST_PREFIX'));
const connectionId = 'hubspot';
const portalId = Number(need('JOURNAL_TEST_PORTAL'));
const readers = keys.connection(connectionId, 'test', 'readers');
const client = createJournalClient({
  baseUrl: need('JOURNAL_TEST_URL'),
  clientId: need('JOURNAL_TEST_CLIENT_ID'),
  clientSecret: need('JOURNAL_TEST_CLIENT_SECRET'),
  portalId,
  timeoutMs: 5_000,
  now: Date.now,
});
const offsets = createJournalOffsets(redis, keys);
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());
await runJournalConsumer({
  connectionId,
  portalId,
  journal: {
    read: async (position) => {
      await redis.rpush(readers, `${process.pid}`);
      return client.read(position);
    },
  },
  offsets,
  status: offsets,
  spool: createWebhookSpool(redis, keys),
  leases: createLeases(redis, keys),
  scheduleIngest: async () => undefined,
  resyncAll: async () => {
    await redis.incr(keys.connection(connectionId, 'test', 'resyncs'));
    return ['contacts'];
  },
  now: Date.now,
  log: createLogger({ level: 'silent' }),
  pollMs: 50,
  leaseTtlMs: Number(process.env['JOURNAL_TEST_LEASE_MS'] ?? '1500'),
  signal: controller.signal,
});
redis.disconnect();
