import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../connectors/connection-config.js';
import { parseEnv } from '../../../src/core/env.js';
import { createLogger } from '../../../src/core/logger.js';
import { RESYNC_DELAY_MS } from '../../../src/ingest/resync-delay.js';
import { JOBS } from '../../../src/queue/job-names.js';
import { startService, type RunningService } from '../../../src/service.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix, workerRedis } from '../../helpers/redis.js';
import { relayHeaders } from '../../helpers/sign.js';

const SECRET = 'relay-secret-for-tests-000000';
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('relayed Change Data Capture (HTTP service, Redis)', () => {
  it('a GAP_OVERFLOW schedules its object’s sync once the overflowed changes are inside the sync’s window', async () => {
    const prefix = testPrefix();
    const connection = ConnectionConfig.parse({
      id: 'sf-relay',
      provider: 'salesforce',
      auth: { type: 'access_token', accessToken: 'token', instanceUrl: 'http://127.0.0.1:9' },
      webhook: { organizationId: '00D000000000001AAA', sharedSecret: SECRET },
      changes: 'relay',
    });
    const service: RunningService = await startService({
      env: parseEnv({
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        REDIS_AUTOSTART: 'false',
        PORT: '0',
        NODE_ENV: 'test',
      }),
      log: createLogger({ level: 'silent' }),
      mode: 'http',
      jobs: [],
      connections: [connection],
    });
    const admin = workerRedis();
    const queue = new Queue(JOBS.syncIncremental.queue, {
      connection: admin,
      prefix: service.deps.keys.queuePrefix('sf-relay'),
    });
    stop = async () => {
      await queue.close();
      await service.close();
      await deleteKeys(admin, `*${prefix}*`);
      admin.disconnect();
    };
    const header = {
      entityName: 'Lead',
      recordIds: [],
      changeType: 'GAP_OVERFLOW',
      changeOrigin: 'com/salesforce/api/rest/62.0',
      transactionKey: 'tx-1',
      sequenceNumber: 1,
      commitTimestamp: Date.now(),
      commitNumber: 1,
      commitUser: '005000000000001AAA',
    };
    const body = JSON.stringify([
      { schema: 's', payload: { ChangeEventHeader: header }, event: { replayId: 1 } },
    ]);
    const res = await fetch(`${service.url ?? ''}/webhooks/salesforce/sf-relay/events`, {
      method: 'POST',
      body,
      headers: relayHeaders(SECRET, body),
    });
    expect(res.status).toBe(204);
    const delayed = await queue.getDelayed();
    expect(delayed.map((j): unknown[] => [j.name, j.data as unknown, j.opts.delay])).toEqual([
      [JOBS.syncIncremental.name, { connection: 'sf-relay', objectType: 'Lead' }, RESYNC_DELAY_MS],
    ]);
  });
});
