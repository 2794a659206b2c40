import { Redis } from 'ioredis';
import type { CrmConnector } from '../../connectors/port.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';
import { startSalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import type { SalesforceSandbox } from '../../connectors/sandbox/salesforce-server.js';
import type { SandboxPubSubOptions } from '../../connectors/sandbox/salesforce/pubsub/sandbox-pubsub.js';
import { createLogger } from '../../src/core/logger.js';
import type { StreamContext } from '../../src/ingest/change-streams/stream-context.js';
import { DEFAULT_STREAM_TIMING } from '../../src/ingest/change-streams/stream-context.js';
import { createChangeInbox, type InboxChange } from '../../src/store/change-inbox.js';
import { createChangeStreamStore } from '../../src/store/change-streams.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createLeases } from '../../src/store/leases.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix } from '../helpers/redis.js';

export const CONNECTION = 'sf-stream';

/** A Pub/Sub sandbox and Redis stores; contexts record what reached the inbox and what was resynced. */
export async function streamBed(pubsub: SandboxPubSubOptions = { keepaliveMs: 200 }) {
  const sandbox: SalesforceSandbox = await startSalesforceSandbox({ seed: true, pubsub });
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = testPrefix();
  const keys = createKeySpace(prefix);
  const inbox = createChangeInbox(redis, keys);
  const recorded: InboxChange[] = [];
  const resynced: string[] = [];
  /** Which holder recorded each batch, in order. */
  const recorders: string[] = [];
  let accepted = 0;
  const endpoint = sandbox.pubsub?.endpoint ?? '';
  const connector = {
    streamSession: async (_ctx: unknown, fresh: boolean) => ({
      // A fresh session is a new token from the OAuth endpoint, as jsforce's refresh would get.
      accessToken: fresh ? sandbox.auth.issue() : currentToken,
      instanceUrl: sandbox.url,
      organizationId: '00D5g000004SbxAEAS',
    }),
  } as unknown as CrmConnector;
  let currentToken = sandbox.credentials.accessToken;
  const connection: WebhookConnection = {
    id: CONNECTION,
    provider: 'salesforce',
    clientId: 'partnersync',
  } as WebhookConnection;
  const context = (holder: string, timing: Partial<typeof DEFAULT_STREAM_TIMING> = {}): StreamContext => ({
    connectionId: CONNECTION,
    endpoint,
    connector,
    connection: () => connection,
    inbox: {
      ...inbox,
      record: async (id, changes) => {
        const n = await inbox.record(id, changes);
        accepted += n;
        recorded.push(...changes);
        recorders.push(holder);
        return n;
      },
    },
    store: createChangeStreamStore(redis, keys),
    leases: createLeases(redis, keys),
    ingest: async () => undefined,
    resync: async (_id, type) => void resynced.push(type),
    report: () => undefined,
    timing: { ...DEFAULT_STREAM_TIMING, minBackoffMs: 50, maxBackoffMs: 200, leaseTtlMs: 600, ...timing },
    log: createLogger({ level: 'silent' }).child({ holder }),
    now: Date.now,
  });
  return {
    sandbox,
    redis,
    keys,
    inbox,
    context,
    recorded,
    resynced,
    recorders,
    accepted: () => accepted,
    useToken: (token: string) => {
      currentToken = token;
    },
    close: async () => {
      await sandbox.close();
      await deleteKeys(redis, `${prefix}*`);
      redis.disconnect();
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
