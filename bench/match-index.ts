/**
 * Single-record duplicate checks against the Redis match index with 1M records loaded.
 * `npx tsx bench/match-index.ts [records]` (REDIS_URL, default redis://127.0.0.1:6379). Loads synthetic
 * leads with pipelined script calls, then times `checkRecord` for a sample of stored records and new
 * near-duplicates. Progress goes to stderr; the last stdout line is one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { checkRecord } from '../src/matching/check-record.js';
import { createPersonMatcher } from '../src/matching/match-people.js';
import type { MatchRecord } from '../src/matching/match-record.js';
import { prepareRecord } from '../src/matching/prepare-record.js';
import { createKeySpace } from '../src/store/keys.js';
import { createRedisMatchIndex } from '../src/store/redis-match-index.js';
import { makeDuplicate, random, syntheticLeads } from './dedupe-synthetic.js';

const records = Number(process.argv[2] ?? 1_000_000);
const CHUNK = 5_000;
const CHECKS = 2_000;

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const keys = createKeySpace(`bench-${randomUUID().slice(0, 8)}`);
const index = createRedisMatchIndex(redis, keys, 'bench', { batchSize: 500 });
const matcher = createPersonMatcher();
const every = Math.max(1, Math.floor(records / CHECKS));
const samples: MatchRecord[] = [];

const usedMemory = async (): Promise<number> =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? '0');

try {
  const memoryBefore = await usedMemory();
  const loadStarted = performance.now();
  let chunk: MatchRecord[] = [];
  let loaded = 0;
  for (const record of syntheticLeads(records, 42)) {
    chunk.push(record);
    if ((loaded + chunk.length) % every === 0) samples.push(record);
    if (chunk.length === CHUNK) {
      await index.upsert(chunk.map(prepareRecord));
      loaded += chunk.length;
      chunk = [];
      if (loaded % 100_000 === 0) process.stderr.write(`loaded ${loaded}\n`);
    }
  }
  await index.upsert(chunk.map(prepareRecord));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const size = await index.size();
  const memory = (await usedMemory()) - memoryBefore;

  const r = random(7);
  const probes = samples.flatMap((s, i) => [
    prepareRecord(s),
    prepareRecord(makeDuplicate(r, s, records + i)),
  ]);
  const times: number[] = [];
  let found = 0;
  for (const probe of probes) {
    const started = performance.now();
    const matches = await checkRecord(index, matcher, probe);
    times.push(performance.now() - started);
    if (matches.length > 0) found += 1;
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 1000) / 1000;
  process.stderr.write(
    `${size} records loaded in ${loadSeconds.toFixed(1)} s; Redis used ${(memory / 2 ** 20).toFixed(0)} MiB; ` +
      `${probes.length} checks (${found} with matches): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ redisCheckP50Ms: at(0.5), redisCheckP99Ms: at(0.99), records: size, loadSeconds: Math.round(loadSeconds * 10) / 10 })}\n`,
  );
} finally {
  await index.clear();
  await redis.quit();
}
