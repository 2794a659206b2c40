import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import { createSessionStore } from '../http/console/session-store.js';
import { createKeySpace } from '../store/keys.js';
import { ensureRedis } from '../queue/local-redis.js';
import { targetEnv, type RedisTarget } from '../queue/redis-target.js';
import { createRedis, scanKeys, type RedisClient } from '../queue/redis.js';
import { mappingSources } from '../ingest/mapping-sources.js';
import { SF_INTEGRATION_USER_ID } from '../../connectors/sandbox/salesforce/org.js';
import { apiUsage, trackOurWrites, type ApiUsage } from './api-usage.js';
import { openRegisteredDeal, submitRegistrations } from './demo-activity.js';
import { openHubspotRegisteredDeal, submitHubspotRegistrations } from './demo-activity-hubspot.js';
import { demoSummary, type DemoSummary } from './demo-summary.js';
import { EMBEDDED_SALESFORCE, startEmbeddedStack, type EmbeddedStack } from './start-embedded-stack.js';
import { waitUntilIdle } from './wait-until-idle.js';
import { waitForChangeStreams } from './wait-for-change-streams.js';

export interface DemoResult {
  readonly summary: DemoSummary;
  readonly apiCalls: { salesforce: ApiUsage; hubspot: ApiUsage };
  readonly seconds: number;
  readonly url: string;
  /** Bearer token of this demo's admin API (ADMIN_TOKEN when set, else a random one). */
  readonly adminToken: string;
  readonly stack: EmbeddedStack;
  /** The variables that reach this demo's Redis (REDIS_URL, or REDIS_CLUSTER_NODES and its options). */
  readonly redisEnv: Readonly<Record<string, string>>;
  /** Every Redis key of this run contains it; `stop` deletes them. */
  readonly redisPrefix: string;
  /** One-time console login link (expires in an hour). */
  readonly consoleLoginUrl: string;
  readonly stop: () => Promise<void>;
}

const UI = { userId: '9000001' };

async function deleteByPattern(redis: RedisClient, pattern: string): Promise<void> {
  // Each batch comes from one node; UNLINK key by key so a cluster never sees keys of two slots at once.
  for await (const { node, keys } of scanKeys(redis, pattern)) {
    await Promise.all(keys.map((key) => node.unlink(key)));
  }
}

/** A full sync of every mapped object type of every connection, through the real jobs. */
async function backfill(stack: EmbeddedStack): Promise<void> {
  const { deps } = stack.service;
  for (const runtime of deps.connections.list()) {
    for (const objectType of mappingSources(await runtime.mapping()))
      await deps.scheduler.syncNow(runtime.config.id, objectType);
  }
  await waitUntilIdle(deps, 45_000);
}

/** One act of the demo: CRM users change records, the changes arrive (HubSpot webhooks, Salesforce Pub/Sub) and are processed. */
async function act(stack: EmbeddedStack, change: () => void): Promise<void> {
  change();
  await Promise.all([stack.hubspot.webhooks.flush(), stack.salesforce.webhooks.flush()]);
  await waitForChangeStreams(stack.service.deps, stack.salesforce, EMBEDDED_SALESFORCE);
  await waitUntilIdle(stack.service.deps, 20_000);
}

/** What came over the Pub/Sub API, and proof that no Salesforce webhook was sent to us. */
async function pubsubSummary(stack: EmbeddedStack): Promise<string> {
  const statuses = await stack.service.deps.changeStreams.statuses(EMBEDDED_SALESFORCE);
  const streaming = Object.entries(statuses)
    .filter(([, s]) => s.state === 'streaming')
    .map(([c]) => c);
  const bus = stack.salesforce.pubsub?.bus.latest ?? 0;
  const inbound = stack.salesforce.webhooks.deliveries.length;
  return `Salesforce: ${bus} change events on the sandbox event bus, read over Pub/Sub on ${streaming.length} channels (${streaming.join(', ')}); Salesforce deliveries to our webhook routes: ${inbound}`;
}

