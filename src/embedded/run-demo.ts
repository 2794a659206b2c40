import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import { createSessionStore } from '../http/console/session-store.js';
import { createKeySpace } from '../store/keys.js';
import { ensureRedis } from '../queue/local-redis.js';
import { mappingSources } from '../pipeline/mapping-sources.js';
import { SF_INTEGRATION_USER_ID } from '../../connectors/sandbox/salesforce/org.js';
import { apiUsage, trackOurWrites, type ApiUsage } from './api-usage.js';
import { openRegisteredDeal, submitRegistrations } from './demo-activity.js';
import { demoSummary, type DemoSummary } from './demo-summary.js';
import { startEmbeddedStack, type EmbeddedStack } from './start-embedded-stack.js';
import { waitUntilIdle } from './wait-until-idle.js';

export interface DemoResult {
  readonly summary: DemoSummary;
  readonly apiCalls: { salesforce: ApiUsage; hubspot: ApiUsage };
  readonly seconds: number;
  readonly url: string;
  /** Bearer token of this demo's admin API (ADMIN_TOKEN when set, else a random one). */
  readonly adminToken: string;
  readonly stack: EmbeddedStack;
  readonly redisUrl: string;
  /** Every Redis key of this run contains it; `stop` deletes them. */
  readonly redisPrefix: string;
  /** One-time console login link (expires in an hour). */
  readonly consoleLoginUrl: string;
  readonly stop: () => Promise<void>;
}

const UI = { userId: '9000001' };

async function deleteByPattern(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) await redis.unlink(...found);
  } while (cursor !== '0');
}

/**
 * The embedded default, end to end: sandboxes seeded, service started, schema provisioned, a full
 * backfill through the real jobs, then live changes made by "users" in both CRMs that arrive as signed
 * webhooks and come back as written fields.
 */
export async function runDemo(
  log: Logger,
  options: { redisUrl: string; port?: number },
): Promise<DemoResult> {
  const started = performance.now();
  const adminToken = process.env['ADMIN_TOKEN'] ?? randomBytes(18).toString('base64url');
  const redis = await ensureRedis(options.redisUrl, { autostart: true });
  const redisPrefix = `demo-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log,
    seed: true,
    env: {
      REDIS_URL: redis.url,
      REDIS_PREFIX: redisPrefix,
      PORT: String(options.port ?? 0),
      ADMIN_TOKEN: adminToken,
      INGEST_WINDOW_MS: '100',
      WRITE_BACK_WINDOW_MS: '100',
    },
  });
  const { deps } = stack.service;
  const ourSalesforceWrites = trackOurWrites(
    stack.salesforce.store,
    (a) => a.userId === SF_INTEGRATION_USER_ID,
  );
  const ourHubspotWrites = trackOurWrites(stack.hubspot.store, (a) => a.appId !== undefined);
  const step = (text: string): void => {
    process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}\n`);
  };
  step(`sandboxes up, service on ${stack.service.url ?? ''}, schema provisioned`);

  for (const runtime of deps.connections.list()) {
    for (const objectType of mappingSources(await runtime.mapping()))
      await deps.scheduler.syncNow(runtime.config.id, objectType);
  }
  await waitUntilIdle(deps, 45_000);
  step('backfill done: every record read, mapped, matched, attributed and written back');

  // Live changes by CRM users: they reach us as signed webhooks, not by polling.
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
  await Promise.all([stack.hubspot.webhooks.flush(), stack.salesforce.webhooks.flush()]);
  await waitUntilIdle(deps, 20_000);
  step('new duplicate contact and lead arrived by webhook; flags written back');

  submitRegistrations(stack.salesforce);
  await stack.salesforce.webhooks.flush();
  await waitUntilIdle(deps, 20_000);
  step('partners submitted 4 deal registrations; each reviewed against the others and open deals');

  openRegisteredDeal(stack.salesforce);
  await stack.salesforce.webhooks.flush();
  await waitUntilIdle(deps, 20_000);
  step('the registered deal became an opportunity with two more partners on it; attribution written');

  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const sessions = createSessionStore(client, createKeySpace(redisPrefix));
  const code = await sessions.createLoginCode({ scope: 'all', identity: 'admin' });
  return {
    redisUrl: redis.url,
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
