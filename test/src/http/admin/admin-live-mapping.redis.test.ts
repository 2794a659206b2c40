import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../../connectors/connection-config.js';
import {
  type SalesforceSandbox,
  startSalesforceSandbox,
} from '../../../../connectors/sandbox/start-sandboxes.js';
import { defaultMappingPath } from '../../../../mappings/load-mapping-file.js';
import { parseEnv } from '../../../../src/core/env.js';
import { createLogger } from '../../../../src/core/logger.js';
import { type RunningService, startService } from '../../../../src/service.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../../../helpers/redis.js';

const TOKEN = 'live-reload-admin-token-0123456789';
const prefix = testPrefix();
let sf: SalesforceSandbox;
let service: RunningService;

beforeAll(async () => {
  sf = await startSalesforceSandbox({ seed: true });
  const env = parseEnv({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    REDIS_AUTOSTART: 'false',
    PORT: '0',
    ADMIN_TOKEN: TOKEN,
    SYNC_INTERVAL_MS: '0',
    SHUTDOWN_TIMEOUT_MS: '1000',
  });
  const connection = ConnectionConfig.parse({
    id: 'sf',
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: sf.credentials.accessToken, instanceUrl: sf.url },
    loginUrl: sf.url,
  });
  service = await startService({
    env,
    log: createLogger({ level: 'silent' }),
    mode: 'all',
    jobs: [],
    connections: [connection],
  });
});

afterAll(async () => {
  await service.close();
  await sf.close();
  const redis = workerRedis();
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${service.url ?? ''}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Milliseconds until the worker's own `runtime.mapping()` satisfies `check`. */
async function msUntilWorkerSees(check: (company: unknown) => boolean, timeoutMs = 5_000): Promise<number> {
  const runtime = service.deps.connections.get('sf');
  if (runtime === undefined) throw new Error('no sf runtime');
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const mapping = await runtime.mapping();
    if (check(mapping.objects['lead']?.fields['company'])) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`worker did not see the change within ${timeoutMs} ms`);
}

describe('a running service (all mode) and the admin API', () => {
  it('uses a newly activated version within 5 s and the old one again after a rollback', async () => {
    const text = readFileSync(defaultMappingPath('salesforce'), 'utf8').replace(
      '      company: { from: Company, transform: trim }\n',
      "      company: { const: 'Live Reload Inc' }\n",
    );
    const put = await call('PUT', '/admin/connections/sf/mapping?activate=true', { text, note: 'live' });
    expect(put.status).toBe(201);
    const isConst = (c: unknown): boolean =>
      JSON.stringify(c) === JSON.stringify({ const: 'Live Reload Inc' });
    expect(await msUntilWorkerSees(isConst)).toBeLessThan(5_000);

    const lead = sf.store.list('Lead').find((r) => r.fields['LastName'] === 'Chen');
    if (lead === undefined) throw new Error('no seeded lead');
    const preview = async () =>
      (
        (await (
          await call('POST', '/admin/connections/sf/preview', { object: 'Lead', id: lead.id })
        ).json()) as {
          entities: { entity: { entity: { company: string } } }[];
        }
      ).entities[0]?.entity.entity.company;
    expect(await preview()).toBe('Live Reload Inc');

    expect((await call('POST', '/admin/connections/sf/mapping/rollback')).status).toBe(200);
    expect(await msUntilWorkerSees((c) => !isConst(c))).toBeLessThan(5_000);
    expect(await preview()).toBe('Globex, Inc.');
  });
});
