import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderRecord } from '../../../connectors/port.js';
import { createLogger } from '../../../src/core/logger.js';
import { createMetrics } from '../../../src/core/metrics.js';
import type { CanonicalEntity } from '../../../src/domain/entities.js';
import { ingestAndFanOut } from '../../../src/ingest/ingest-and-fan-out.js';
import { toMappingRecord } from '../../../src/ingest/ingest-records.js';
import { mapRecord } from '../../../mappings/engine.js';
import type { JobScheduler } from '../../../src/queue/job-scheduler.js';
import type { JobDeps } from '../../../src/queue/pipeline-deps.js';
import { createKeySpace } from '../../../src/store/keys.js';
import { createStores } from '../../../src/store/stores.js';
import { deleteKeys, testPrefix, workerRedis } from '../../helpers/redis.js';
import { loadDefaultMapping } from '../../mappings/load-default.js';

/**
 * The gap between saving a record into the mirror and enqueuing its decision jobs: a worker SIGKILLed
 * (or Redis restarting, or a reply lost) in between used to leave the mirror up to date and the jobs
 * never enqueued, so the re-read of the same record saw "unchanged" and the contact never got its
 * duplicate status. Here the enqueue fails once, as the kill would cut it.
 */
const redis = workerRedis();
const mapping = loadDefaultMapping('hubspot');
const log = createLogger({ level: 'silent' });
const metrics = createMetrics();
let prefix = testPrefix();

const contact = (id: string, email: string): ProviderRecord => ({
  objectType: 'contacts',
  id,
  fields: {
    email,
    firstname: 'Ada',
    lastname: 'Lovelace',
    lifecyclestage: 'lead',
    createdate: '2026-01-01T00:00:00Z',
  },
  modifiedAt: '2026-01-01T00:00:00Z',
  deleted: false,
});

/** Records every person id sent to detect-duplicates; the first `failures` calls throw, as a kill would. */
function recordingScheduler(failures: number): JobScheduler & { people: string[][] } {
  let left = failures;
  const people: string[][] = [];
  const none = async (): Promise<void> => undefined;
  return {
    people,
    ingest: none,
    writeBack: none,
    syncNow: none,
    attributeDeals: none,
    reviewRegistrations: none,
    detectDuplicates: async (_c, ids) => {
      if (ids.length === 0) return;
      if (left > 0) {
        left -= 1;
        throw new Error('worker killed before the enqueue');
      }
      people.push([...ids]);
    },
  };
}

function depsWith(scheduler: JobScheduler): JobDeps {
  const stores = createStores(redis, createKeySpace(prefix), { now: () => Date.now() });
  return {
    ...stores,
    log,
    metrics,
    scheduler,
    now: () => Date.now(),
    connections: { get: () => undefined, list: () => [] },
  };
}

const ingest = (deps: JobDeps, records: ProviderRecord[], goneIds: string[] = []) =>
  ingestAndFanOut(deps, { connectionId: 'hs', objectType: 'contacts', records, goneIds, mapping, log });

beforeEach(() => {
  prefix = testPrefix();
});
afterAll(async () => {
  await deleteKeys(redis, 'test-*:{hs}:mirror:*');
  redis.disconnect();
});

describe('mirror outbox: no fan-out is lost between saving a record and enqueuing its jobs', () => {
  it('a record saved but never fanned out is fanned out when it is applied again', async () => {
    const crashing = recordingScheduler(1);
    await expect(ingest(depsWith(crashing), [contact('101', 'ada@example.com')])).rejects.toThrow(/killed/);
    expect(crashing.people).toEqual([]);

    // The retry (the inbox entry was not acknowledged) re-reads the unchanged record.
    const retry = recordingScheduler(0);
    const result = await ingest(depsWith(retry), [contact('101', 'ada@example.com')]);
    expect(result.changes.map((c) => [c.id, c.change])).toEqual([['101', 'created']]);
    expect(retry.people).toEqual([['101']]);

    // Settled: a redelivered webhook for the same record is no new work.
    const again = recordingScheduler(0);
    expect((await ingest(depsWith(again), [contact('101', 'ada@example.com')])).changes).toEqual([]);
    expect(again.people).toEqual([]);
  });

  it('a change applied twice before its fan-out (a re-sent command, two workers) is reported by both', async () => {
    const deps = depsWith(recordingScheduler(0));
    const first = await deps.mirror.applyRecord('hs', 'contacts', '7', []);
    expect(first.changes).toEqual([]);
    const person = (email: string): CanonicalEntity => {
      const mapped = mapRecord(mapping, 'contacts', toMappingRecord(mapping, contact('7', email)), {
        connection: 'hs',
      });
      if (!mapped.ok || mapped.entities[0] === undefined) throw new Error('contact did not map');
      return mapped.entities[0].entity;
    };
    const a = await deps.mirror.applyRecord('hs', 'contacts', '7', [person('a@example.com')]);
    const b = await deps.mirror.applyRecord('hs', 'contacts', '7', [person('a@example.com')]);
    expect(a.changes.map((c) => c.change)).toEqual(['created']);
    expect(b.changes.map((c) => c.change)).toEqual(['created']);
    // The first settle is stale (the second apply holds the field); only the second one clears it.
    if (a.receipt === null || b.receipt === null) throw new Error('expected receipts');
    await deps.mirror.settle('hs', [a.receipt]);
    const c = await deps.mirror.applyRecord('hs', 'contacts', '7', [person('a@example.com')]);
    expect(c.changes.map((x) => x.change)).toEqual(['created']);
    if (c.receipt === null) throw new Error('expected a receipt');
    await deps.mirror.settle('hs', [c.receipt]);
    expect((await deps.mirror.applyRecord('hs', 'contacts', '7', [person('a@example.com')])).changes).toEqual(
      [],
    );
  });

  it('a removal cut off before its fan-out is reported again, though the record no longer names the entity', async () => {
    const ok = recordingScheduler(0);
    await ingest(depsWith(ok), [contact('202', 'grace@example.com')]);
    expect(ok.people).toEqual([['202']]);

    const crashing = recordingScheduler(1);
    await expect(ingest(depsWith(crashing), [], ['202'])).rejects.toThrow(/killed/);

    const retry = recordingScheduler(0);
    const result = await ingest(depsWith(retry), [], ['202']);
    expect(result.changes.map((c) => [c.id, c.change])).toEqual([['202', 'removed']]);
    expect(retry.people).toEqual([['202']]);
  });
});
