import { Queue, QueueEvents } from 'bullmq';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { CrmRateLimitError, CrmRejectedError } from '../../../src/core/errors/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { defineJob, safeJobId } from '../../../src/queue/job-definition.js';
import { startWorkers, type WorkerRuntime } from '../../../src/queue/worker-runtime.js';
import { TEST_REDIS_URL, testPrefix, workerRedis } from '../../helpers/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ queue: Queue; events: QueueEvents; prefix: string; queueName: string }> {
  const prefix = `{${testPrefix()}}`;
  const queueName = 'jobs';
  const connection = workerRedis();
  const queue = new Queue(queueName, { connection, prefix });
  const events = new QueueEvents(queueName, { connection: { url: TEST_REDIS_URL }, prefix });
  await events.waitUntilReady();
  cleanups.push(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });
  return { queue, events, prefix, queueName };
}

async function run(
  prefix: string,
  definitions: Parameters<typeof startWorkers<null>>[0]['definitions'],
): Promise<WorkerRuntime> {
  const connection = workerRedis();
  const runtime = startWorkers({
    definitions,
    deps: null,
    connection,
    queuePrefixes: [prefix],
    concurrency: 2,
    log: createLogger({ level: 'silent' }),
  });
  cleanups.push(async () => {
    await runtime.close(2000);
    connection.disconnect();
  });
  await Promise.all(runtime.workers.map((w) => w.waitUntilReady()));
  return runtime;
}

describe('startWorkers', () => {
  it('runs a job with parsed data and returns its explanation', async () => {
    const { queue, events, prefix, queueName } = await setup();
    await run(prefix, [
      defineJob({
        name: 'add',
        queue: queueName,
        schema: z.object({ a: z.number(), b: z.number() }),
        run: async (d) => ({ sum: d.a + d.b }),
      }),
    ]);
    const job = await queue.add('add', { a: 2, b: 3 });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ sum: 5 });
  });

  it('fails invalid job data once, without retries, naming the field', async () => {
    const { queue, events, prefix, queueName } = await setup();
    let calls = 0;
    await run(prefix, [
      defineJob({
        name: 'add',
        queue: queueName,
        schema: z.object({ a: z.number() }),
        run: async () => ++calls,
      }),
    ]);
    const job = await queue.add('add', { a: 'two' }, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid job data: a:/);
    const failed = await queue.getJob(job.id ?? '');
    expect(failed?.attemptsMade).toBe(1);
    expect(calls).toBe(0);
  });

  it('fails a CRM rejection permanently but retries transient errors', async () => {
    const { queue, events, prefix, queueName } = await setup();
    let transientCalls = 0;
    await run(prefix, [
      defineJob({
        name: 'reject',
        queue: queueName,
        schema: z.object({}),
        run: async () => {
          throw new CrmRejectedError('bad field', 'INVALID_FIELD', ['X__c']);
        },
      }),
      defineJob({
        name: 'flaky',
        queue: queueName,
        schema: z.object({}),
        run: async () => {
          transientCalls += 1;
          if (transientCalls < 3) throw new Error('socket hang up');
          return 'ok';
        },
      }),
    ]);
    const rejected = await queue.add('reject', {}, { attempts: 5 });
    await expect(rejected.waitUntilFinished(events, 10_000)).rejects.toThrow(/crm_rejected: bad field/);
    expect((await queue.getJob(rejected.id ?? ''))?.attemptsMade).toBe(1);
    const flaky = await queue.add('flaky', {}, { attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    expect(await flaky.waitUntilFinished(events, 10_000)).toBe('ok');
    expect(transientCalls).toBe(3);
  });

  it('waits out a CRM rate limit without spending an attempt', async () => {
    const { queue, events, prefix, queueName } = await setup();
    let calls = 0;
    await run(prefix, [
      defineJob({
        name: 'limited',
        queue: queueName,
        schema: z.object({}),
        run: async (_d, _deps, ctx) => {
          calls += 1;
          if (calls === 1) throw new CrmRateLimitError('429', 200, 'TEN_SECONDLY_ROLLING');
          return { attemptsMade: ctx.attemptsMade };
        },
      }),
    ]);
    const started = Date.now();
    const job = await queue.add('limited', {}, { attempts: 1 });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ attemptsMade: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(calls).toBe(2);
  });

  it('lets an in-flight job finish on close before returning', async () => {
    const { queue, prefix, queueName } = await setup();
    let finished = false;
    let startedResolve: () => void = () => undefined;
    const startedJob = new Promise<void>((r) => (startedResolve = r));
    const runtime = await run(prefix, [
      defineJob({
        name: 'slow',
        queue: queueName,
        schema: z.object({}),
        run: async () => {
          startedResolve();
          await new Promise((r) => setTimeout(r, 600));
          finished = true;
          return 'done';
        },
      }),
    ]);
    const job = await queue.add('slow', {});
    await startedJob;
    const result = await runtime.close(5000);
    expect(result.graceful).toBe(true);
    expect(finished).toBe(true);
    expect(await (await queue.getJob(job.id ?? ''))?.getState()).toBe('completed');
  });

  it('makes BullMQ-safe job ids', () => {
    expect(safeJobId('hs-1', 'contact:123')).toBe('hs-1.contact_123');
    expect(safeJobId('42')).toBe('j.42');
  });
});
