import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../src/queue/local-redis.js';
import { collect, runCli, spawnCli, waitForLine } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';

describe('partnersync start', () => {
  it('serves /healthz and exits 0 on SIGTERM', async () => {
    const child = spawnCli(['start'], { PORT: '0', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: 'cli-test' });
    const exited = collect(child);
    const [, url] = (await waitForLine(child, /listening on (\S+)/)) as unknown as [string, string];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('starts a private redis-server when REDIS_URL does not answer', async () => {
    const deadPort = await freeLoopbackPort();
    const child = spawnCli(['start'], {
      PORT: '0',
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
      REDIS_PREFIX: 'cli-test',
    });
    const exited = collect(child);
    const [, url] = (await waitForLine(child, /listening on (\S+)/)) as unknown as [string, string];
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('says in one line how to get Redis when none answers and autostart is off', async () => {
    const deadPort = await freeLoopbackPort();
    const result = await runCli(['start'], {
      PORT: '0',
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
      REDIS_AUTOSTART: 'false',
    });
    expect(result.code).toBe(69);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/apt-get install redis-server/);
  });
});
