/**
 * npm run bench:e2e — change → field visible in the CRM, on the embedded default.
 * A HubSpot sandbox user creates contacts that duplicate existing ones at a steady rate; each one travels
 * sandbox webhook → signed intake → spool → ingest (batch re-read) → mirror → detect-duplicates →
 * write-back (batch update) → sandbox. The latency of each is the time from its creation until
 * `ps_duplicate_status` is written on it. Ends with one JSON line.
 *
 * With REDIS_CLUSTER_NODES set it runs twice, on the single Redis at REDIS_URL and on the cluster, and
 * reports both side by side (the JSON line then has `singleRedis` and `redisCluster`).
 */
import { randomUUID } from 'node:crypto';
import { deleteKeys } from './delete-keys.js';
import { syncIncremental } from '../jobs/sync-incremental/sync-incremental.js';
import { createLogger } from '../src/core/logger.js';
import { EMBEDDED_HUBSPOT, startEmbeddedStack } from '../src/embedded/start-embedded-stack.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { createRedis } from '../src/queue/redis.js';
import { describeTarget, targetEnv, type RedisTarget } from '../src/queue/redis-target.js';
import { redisTargetFromEnv } from '../src/core/redis-env.js';
import { percentile } from './percentile.js';
import { measurePubSub } from './e2e-pubsub.js';

const RATE = Number(process.env['BENCH_E2E_RATE'] ?? 50);
const SECONDS = Number(process.env['BENCH_E2E_SECONDS'] ?? 20);
const BASE = Number(process.env['BENCH_E2E_BASE'] ?? 2_000);
// A Professional portal (190 requests / 10 s, as HubSpot publishes): at 50 changes/s a Starter portal's
// 100 / 10 s cannot carry the batch re-reads, association reads and write-backs within a second.
const TIER = process.env['BENCH_E2E_TIER'] === 'starter' ? 'starter' : 'professional';
const UI_USER = { userId: '9000001' };

const log = createLogger({ level: process.env['LOG_LEVEL'] ?? 'warn' });