/** A HubSpot contact and a Salesforce lead that duplicate seeded people under other spellings. */
function createDuplicatePeople(stack: EmbeddedStack): void {
  stack.hubspot.store.create(
    'contacts',
    {
      firstname: 'Jon',
      lastname: 'Smith',
      email: 'JONATHAN.SMITH@acme.example',
      company: 'Acme Corp',
      phone: '415-555-0101',
    },
    UI,
  );
  stack.salesforce.store.create(
    'Lead',
    {
      FirstName: 'Bob',
      LastName: 'Miller',
      Company: 'Globex, Inc.',
      Email: 'robert.miller+demo@globex.example',
      Status: 'Open - Not Contacted',
    },
    { userId: '0055g00000B2usrAAB' },
  );
}

/**
 * The embedded default, end to end: sandboxes seeded, service started, schema provisioned, a full
 * backfill through the real jobs, then live changes made by "users" in both CRMs that arrive as signed
 * webhooks and come back as written fields.
 */
export async function runDemo(
  log: Logger,
  /** `adminToken`: the console's and admin API's token; a random one when absent. */
  options: { redis: string | RedisTarget; port?: number; adminToken?: string },
): Promise<DemoResult> {
  const started = performance.now();
  const adminToken = options.adminToken ?? randomBytes(18).toString('base64url');
  const redis = await ensureRedis(options.redis, { autostart: true });
  const redisPrefix = `demo-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log,
    seed: true,
    env: {
      ...targetEnv(redis.target),
      REDIS_PREFIX: redisPrefix,
      PORT: String(options.port ?? 0),
      ADMIN_TOKEN: adminToken,
      INGEST_WINDOW_MS: '100',
      WRITE_BACK_WINDOW_MS: '100',
    },
  });
  const ourSalesforceWrites = trackOurWrites(
    stack.salesforce.store,
    (a) => a.userId === SF_INTEGRATION_USER_ID,
  );
  const ourHubspotWrites = trackOurWrites(stack.hubspot.store, (a) => a.appId !== undefined);
  const step = (text: string): void => {
    process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}\n`);
  };
  step(`sandboxes up, service on ${stack.service.url ?? ''}, schema provisioned`);
  step(
    `Salesforce changes arrive over the Pub/Sub API (gRPC ${stack.salesforce.pubsub?.endpoint ?? '?'}, Change Data Capture); no inbound Salesforce route is used`,
  );

  await backfill(stack);
  step('backfill done: every record read, mapped, matched, attributed and written back');
  await act(stack, () => createDuplicatePeople(stack));
  step('new duplicate contact (HubSpot webhook) and lead (Salesforce Pub/Sub) arrived; flags written back');
  await act(stack, () => {
    submitRegistrations(stack.salesforce);
    submitHubspotRegistrations(stack.hubspot);
  });
  step(
    'partners submitted 4 deal registrations in each CRM; each reviewed against the others and open deals',
  );
  await act(stack, () => {
    openRegisteredDeal(stack.salesforce);
    openHubspotRegisteredDeal(stack.hubspot);
  });
  step('each registered deal became an open deal with two more partners on it; attribution written');
  step(await pubsubSummary(stack));

  const client = createRedis(redis.target, 'worker');
  const sessions = createSessionStore(client, createKeySpace(redisPrefix));
  const code = await sessions.createLoginCode({ scope: 'all', identity: 'admin' });
  return {
    redisEnv: targetEnv(redis.target),
    redisPrefix,
    consoleLoginUrl: `${stack.service.url ?? ''}/admin/console/login/${code}`,
    summary: demoSummary(stack.salesforce.store, stack.hubspot.store),
    apiCalls: {
      salesforce: apiUsage(stack.salesforce.counters.snapshot(), ourSalesforceWrites, 200),
      hubspot: apiUsage(stack.hubspot.counters.snapshot(), ourHubspotWrites, 100),
    },
    seconds: (performance.now() - started) / 1000,
    url: stack.service.url ?? '',
    adminToken,
    stack,
    stop: async () => {
      await stack.close();
      // A demo leaves nothing behind in a shared Redis.
      await deleteByPattern(client, `*${redisPrefix}*`);
      client.disconnect();
      await redis.stop();
    },
  };
}
