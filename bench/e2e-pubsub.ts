/**
 * Salesforce over the Pub/Sub API, change → field: a Salesforce sandbox user creates leads that duplicate
 * existing ones at a steady rate; each travels sandbox change event (Avro, gRPC) → subscriber → inbox →
 * ingest (batch re-read) → detect-duplicates → write-back → sandbox. Latency: creation until
 * `PS_Duplicate_Status__c` is written on the lead. Called from bench/e2e.ts.
 */
import { randomUUID } from 'node:crypto';
import { syncIncremental } from '../jobs/sync-incremental/sync-incremental.js';
import type { Logger } from '../src/core/logger.js';
import { EMBEDDED_SALESFORCE, startEmbeddedStack } from '../src/embedded/start-embedded-stack.js';
import { waitForChangeStreams } from '../src/embedded/wait-for-change-streams.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { createRedis } from '../src/queue/redis.js';
import { type RedisTarget } from '../src/queue/redis-target.js';
import { e2eStackEnv } from './e2e/stack-env.js';
import { deleteKeys } from './delete-keys.js';
import { percentile } from './percentile.js';

const USER = { userId: '0055g00000B2usrAAB' };

export interface PubSubFigures {
  readonly path: 'salesforce-pubsub';
  readonly changes: number;
  readonly ratePerSecond: number;
  readonly writtenBack: number;
  readonly missing: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

type Stack = Awaited<ReturnType<typeof startEmbeddedStack>>;

/** `base` leads read by one incremental sync (a backfill), the stream caught up past their events. */
async function seedAndSync(stack: Stack, opts: { readonly base: number; readonly log: Logger }) {
  const store = stack.salesforce.store;
  const base = Array.from({ length: opts.base }, (_, i) =>
    store.create(
      'Lead',
      {
        FirstName: `First${i}`,
        LastName: `Person${i}`,
        Email: `person${i}@company${i % 97}.com`,
        Company: `Company ${i % 97} Inc`,
      },
      USER,
    ),
  );
  const deps = stack.service.deps;
  await syncIncremental.run({ connection: EMBEDDED_SALESFORCE, objectType: 'Lead' }, deps, {
    log: opts.log,
    signal: AbortSignal.timeout(120_000),
    jobId: 'bench-backfill-sf',
    attemptsMade: 0,
  });
  await waitForChangeStreams(deps, stack.salesforce, EMBEDDED_SALESFORCE, 60_000);
  return base;
}

export async function measurePubSub(
  where: RedisTarget,
  opts: { readonly rate: number; readonly seconds: number; readonly base: number; readonly log: Logger },
): Promise<PubSubFigures> {
  const redis = await ensureRedis(where, { autostart: true });
  const prefix = `e2e-ps-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log: opts.log,
    seed: false,
    env: e2eStackEnv(redis.target, prefix),
  });
  try {
    const store = stack.salesforce.store;
    const base = await seedAndSync(stack, opts);
    const created = new Map<string, number>();
    const latencies: number[] = [];
    store.onChange((change) => {
      const at = created.get(change.record.id);
      if (change.kind !== 'update' || at === undefined || !change.changed.includes('PS_Duplicate_Status__c'))
        return;
      latencies.push(performance.now() - at);
      created.delete(change.record.id);
    });
    const total = opts.rate * opts.seconds;
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / opts.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const original = base[i % base.length];
      if (original === undefined) continue;
      const f = original.fields;
      const email = String(f['Email']).toUpperCase();
      const record = store.create(
        'Lead',
        {
          FirstName: f['FirstName'] ?? null,
          LastName: f['LastName'] ?? null,
          Email: email,
          Company: f['Company'] ?? null,
        },
        USER,
      );
      created.set(record.id, performance.now());
    }
    const deadline = performance.now() + 15_000;
    while (created.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      path: 'salesforce-pubsub',
      changes: total,
      ratePerSecond: opts.rate,
      writtenBack: sorted.length,
      missing: created.size,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
    };
  } finally {
    await stack.close();
    const client = createRedis(redis.target, 'worker');
    await deleteKeys(client, `*${prefix}*`);
    client.disconnect();
    await redis.stop();
  }
}
