/**
 * npm run bench:webhooks — HubSpot webhook intake under load, on loopback.
 * Signed 100-event batches (v3, fresh timestamp per request, distinct records per batch) against the real
 * HTTP tier in a child process, and against a bare express endpoint that only parses the same body.
 * Measures p99 latency at a steady 1,000 req/s and the most each sustains. Ends with one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { deleteKeys } from './delete-keys.js';
import { ensureRedis } from '../src/queue/local-redis.js';

const SECRET = 'bench-client-secret';
const STEADY_RPS = Number(process.env['BENCH_STEADY_RPS'] ?? 1000);
const STEADY_SECONDS = Number(process.env['BENCH_STEADY_SECONDS'] ?? 10);
const MAX_SECONDS = Number(process.env['BENCH_MAX_SECONDS'] ?? 8);

function batches(count: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < count; b += 1) {
    const events = Array.from({ length: 100 }, (_, i) => ({
      eventId: b * 100 + i,
      subscriptionId: 12345,
      portalId: 62515,
      appId: 54321,
      occurredAt: 1_700_000_000_000 + b,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: b * 100 + i + 1,
      propertyName: 'email',
      propertyValue: `person${b * 100 + i}@example.com`,
      changeSource: 'CRM_UI',
    }));
    out.push(JSON.stringify(events));
  }
  return out;
}

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

async function load(
  url: string,
  path: string,
  options: { rate?: number; seconds: number; connections: number },
): Promise<Run> {
  const bodies = batches(2_000);
  let next = 0;
  const target = `${url}${path}`;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate !== undefined ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req) => {
          const body = bodies[next % bodies.length] ?? '[]';
          next += 1;
          const timestamp = Date.now();
          const signature = createHmac('sha256', SECRET)
            .update(`POST${target}${body}${timestamp}`)
            .digest('base64');
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/json',
              'x-hubspot-signature-v3': signature,
              'x-hubspot-request-timestamp': String(timestamp),
            },
          };
        },
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function measure(
  mode: 'bare' | 'intake',
  env: Record<string, string>,
): Promise<{ steady: Run; max: Run }> {
  const { url, child } = await startServer(mode, env);
  try {
    const path = '/webhooks/hubspot/bench';
    await load(url, path, { seconds: 2, connections: 10 }); // warm-up: JIT, Redis script cache
    process.stderr.write(`${mode}: steady ${STEADY_RPS} req/s for ${STEADY_SECONDS} s…\n`);
    const steady = await load(url, path, { rate: STEADY_RPS, seconds: STEADY_SECONDS, connections: 50 });
    process.stderr.write(
      `${mode}: p50 ${steady.p50} ms, p99 ${steady.p99} ms, ${steady.errors} errors, ${steady.non2xx} non-2xx\n`,
    );
    process.stderr.write(`${mode}: maximum for ${MAX_SECONDS} s…\n`);
    const max = await load(url, path, {
      seconds: MAX_SECONDS,
      connections: Number(process.env['BENCH_MAX_CONNECTIONS'] ?? 64),
    });
    process.stderr.write(
      `${mode}: ${Math.round(max.rps)} req/s, p99 ${max.p99} ms, ${max.errors} errors, ${max.non2xx} non-2xx\n`,
    );
    return { steady, max };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const redisEndpoint = await ensureRedis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
  autostart: true,
});
const prefix = `bench-${randomUUID().slice(0, 8)}`;
try {
  const bare = await measure('bare', {});
  const intake = await measure('intake', {
    REDIS_URL: redisEndpoint.url,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    BENCH_HUBSPOT_SECRET: SECRET,
    REDIS_AUTOSTART: 'false',
  });
  const figures = {
    intakeP50Ms: intake.steady.p50,
    intakeP99Ms: intake.steady.p99,
    intakeSteadyErrors: intake.steady.errors + intake.steady.non2xx,
    intakeRps: Math.round(intake.max.rps),
    bareP99Ms: bare.steady.p99,
    bareRps: Math.round(bare.max.rps),
    ratio: Number((intake.max.rps / bare.max.rps).toFixed(3)),
    eventsPerRequest: 100,
  };
  process.stderr.write(
    `\nintake p99 at ${STEADY_RPS} req/s: ${figures.intakeP99Ms} ms (target ≤ 50, errors ${figures.intakeSteadyErrors})\n` +
      `intake max ${figures.intakeRps} req/s vs bare ${figures.bareRps} req/s: ratio ${figures.ratio} (target ≥ 0.5)\n`,
  );
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  const redis = new Redis(redisEndpoint.url);
  await deleteKeys(redis, `*${prefix}*`);
  redis.disconnect();
  await redisEndpoint.stop();
}
