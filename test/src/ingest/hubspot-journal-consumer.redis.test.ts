import { spawn, type ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJournalClient } from '../../../connectors/hubspot/journal/journal-client.js';
import { ensureJournalSubscriptions } from '../../../connectors/hubspot/journal/journal-subscriptions.js';
import { wantedSubscription } from '../../../connectors/hubspot/journal/subscription-plan.js';
import { HS_PORTAL_ID } from '../../../connectors/sandbox/hubspot/portal.js';
import { createHubspotSandbox, type HubspotSandbox } from '../../../connectors/sandbox/hubspot-server.js';
import { createLogger } from '../../../src/core/logger.js';
import { consumeEntry, type JournalStepDeps } from '../../../src/ingest/hubspot-journal/consume-entry.js';
import { runJournalConsumer } from '../../../src/ingest/hubspot-journal/run-journal-consumer.js';
import { createLeases } from '../../../src/store/leases.js';
import { createJournalOffsets, type JournalOffsets } from '../../../src/store/journal-offsets.js';
import { createKeySpace, type KeySpace } from '../../../src/store/keys.js';
import { createWebhookSpool, type WebhookSpool } from '../../../src/store/webhook-spool.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix, workerRedis } from '../../helpers/redis.js';

const UI = { userId: '9000001' };
let sandbox: HubspotSandbox;
let redis: Redis;
let prefix: string;
let keys: KeySpace;
let spool: WebhookSpool;
let offsets: JournalOffsets;
const children: ChildProcess[] = [];