interface Figures {
  readonly changes: number;
  readonly ratePerSecond: number;
  readonly hubspotTier: string;
  readonly writtenBack: number;
  readonly missing: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

type Stack = Awaited<ReturnType<typeof startEmbeddedStack>>;
type Contact = ReturnType<Stack['hubspot']['store']['create']>;

async function measure(where: RedisTarget): Promise<Figures> {
  const redis = await ensureRedis(where, { autostart: true });
  const prefix = `e2e-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log,
    seed: false,
    hubspotTier: TIER,
    env: {
      ...targetEnv(redis.target),
      REDIS_PREFIX: prefix,
      INGEST_WINDOW_MS: '100',
      WRITE_BACK_WINDOW_MS: '100',
      WORKER_CONCURRENCY: '8',
    },
  });
  try {
    const base = await seedAndSync(stack);
    const created = new Map<string, number>();
    const latencies: number[] = [];
    stack.hubspot.store.onChange((change) => {
      if (
        change.kind !== 'update' ||
        change.record.type !== 'contacts' ||
        !change.changed.includes('ps_duplicate_status')
      )
        return;
      const at = created.get(change.record.id);
      if (at === undefined) return;
      latencies.push(performance.now() - at);
      created.delete(change.record.id);
    });
    const total = await createDuplicates(stack, base, created, latencies);
    const deadline = performance.now() + 15_000;
    while (created.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const sorted = [...latencies].sort((a, b) => a - b);
    const figures = {
      changes: total,
      ratePerSecond: RATE,
      hubspotTier: TIER,
      writtenBack: sorted.length,
      missing: created.size,
      p50Ms: Math.round(percentile(sorted, 50)),
      p90Ms: Math.round(percentile(sorted, 90)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? Number.NaN),
    };
    process.stderr.write(
      `\nchange → field visible on ${describeTarget(redis.target)}: p50 ${figures.p50Ms} ms (target ≤ 1000), p99 ${figures.p99Ms} ms (target ≤ 3000), ${figures.missing} missing\n`,
    );
    return figures;
  } finally {
    await stack.close();
    const client = createRedis(redis.target, 'worker');
    await deleteKeys(client, `*${prefix}*`);
    client.disconnect();
    await redis.stop();
  }
}

/** BASE contacts created with webhooks off and read by one incremental sync, as a backfill would. */
async function seedAndSync(stack: Stack): Promise<Contact[]> {
  const store = stack.hubspot.store;
  process.stderr.write(`seeding ${BASE} contacts and syncing them…\n`);
  stack.hubspot.webhooks.configure({ enabled: false });
  const base = Array.from({ length: BASE }, (_, i) =>
    store.create(
      'contacts',
      {
        firstname: `First${i}`,
        lastname: `Person${i}`,
        email: `person${i}@company${i % 97}.com`,
        company: `Company ${i % 97} Inc`,
      },
      UI_USER,
    ),
  );
  await syncIncremental.run({ connection: EMBEDDED_HUBSPOT, objectType: 'contacts' }, stack.service.deps, {
    log,
    signal: AbortSignal.timeout(120_000),
    jobId: 'bench-backfill',
    attemptsMade: 0,
  });
  stack.hubspot.webhooks.configure({ enabled: true });
  return base;
}

/**
 * Creates RATE × SECONDS duplicates of the seeded contacts (upper-case email), each at its due time
 * whatever happened before (open loop), noting when each was created; returns how many.
 */
async function createDuplicates(
  stack: Stack,
  base: readonly Contact[],
  created: Map<string, number>,
  latencies: readonly number[],
): Promise<number> {
  const store = stack.hubspot.store;
  const total = RATE * SECONDS;
  process.stderr.write(`creating ${total} duplicates at ${RATE}/s…\n`);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const original = base[i % base.length];
    if (original === undefined) continue;
    const email = String(original.fields['email']).toUpperCase();
    const record = store.create(
      'contacts',
      {
        firstname: String(original.fields['firstname']),
        lastname: String(original.fields['lastname']),
        email,
        company: String(original.fields['company']),
      },
      UI_USER,
    );
    created.set(record.id, performance.now());
    if (i > 0 && i % (RATE * 5) === 0)
      process.stderr.write(`  ${i}/${total} sent, ${latencies.length} written back\n`);
  }
  return total;
}

const target = redisTargetFromEnv(process.env);
// Salesforce over the Pub/Sub API (bench/e2e-pubsub.ts); BENCH_E2E_PUBSUB=only runs just that, =0 skips it.
const pubsubMode = process.env['BENCH_E2E_PUBSUB'] ?? '1';
if (pubsubMode !== '0') {
  const single =
    target.kind === 'single'
      ? target
      : { kind: 'single' as const, url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
  const f = await measurePubSub(single, { rate: RATE, seconds: SECONDS, base: BASE, log });
  process.stderr.write(
    `\nSalesforce Pub/Sub change → field: p50 ${f.p50Ms} ms (target ≤ 1000), p99 ${f.p99Ms} ms (target ≤ 3000), ${f.missing} missing\n`,
  );
  process.stdout.write(`${JSON.stringify(f)}\n`);
}
if (pubsubMode === 'only') {
  // done
} else if (target.kind === 'single') {
  process.stdout.write(`${JSON.stringify(await measure(target))}\n`);
} else {
  const single = await measure({ kind: 'single', url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
  const onCluster = await measure(target);
  process.stderr.write('\n            p50 ms   p99 ms   written   missing\n');
  for (const [label, f] of [
    ['one Redis', single],
    ['cluster', onCluster],
  ] as const)
    process.stderr.write(
      `${label.padEnd(10)} ${String(f.p50Ms).padStart(8)} ${String(f.p99Ms).padStart(8)} ${String(f.writtenBack).padStart(9)} ${String(f.missing).padStart(9)}\n`,
    );
  process.stdout.write(`${JSON.stringify({ singleRedis: single, redisCluster: onCluster })}\n`);
}
