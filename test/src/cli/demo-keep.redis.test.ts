import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli, waitForLine } from '../../helpers/cli.js';
import { TEST_REDIS_URL, workerRedis } from '../../helpers/redis.js';

/** demo.env as `set -a; . ./demo.env` reads it (single-quoted values). */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)='(.*)'$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) env[m[1]] = m[2].replace(/'\\''/g, "'");
  }
  return env;
}

describe('partnersync demo --keep', () => {
  const redis = workerRedis();
  afterAll(() => {
    redis.disconnect();
  });

  it('prints a console login link, writes demo.env that the CLI runs with, and leaves no Redis keys on exit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-keep-'));
    const child = spawnCli(['demo', '--keep', '--env-dir', dir], { REDIS_URL: TEST_REDIS_URL });
    const exited = collect(child, 150_000);
    try {
      const [, link] = await waitForLine(child, /one-time login link\): (http\S+)/, 120_000);
      const login = await fetch(link ?? '', { redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const base = new URL(link ?? '').origin;
      const home = await fetch(`${base}/admin/console/`, { headers: { cookie } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('sandbox-salesforce');
      expect((await fetch(link ?? '', { redirect: 'manual' })).status).toBe(401);

      const env = parseEnvFile(await readFile(join(dir, 'demo.env'), 'utf8'));
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'REDIS_URL',
          'REDIS_PREFIX',
          'CONNECTIONS_FILE',
          'ADMIN_TOKEN',
          'SANDBOX_SALESFORCE_ACCESS_TOKEN',
        ]),
      );
      const year = new Date().getUTCFullYear();
      const report = await runCli(
        [
          'report',
          'attribution',
          '--connection',
          'sandbox-salesforce',
          '--from',
          `${year}-01-01`,
          '--to',
          `${year}-12-31`,
          '--basis',
          'created',
        ],
        env,
        60_000,
      );
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toContain('Northwind Resellers');
      const prefix = env['REDIS_PREFIX'] ?? '';
      expect((await redis.keys(`*${prefix}*`)).length).toBeGreaterThan(0);

      child.kill('SIGINT');
      const result = await exited;
      expect(result.code).toBe(0);
      expect(await redis.keys(`*${prefix}*`)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
