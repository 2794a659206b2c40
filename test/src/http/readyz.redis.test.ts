import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/core/env.js';
import { createLogger } from '../../../src/core/logger.js';
import { startPrivateRedis } from '../../../src/queue/local-redis.js';
import { startService, type RunningService } from '../../../src/service.js';

const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function readyStatus(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/readyz`);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('/readyz follows Redis', () => {
  it('answers 200 with Redis up, 503 within 1 s when it stops, and 200 again when it returns', async () => {
    const redis = await startPrivateRedis();
    stops.push(() => redis.stop());
    const env = parseEnv({
      REDIS_URL: redis.url,
      PORT: '0',
      REDIS_AUTOSTART: 'false',
      REDIS_PREFIX: 'readyz-test',
      SHUTDOWN_TIMEOUT_MS: '1000',
    });
    const service: RunningService = await startService({
      env,
      log: createLogger({ level: 'silent' }),
      mode: 'http',
      jobs: [],
      connections: [],
    });
    stops.push(() => service.close());
    const url = service.url ?? '';
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect((await readyStatus(url)).status).toBe(200);

    await redis.stop();
    const down = await readyStatus(url);
    expect(down.status).toBe(503);
    expect(down.ms).toBeLessThan(1000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const again = await startPrivateRedis({ port: redis.port });
    stops.push(() => again.stop());
    await eventually(async () => (await readyStatus(url)).status === 200, 10_000);
  });
});
