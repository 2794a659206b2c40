/**
 * Salesforce over the Pub/Sub API, change → field: a Salesforce sandbox user creates leads that duplicate
 * existing ones at a steady rate; each travels sandbox change event (Avro, gRPC) → subscriber → inbox →
 * ingest (batch re-read) → detect-duplicates → write-back → sandbox. Latency: creation until
 * `PS_Duplicate_Status__c` is written on the lead, split into the Pub/Sub leg (until the subscriber
 * committed the event) and the pipeline leg (ingest, duplicate detection, write-back). The load starts
 * once the backfill's own change events are processed (their drain time is reported apart): a steady
 * 50/s is measured, not the tail of a 2,000-event burst. Called from bench/e2e.ts.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { changeEventChannel } from '../connectors/salesforce/pubsub/channels.js';
import type { StoredRecord } from '../connectors/sandbox/store.js';
import { syncIncremental } from '../jobs/sync-incremental/sync-incremental.js';
import type { Logger } from '../src/core/logger.js';
import { EMBEDDED_SALESFORCE, startEmbeddedStack } from '../src/embedded/start-embedded-stack.js';
import { waitUntilIdle } from '../src/embedded/wait-until-idle.js';
import { waitForChangeStreams } from '../src/embedded/wait-for-change-streams.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { type RedisTarget } from '../src/queue/redis-target.js';
import { closeE2eStack, e2eStackEnv } from './e2e/stack-env.js';
import { percentile } from './percentile.js';
import { watchPubSubLegs } from './e2e/pubsub-legs.js';

const USER = { userId: '0055g00000B2usrAAB' };

export interface PubSubFigures {
  readonly path: 'salesforce-pubsub';
  readonly changes: number;
  readonly ratePerSecond: number;
  readonly writtenBack: number;
  readonly missing: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Creation → the subscriber committed the event (it is in our inbox). */
  readonly streamP50Ms: number;
  readonly streamP99Ms: number;
  /** Committed → field written (ingest, duplicate detection, write-back). */
  readonly pipelineP50Ms: number;
  readonly pipelineP99Ms: number;
  /** The backfill's change events (one per seeded lead): committed → every queue idle. */
  readonly backfillDrainMs: number;
  /** 1-minute load average at the start and the end of the load (a shared machine inflates the figures). */
  readonly loadAverage: readonly [number, number];
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
  const committed = performance.now();
  await waitUntilIdle(deps, 120_000);
  return { base, backfillDrainMs: Math.round(performance.now() - committed) };
}

/** `total` leads at `rate` per second, each duplicating a seeded one (its email upper-cased). */
async function createDuplicates(
  stack: Stack,
  base: readonly StoredRecord[],
  load: { readonly rate: number; readonly total: number },
  onCreated: (id: string, at: number) => void,
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < load.total; i += 1) {
    const wait = started + (i * 1000) / load.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const original = base[i % base.length];
    if (original === undefined) continue;
    const f = original.fields;
    const record = stack.salesforce.store.create(
      'Lead',
      {
        FirstName: f['FirstName'] ?? null,
        LastName: f['LastName'] ?? null,
        Email: String(f['Email']).toUpperCase(),
        Company: f['Company'] ?? null,
      },
      USER,
    );
    onCreated(record.id, performance.now());
  }
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
    const pubsub = stack.salesforce.pubsub;
    if (pubsub === undefined) throw new Error('the embedded Salesforce sandbox serves no Pub/Sub API');
    const { base, backfillDrainMs } = await seedAndSync(stack, opts);
    const legs = watchPubSubLegs(pubsub, stack.service.deps.changeStreams, {
      connectionId: EMBEDDED_SALESFORCE,
      channel: changeEventChannel('Lead'),
      pollMs: 10,
    });
    const loadBefore = loadavg()[0] ?? NaN;
    const created = new Map<string, number>();
    const createdAt = new Map<string, number>();
    const writtenAt = new Map<string, number>();
    const latencies: number[] = [];
    store.onChange((change) => {
      const at = created.get(change.record.id);
      if (change.kind !== 'update' || at === undefined || !change.changed.includes('PS_Duplicate_Status__c'))
        return;
      const now = performance.now();
      latencies.push(now - at);
      writtenAt.set(change.record.id, now);
      created.delete(change.record.id);
    });
    const total = opts.rate * opts.seconds;
    await createDuplicates(stack, base, { rate: opts.rate, total }, (id, at) => {
      created.set(id, at);
      createdAt.set(id, at);
    });
    const deadline = performance.now() + 15_000;
    while (created.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const loadAfter = loadavg()[0] ?? NaN;
    const split = await legs.figures(createdAt, writtenAt);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      path: 'salesforce-pubsub',
      changes: total,
      ratePerSecond: opts.rate,
      writtenBack: sorted.length,
      missing: created.size,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      streamP50Ms: split.stream.p50Ms,
      streamP99Ms: split.stream.p99Ms,
      pipelineP50Ms: split.pipeline.p50Ms,
      pipelineP99Ms: split.pipeline.p99Ms,
      backfillDrainMs,
      loadAverage: [loadBefore, loadAfter],
    };
  } finally {
    await closeE2eStack(stack, redis, prefix);
  }
}
