import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOBS } from '../../../src/queue/job-names.js';
import { createJobScheduler } from '../../../src/queue/job-scheduler.js';
import { createQueueSet, type QueueSet } from '../../../src/queue/queue-set.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { testPrefix, workerRedis } from '../../helpers/redis.js';

const redis = workerRedis();
const sets: QueueSet[] = [];
afterEach(async () => {
  for (const set of sets.splice(0)) {
    for (const q of set.all()) await q.obliterate({ force: true });
    await set.close();
  }
});

function setUp(start: number) {
  const set = createQueueSet(redis, createKeySpace(testPrefix()), ['hs-1', 'hs-2']);
  sets.push(set);
  let now = start;
  const scheduler = createJobScheduler(set.queue, {
    ingestWindowMs: 250,
    writeBackWindowMs: 250,
    now: () => now,
  });
  const queue = set.queue(JOBS.ingestEvents.queue, 'hs-1');
  const other = set.queue(JOBS.ingestEvents.queue, 'hs-2');
  return { scheduler, queue, other, set, advance: (ms: number) => (now += ms) };
}

describe('job scheduler', () => {
  it('adds one ingest job per connection and window however many requests ask at once', async () => {
    const { scheduler, queue, other } = setUp(1_000_000);
    const add = vi.spyOn(queue, 'add');
    const addOther = vi.spyOn(other, 'add');
    await Promise.all(Array.from({ length: 50 }, () => scheduler.ingest('hs-1')));
    await scheduler.ingest('hs-2');
    expect(add).toHaveBeenCalledTimes(1);
    expect(addOther).toHaveBeenCalledTimes(1);
    expect(await queue.getDelayedCount()).toBe(1);
    expect(await other.getDelayedCount()).toBe(1);
  });

  it('adds the next window its own job, delayed to that window’s end', async () => {
    const { scheduler, queue, advance } = setUp(1_000_000);
    await scheduler.ingest('hs-1');
    advance(100);
    await scheduler.ingest('hs-1');
    advance(200);
    await scheduler.ingest('hs-1');
    const jobs = await queue.getDelayed();
    expect(jobs.map((j) => j.id).sort()).toEqual(['ingest-events.hs-1.4000', 'ingest-events.hs-1.4001']);
    expect(jobs.map((j) => j.opts.delay).sort()).toEqual([200, 250]);
  });

  it('a delayed sync is its own job, named by its due second, and waits that long', async () => {
    const { scheduler, set, advance } = setUp(1_000_400);
    const queue = set.queue(JOBS.syncIncremental.queue, 'hs-1');
    await scheduler.syncNow('hs-1', 'contacts');
    await scheduler.syncNow('hs-1', 'contacts', 3_000);
    advance(100);
    await scheduler.syncNow('hs-1', 'contacts', 3_000); // due in the same second: the same job
    const waiting = await queue.getWaiting();
    const delayed = await queue.getDelayed();
    expect(waiting.map((j) => j.id)).toEqual(['sync-now.hs-1.contacts.1000']);
    expect(delayed.map((j) => [j.id, j.opts.delay])).toEqual([['sync-now.hs-1.contacts.1003', 3_000]]);
  });

  it('tries again when an add failed, instead of remembering the window as scheduled', async () => {
    const { scheduler, queue } = setUp(1_000_000);
    vi.spyOn(queue, 'add').mockRejectedValueOnce(new Error('Redis is away'));
    await expect(scheduler.ingest('hs-1')).rejects.toThrow('Redis is away');
    await scheduler.ingest('hs-1');
    expect(await queue.getDelayedCount()).toBe(1);
  });
});
