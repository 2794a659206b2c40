import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubspotSandbox, startSalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { EMBEDDED_HUBSPOT, sandboxConnections } from '../../src/embedded/start-embedded-stack.js';
import { createPipelineDeps } from '../../src/queue/create-pipeline-deps.js';
import { syncPages } from '../../jobs/sync-incremental/sync-pages.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix, workerRedis } from '../helpers/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CONTACTS = 2_500;

async function sandboxesWithContacts() {
  // Contacts created over three days (100 s apart), as a real backfill finds them.
  let clock: number | null = Date.now() - 3 * 86_400_000;
  const now = (): number => clock ?? Date.now();
  const sf = await startSalesforceSandbox({ seed: false });
  const hs = await startHubspotSandbox({ seed: false, now });
  cleanups.push(
    () => sf.close(),
    () => hs.close(),
  );
  for (let i = 0; i < CONTACTS; i += 1) {
    clock = (clock ?? 0) + 100_000;
    hs.store.create(
      'contacts',
      { firstname: `F${i}`, lastname: `L${i}`, email: `p${i}@example${i % 50}.com` },
      { userId: '9000001' },
    );
  }
  clock = null;
  return { sf, hs, connections: sandboxConnections(sf, hs) };
}

describe('backfill', () => {
  it('resumes from its checkpoint after an interruption and reads every record once more at most a page', async () => {
    const { connections } = await sandboxesWithContacts();
    const prefix = testPrefix();
    const redis = workerRedis();
    const env = parseEnv({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    const runtime = createPipelineDeps({ env, connections, redis, log: createLogger({ level: 'silent' }) });
    cleanups.push(async () => {
      await runtime.close();
      await deleteKeys(redis, `*${prefix}*`);
      redis.disconnect();
    });
    const options = {
      deps: runtime.deps,
      connection: EMBEDDED_HUBSPOT,
      objectType: 'contacts',
      checkpoint: 'backfill.contacts',
      signal: AbortSignal.timeout(60_000),
      log: createLogger({ level: 'silent' }),
    };
    const first = await syncPages({ ...options, maxPages: 3 });
    expect(first, JSON.stringify({ pages: first.pages, records: first.records })).toMatchObject({
      complete: false,
    });
    expect(await runtime.deps.mirror.count(EMBEDDED_HUBSPOT, 'person')).toBe(first.records);

    const second = await syncPages(options);
    expect(second.complete).toBe(true);
    expect(await runtime.deps.mirror.count(EMBEDDED_HUBSPOT, 'person')).toBe(CONTACTS);
    const pageSize = first.records / first.pages;
    expect(second.records).toBeLessThanOrEqual(CONTACTS - first.records + pageSize);
  });

  it('runs from the CLI against a configured connection and reports what it read', async () => {
    const { connections } = await sandboxesWithContacts();
    const dir = mkdtempSync(join(tmpdir(), 'ps-backfill-'));
    const file = join(dir, 'connections.yaml');
    writeFileSync(file, stringify({ connections }));
    const prefix = testPrefix();
    cleanups.push(async () => {
      const redis = workerRedis();
      await deleteKeys(redis, `*${prefix}*`);
      redis.disconnect();
    });
    const result = await runCli(
      ['backfill', '--connection', EMBEDDED_HUBSPOT, '--object', 'contacts'],
      {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        CONNECTIONS_FILE: file,
      },
      60_000,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`contacts: ${CONTACTS} records in \\d+ pages`));
  });
});
