import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SalesforceSandbox,
  startSalesforceSandbox,
} from '../../../connectors/sandbox/start-sandboxes.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { runCli } from '../../helpers/cli.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';

const prefix = testPrefix();
const redis = workerRedis();
// `jobs` looks at the queues of every configured connection: the Salesforce one from env here.
const queuePrefix = createKeySpace(prefix).queuePrefix('salesforce');
const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, REDIS_AUTOSTART: 'false' };
let sf: SalesforceSandbox;

beforeAll(async () => {
  sf = await startSalesforceSandbox({ seed: true });
});
afterAll(async () => {
  await sf.close();
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

async function failedJobs(queue: Queue, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await queue.add('boom', { i }, { attempts: 1 })).id ?? '');
  const worker = new Worker(
    queue.name,
    async () => {
      throw new Error('sample failure\nwith a stack');
    },
    { connection: redis, prefix: queuePrefix },
  );
  while ((await queue.getFailedCount()) < count) await new Promise((r) => setTimeout(r, 50));
  await worker.close();
  return ids;
}

describe('partnersync jobs', () => {
  it('lists failed jobs, retries one by id and then all the others', async () => {
    const queue = new Queue('maintenance', { connection: redis, prefix: queuePrefix });
    const [first, second] = await failedJobs(queue, 2);

    const jobsEnv = {
      ...env,
      SALESFORCE_ACCESS_TOKEN: sf.credentials.accessToken,
      SALESFORCE_INSTANCE_URL: sf.url,
    };
    const listed = await runCli(['jobs', 'failed', '--queue', 'maintenance'], jobsEnv);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^maintenance {2}\d+ {2}boom {2}attempts=1 {2}\S+ {2}sample failure$/);

    const one = await runCli(['jobs', 'retry', '--queue', 'maintenance', '--id', first ?? ''], jobsEnv);
    expect(one.stdout.trim()).toBe(`retried maintenance ${first ?? ''}`);
    expect(await queue.getJobState(first ?? '')).toBe('waiting');

    const all = await runCli(['jobs', 'retry', '--all'], jobsEnv);
    expect(all.stdout.trim()).toBe('retried 1 failed job(s) in maintenance');
    expect(await queue.getJobState(second ?? '')).toBe('waiting');
    expect((await runCli(['jobs', 'failed'], jobsEnv)).stdout.trim()).toBe('no failed jobs');
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('says which flag is missing and exits 64', async () => {
    const r = await runCli(['jobs', 'retry'], env);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--id <jobId> or --all');
  });
});

describe('partnersync mappings preview', () => {
  it('prints the record, its canonical entities and the planned write-back as JSON', async () => {
    const lead = sf.store.list('Lead').find((r) => r.fields['LastName'] === 'Chen');
    if (lead === undefined) throw new Error('no seeded lead');
    const r = await runCli(
      ['mappings', 'preview', '--connection', 'salesforce', '--object', 'Lead', '--id', lead.id],
      {
        ...env,
        SALESFORCE_ACCESS_TOKEN: sf.credentials.accessToken,
        SALESFORCE_INSTANCE_URL: sf.url,
        SALESFORCE_LOGIN_URL: sf.url,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      mappingVersion: number | null;
      record: { Id: string };
      entities: { entity: { kind: string; entity: { email: string } } }[];
      writeBack: { plan: { fields: Record<string, unknown> } | null }[];
    };
    expect(out.mappingVersion).toBeNull();
    expect(out.record.Id).toBe(lead.id);
    expect(out.entities[0]?.entity).toMatchObject({
      kind: 'person',
      entity: { email: 'wei.chen@globex.example' },
    });
    expect(out.writeBack[0]?.plan?.fields).toMatchObject({ PS_Duplicate_Status__c: 'Possible Duplicate' });
  });
});
