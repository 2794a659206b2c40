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
import { createLogger } from '../src/core/logger.js';
import { startEmbeddedStack } from '../src/embedded/start-embedded-stack.js';
import { callMix, HUBSPOT_KINDS } from './e2e/call-mix.js';
import { hubspotPeople, loadDuplicates, seedAndSync, type Stack } from './e2e/duplicate-load.js';
import { budgetFigures, type Tier } from './e2e/budget-figures.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { describeTarget, type RedisTarget } from '../src/queue/redis-target.js';
import { closeE2eStack, e2eStackEnv } from './e2e/stack-env.js';
import { redisTargetFromEnv } from '../src/core/redis-env.js';
import { percentile } from './percentile.js';
import { compareWithCluster } from './e2e-cluster.js';
import { measurePubSub } from './e2e-pubsub.js';

const RATE = Number(process.env['BENCH_E2E_RATE'] ?? 50);
const SECONDS = Number(process.env['BENCH_E2E_SECONDS'] ?? 20);
const BASE = Number(process.env['BENCH_E2E_BASE'] ?? 2_000);
// BENCH_E2E_TIER picks one portal tier (190 or 100 requests / 10 s, as HubSpot publishes) for a quick run.
const TIER = process.env['BENCH_E2E_TIER'] === 'starter' ? 'starter' : 'professional';
// Without BENCH_E2E_TIER: both tiers, the Starter rate search and the Salesforce call mix (bench/e2e/).
const ONE_TIER = process.env['BENCH_E2E_TIER'] !== undefined;

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
  readonly hubspotCallsPer1000Changes: number;
  readonly hubspotMinCallsPer1000Changes: number;
  readonly hubspot429s: number;
}

async function measure(
  where: RedisTarget,
  tier: Tier = TIER,
  after?: (stack: Stack, base: number) => Promise<object>,
): Promise<Figures> {
  const redis = await ensureRedis(where, { autostart: true });
  const prefix = `e2e-${randomUUID().slice(0, 8)}`;
  const stack = await startEmbeddedStack({
    log,
    seed: false,
    hubspotTier: tier,
    env: e2eStackEnv(redis.target, prefix),
  });
  try {
    const people = hubspotPeople(stack);
    const base = await seedAndSync(stack, people, BASE, log);
    const load = await loadDuplicates(people, base, { rate: RATE, seconds: SECONDS, drainMs: 15_000 });
    const sorted = load.latencies;
    const calls = callMix(HUBSPOT_KINDS, load.before, load.after, load.changes);
    const figures = {
      changes: load.changes,
      ratePerSecond: RATE,
      hubspotTier: tier,
      writtenBack: sorted.length,
      missing: load.missing,
      p50Ms: Math.round(percentile(sorted, 50)),
      p90Ms: Math.round(percentile(sorted, 90)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? Number.NaN),
      hubspotCallsPer1000Changes: calls.callsPer1000Changes,
      hubspotMinCallsPer1000Changes: calls.minCallsPer1000Changes,
      hubspot429s: calls.rateLimited,
    };
    process.stderr.write(
      `\nchange → field visible on ${describeTarget(redis.target)}: p50 ${figures.p50Ms} ms (target ≤ 1000), p99 ${figures.p99Ms} ms (target ≤ 3000), ${figures.missing} missing\n` +
        `HubSpot calls by kind ${JSON.stringify(calls.byKind)}, ${calls.otherCalls} other, ${calls.rateLimited} refused (429)\n`,
    );
    return after === undefined ? figures : { ...figures, ...(await after(stack, base)) };
  } finally {
    await closeE2eStack(stack, redis, prefix);
  }
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
    `\nSalesforce Pub/Sub change → field: p50 ${f.p50Ms} ms (target ≤ 1000), p99 ${f.p99Ms} ms (target ≤ 3000), ${f.missing} missing\n` +
      `  change → in our inbox (Pub/Sub leg): p50 ${f.streamP50Ms} ms, p99 ${f.streamP99Ms} ms; inbox → field (ingest, dedupe, write-back): p50 ${f.pipelineP50Ms} ms, p99 ${f.pipelineP99Ms} ms\n` +
      `  before the load: the backfill's ${BASE} change events drained in ${f.backfillDrainMs} ms; load average ${f.loadAverage.map((l) => l.toFixed(2)).join(' → ')}\n`,
  );
  process.stdout.write(`${JSON.stringify(f)}\n`);
}
if (pubsubMode !== 'only') {
  const figures =
    target.kind !== 'single'
      ? await compareWithCluster(measure, target, process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379')
      : ONE_TIER
        ? await measure(target)
        : await budgetFigures((tier, after) => measure(target, tier, after), log);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