const progress = async (): Promise<string> =>
  `spool ${await spool.size('hubspot')}, status ${await redis.get(keys.connection('hubspot', 'hubspot-journal', 'status'))}`;

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${await progress()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function spawnReader(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/journal-reader-process.ts'], {
    env: {
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      JOURNAL_TEST_PREFIX: prefix,
      JOURNAL_TEST_URL: sandbox.url,
      JOURNAL_TEST_CLIENT_ID: sandbox.credentials.clientId,
      JOURNAL_TEST_CLIENT_SECRET: sandbox.credentials.clientSecret,
      JOURNAL_TEST_PORTAL: String(HS_PORTAL_ID),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

const kill = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

function createContacts(n: number, tag: string): void {
  for (let i = 0; i < n; i += 1)
    sandbox.store.create('contacts', { email: `${tag}-${i}@example.com`, firstname: tag }, UI);
}

/** Event ids of every HubSpot event in the spool, as many times as they were spooled. */
async function spooledEventIds(): Promise<number[]> {
  const entries = await spool.read('hubspot', 100_000);
  return entries.flatMap((e) =>
    (JSON.parse(e.body.toString('utf8')) as { eventId: number }[]).map((x) => x.eventId),
  );
}

/** The sandbox's journal as the connection reaches it: the app's client credentials and the portal. */
const journalTarget = () => ({
  baseUrl: sandbox.url,
  clientId: sandbox.credentials.clientId,
  clientSecret: sandbox.credentials.clientSecret,
  portalId: HS_PORTAL_ID,
  timeoutMs: 5_000,
  now: Date.now,
});

const caughtUp = async (): Promise<boolean> =>
  (await offsets.committed('hubspot'))?.offset === sandbox.journal.latest()?.offset;

beforeAll(async () => {
  sandbox = await createHubspotSandbox({ webhook: { enabled: false } });
  redis = workerRedis();
  // The journal holds only subscribed changes: subscribe to contacts the way provision does.
  const contacts = wantedSubscription('contacts', '0-1', ['email', 'firstname'], false);
  const [subscribed] = await ensureJournalSubscriptions(journalTarget(), [contacts], false);
  expect(subscribed?.status).toBe('created');
});
afterAll(async () => {
  await sandbox.close();
  redis.disconnect();
});
beforeEach(() => {
  prefix = testPrefix();
  keys = createKeySpace(prefix);
  spool = createWebhookSpool(redis, keys);
  offsets = createJournalOffsets(redis, keys);
  sandbox.journal.expireAll();
});
afterEach(async () => {
  const alive = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(alive.map(kill));
  await deleteKeys(redis, `*${prefix}*`);
});

describe('HubSpot journal reader (Redis, sandbox)', () => {
  it('a reader SIGKILLed mid-way resumes from its committed offset: every change spooled exactly once', async () => {
    createContacts(150, 'kill');
    const expected = sandbox.journal.events().map((e) => Number(e['eventId']));
    const first = spawnReader();
    await until('a quarter of the journal spooled', async () => (await spool.size('hubspot')) >= 40);
    await kill(first);
    const atKill = await spool.size('hubspot');
    expect(atKill).toBeLessThan(150);
    spawnReader();
    await until('the second reader caught up', caughtUp);
    const spooled = await spooledEventIds();
    expect(spooled.length).toBe(expected.length);
    expect([...spooled].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  }, 120_000);

  it("two reader processes never both read one connection's journal; the other takes over when one dies", async () => {
    createContacts(50, 'two');
    const [a, b] = [spawnReader(), spawnReader()];
    await until('caught up', caughtUp);
    await new Promise((r) => setTimeout(r, 500)); // both alive, several polls
    const readersKey = keys.connection('hubspot', 'test', 'readers');
    const before = await redis.lrange(readersKey, 0, -1);
    expect(new Set(before).size).toBe(1);
    const holder = before[0] === String(a.pid) ? a : b;
    const other = holder === a ? b : a;
    await kill(holder);
    createContacts(20, 'after');
    await until('the other reader caught up', caughtUp);
    const after = (await redis.lrange(readersKey, before.length, -1)).filter(
      (pid) => pid !== String(holder.pid),
    );
    expect(new Set(after)).toEqual(new Set([String(other.pid)]));
    const spooled = await spooledEventIds();
    expect(spooled.length).toBe(new Set(spooled).size);
    expect(spooled.length).toBe(70);
  }, 120_000);

  it('an expired offset falls back to the incremental sync, then reads on from the newest entry', async () => {
    const resyncs: string[][] = [];
    const deps: JournalStepDeps = {
      connectionId: 'hubspot',
      portalId: HS_PORTAL_ID,
      journal: createJournalClient(journalTarget()),
      offsets,
      spool,
      scheduleIngest: async () => undefined,
      resyncAll: async () => {
        resyncs.push(['contacts', 'companies', 'deals']);
        return ['contacts', 'companies', 'deals'];
      },
      now: Date.now,
    };
    createContacts(3, 'before');
    while ((await consumeEntry(deps)).kind === 'consumed');
    createContacts(2, 'lost');
    sandbox.journal.expireAll(); // three days pass: the committed offset is no longer held
    createContacts(1, 'newest');
    expect(await consumeEntry(deps)).toEqual({
      kind: 'fallback',
      objectTypes: ['contacts', 'companies', 'deals'],
    });
    expect(resyncs).toHaveLength(1);
    expect((await offsets.committed('hubspot'))?.offset).toBe(sandbox.journal.latest()?.offset);
    createContacts(1, 'later');
    expect((await consumeEntry(deps)).kind).toBe('consumed');
    expect((await consumeEntry(deps)).kind).toBe('caught_up');
    expect(await spooledEventIds()).toHaveLength(4); // 3 before + 1 later; the rest came from the sync
  });
  it('reads through injected 429s (Retry-After) and 5xx: every change spooled exactly once', async () => {
    createContacts(15, 'faults');
    sandbox.faults.configure({
      rateLimitRate: 0.2,
      serverErrorRate: 0.2,
      pathPattern: /^\/webhooks-journal/,
    });
    const controller = new AbortController();
    const states: string[] = [];
    const running = runJournalConsumer({
      connectionId: 'hubspot',
      portalId: HS_PORTAL_ID,
      journal: createJournalClient(journalTarget()),
      offsets,
      status: {
        setStatus: async (id, status) => {
          states.push(status.state);
          await offsets.setStatus(id, status);
        },
      },
      spool,
      leases: createLeases(redis, keys),
      scheduleIngest: async () => undefined,
      resyncAll: async () => [],
      now: Date.now,
      log: createLogger({ level: 'silent' }),
      pollMs: 50,
      leaseTtlMs: 2_000,
      signal: controller.signal,
      random: () => 0.01,
    });
    try {
      await until('caught up through faults', caughtUp);
    } finally {
      controller.abort();
      await running;
      sandbox.faults.configure({ rateLimitRate: 0, serverErrorRate: 0 });
    }
    expect(states).toContain('backoff');
    const spooled = await spooledEventIds();
    expect(spooled).toHaveLength(15);
    expect(new Set(spooled).size).toBe(15);
  }, 120_000);
});
