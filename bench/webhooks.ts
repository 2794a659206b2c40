/**
 * npm run bench:webhooks — HubSpot webhook intake under load, on loopback.
 * Signed 100-event batches (v3, fresh timestamp per request, distinct records per batch) against the real
 * HTTP tier in a child process, and against a bare express endpoint that only parses the same body.
 * Measures latency at a steady 1,000 req/s (open loop, `open-loop.ts`: requests leave on schedule and
 * latency counts from when each was due) and the most each server sustains (autocannon, closed loop,
 * 64 connections). Figures are medians of BENCH_ROUNDS rounds; the maximum runs alternate between the
 * two servers. Ends with one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { deleteKeys } from './delete-keys.js';
import type { OpenLoopResult } from './open-loop.js';
import { BENCH_HUBSPOT_SECRET, signedDeliveries } from './webhook-deliveries.js';
import { ensureRedis } from '../src/queue/local-redis.js';
import { createRedis } from '../src/queue/redis.js';
import { targetEnv } from '../src/queue/redis-target.js';

const STEADY_RPS = Number(process.env['BENCH_STEADY_RPS'] ?? 1000);
const STEADY_SECONDS = Number(process.env['BENCH_STEADY_SECONDS'] ?? 8);
const MAX_SECONDS = Number(process.env['BENCH_MAX_SECONDS'] ?? 8);
const MAX_CONNECTIONS = Number(process.env['BENCH_MAX_CONNECTIONS'] ?? 64);
/** Steady runs of the intake and alternating maximum runs of each server; figures are their medians. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

async function startServer(
  mode: 'bare' | 'intake',
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhooks-server.ts', mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${String(code)}`)));
  });
  return { url, child };
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

/** Closed loop: each connection sends its next request when the last one is answered. */
async function load(
  url: string,
  path: string,
  options: { seconds: number; connections: number },
): Promise<Run> {
  const next = signedDeliveries(url, path);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [{ method: 'POST', path, setupRequest: (req) => ({ ...req, ...next() }) }],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

interface Server {
  readonly mode: 'bare' | 'intake';
  readonly url: string;
  readonly child: ChildProcess;
}

const PATH = '/webhooks/hubspot/bench';
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Open loop, from a process of its own: the generator's heap and GC never delay a request's send. */
async function steady(server: Server, seconds = STEADY_SECONDS): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/steady-load.ts', server.url, PATH, String(STEADY_RPS), String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || last === '') throw new Error(`steady load exited with ${String(code)}: ${out}`);
  const result = JSON.parse(last) as OpenLoopResult;
  const run = {
    p50: result.p50Ms,
    p99: result.p99Ms,
    rps: result.ok / seconds,
    errors: result.errors,
    non2xx: result.non2xx,
  };
  process.stderr.write(
    `${server.mode}: steady ${STEADY_RPS} req/s (open loop): p50 ${run.p50} ms, p99 ${run.p99} ms, max ${result.maxMs} ms, ${run.errors} errors, ${run.non2xx} non-2xx\n`,
  );
  return run;
}

async function maximum(server: Server): Promise<Run> {
  const run = await load(server.url, PATH, { seconds: MAX_SECONDS, connections: MAX_CONNECTIONS });
  process.stderr.write(
    `${server.mode}: maximum ${Math.round(run.rps)} req/s, p99 ${run.p99} ms, ${run.errors} errors, ${run.non2xx} non-2xx\n`,
  );
  return run;
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

const redisEndpoint = await ensureRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
  autostart: true,
});
const prefix = `bench-${randomUUID().slice(0, 8)}`;
const servers: Server[] = [];
try {
  // Both servers run for the whole measurement and the rounds alternate between them, so a slow
  // stretch of a shared machine lands on both sides of the ratio instead of on one.
  const bare: Server = { mode: 'bare', ...(await startServer('bare', {})) };
  servers.push(bare);
  const intake: Server = {
    mode: 'intake',
    ...(await startServer('intake', {
      ...targetEnv(redisEndpoint.target),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      BENCH_HUBSPOT_SECRET,
      REDIS_AUTOSTART: 'false',
    })),
  };
  servers.push(intake);
  // Warm-up, discarded: JIT and the Redis script cache under both load shapes that are measured.
  for (const server of servers) {
    await load(server.url, PATH, { seconds: 2, connections: 10 });
    await steady(server, 3);
  }

  const steadyRuns: Run[] = [];
  for (let round = 0; round < ROUNDS; round += 1) steadyRuns.push(await steady(intake));
  const bareSteady = await steady(bare);
  const rounds: { bareRps: number; intakeRps: number }[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [bare, intake] : [intake, bare];
    const runs = new Map<Server, Run>();
    for (const server of order) runs.set(server, await maximum(server));
    rounds.push({
      bareRps: Math.round(runs.get(bare)?.rps ?? 0),
      intakeRps: Math.round(runs.get(intake)?.rps ?? 0),
    });
  }
  const intakeRps = median(rounds.map((r) => r.intakeRps));
  const bareRps = median(rounds.map((r) => r.bareRps));
  const figures = {
    intakeP50Ms: median(steadyRuns.map((r) => r.p50)),
    intakeP99Ms: median(steadyRuns.map((r) => r.p99)),
    intakeSteadyErrors: steadyRuns.reduce((n, r) => n + r.errors + r.non2xx, 0),
    intakeRps,
    bareP99Ms: bareSteady.p99,
    bareRps,
    ratio: Number((intakeRps / bareRps).toFixed(3)),
    rounds,
    eventsPerRequest: 100,
  };
  process.stderr.write(
    `\nintake p99 at ${STEADY_RPS} req/s: ${figures.intakeP99Ms} ms (median of ${ROUNDS}; target ≤ 50, errors ${figures.intakeSteadyErrors})\n` +
      `intake max ${figures.intakeRps} req/s vs bare ${figures.bareRps} req/s (medians of ${ROUNDS} alternating rounds): ratio ${figures.ratio} (target ≥ 0.5)\n`,
  );
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  for (const server of servers) await stop(server);
  const redis = createRedis(redisEndpoint.target, 'worker');
  await deleteKeys(redis, `*${prefix}*`);
  redis.disconnect();
  await redisEndpoint.stop();
}
