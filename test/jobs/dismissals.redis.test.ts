import { afterEach, describe, expect, it } from 'vitest';
import { allJobs } from '../../jobs/index.js';
import { detectDuplicates } from '../../jobs/detect-duplicates/detect-duplicates.js';
import { backfillCheckpoint } from '../../src/cli/backfill-command.js';
import { createLogger } from '../../src/core/logger.js';
import type { AdminDeps } from '../../src/http/admin/admin-deps.js';
import { explainRoute } from '../../src/http/admin/get-explain.js';
import { createPersonMatcher } from '../../src/matching/match-people.js';
import { mappingSources } from '../../src/ingest/mapping-sources.js';
import { requireConnection } from '../../src/queue/pipeline-deps.js';
import { syncPages } from '../../jobs/sync-incremental/sync-pages.js';
import { createMappingStore } from '../../src/store/mapping-store.js';
import { createPairReviewStore } from '../../src/store/pair-review-store.js';
import { startDedupeHarness, type DedupeHarness } from './dedupe-harness.js';
import {
  HS_FIELDS,
  SF_FIELDS,
  seedHubspotPeople,
  seedSalesforcePeople,
  shownFields,
  type Ids,
} from './dedupe-scenario.js';

const log = createLogger({ level: 'silent' });
const ctx = { log, signal: new AbortController().signal, jobId: 't', attemptsMade: 0 };
const SF_TYPES = ['Lead', 'Contact'];
const HS_TYPES = ['contacts'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let harness: DedupeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const CASES = [
  { conn: 'sf', types: SF_TYPES, names: SF_FIELDS, rep: { userId: '0055e00000RepUsAAA' } },
  { conn: 'hs', types: HS_TYPES, names: HS_FIELDS, rep: { userId: '4242' } },
] as const;

function adminDeps(h: DedupeHarness): AdminDeps {
  return {
    log,
    tokens: { adminToken: 'dismissals-test-admin-token-0123456789', connections: [] },
    connections: h.deps.connections,
    mappings: createMappingStore(h.deps.redis, h.deps.keys),
    writeBack: h.deps.writeBack,
    fileMapping: () => undefined,
    queues: [],
  };
}

describe("a rep's Not a duplicate", () => {
  it.each(CASES)(
    '$conn: the dismissed pair stays dismissed through a backfill and a threshold change, and the explain API names the rep',
    async ({ conn, types, names, rep }) => {
      let ids: Ids = new Map();
      const h = await startDedupeHarness(allJobs, ({ sf, hs, clock }) => {
        ids = conn === 'sf' ? seedSalesforcePeople(sf, clock) : seedHubspotPeople(hs, clock);
      });
      harness = h;
      const store = conn === 'sf' ? h.sf.store : h.hs.store;
      const sync = (): Promise<void> => h.sync(conn === 'sf' ? { sf: types } : { hs: types });
      await sync();
      const jon = ids.get('jon');
      const jonathan = ids.get('jonathan');
      if (jon === undefined || jonathan === undefined) throw new Error('seed');
      expect(shownFields(store, ids, names)['jon']).toMatchObject({ status: 'Duplicate', of: 'jonathan' });
      const reviews = createPairReviewStore(h.deps.redis, h.deps.keys);
      // Our own flags coming back are not dismissals.
      expect(await reviews.ofRecord(conn, jon.id)).toEqual([]);

      store.update(jon.objectType, jon.id, { [names.status]: 'Not a duplicate' }, rep);
      const dismissedAt = store.getAny(jon.objectType, jon.id)?.updatedAt ?? 0;
      // Incremental listings end one whole second before now.
      await sleep(2_100);
      await sync();
      const recorded = await reviews.ofRecord(conn, jon.id);
      expect(recorded).toEqual([
        {
          a: [jon.id, jonathan.id].sort()[0],
          b: [jon.id, jonathan.id].sort()[1],
          verdict: 'dismissed',
          by: rep.userId,
          at: new Date(dismissedAt).toISOString(),
          source: 'crm',
        },
      ]);

      // A full re-sync, then every record re-decided with new thresholds under which no pair is
      // certain enough for "Duplicate": every other flag changes to "Possible Duplicate".
      const runtime = requireConnection(h.deps, conn);
      for (const objectType of mappingSources(await runtime.mapping()))
        await syncPages({
          deps: h.deps,
          connection: conn,
          objectType,
          checkpoint: backfillCheckpoint(objectType),
          signal: ctx.signal,
          log,
        });
      await h.idle();
      const lower = createPersonMatcher({ thresholds: { duplicate: 1.01, possible: 0.2 } });
      await detectDuplicates.run(
        { connection: conn, personIds: [...ids.values()].map((r) => r.id) },
        { ...h.deps, personMatcher: lower },
        ctx,
      );
      await h.deps.scheduler.writeBack(conn);
      await h.idle();

      const shown = shownFields(store, ids, names);
      expect(shown['jon']?.status).toBe('Not a duplicate');
      expect(shown['jonathan']?.status).toBe('Unique');
      // The rep's change is the last one on the record: nothing of ours was written over it.
      expect(store.getAny(jon.objectType, jon.id)?.updatedBy).toBe(rep.userId);
      // Other pairs are flagged under the new thresholds.
      expect(shown['samuel']).toMatchObject({ status: 'Possible Duplicate', of: 'sam' });
      expect(await reviews.ofRecord(conn, jon.id)).toEqual(recorded);

      const explained = await explainRoute({ stores: h.deps }).invoke(
        {
          params: { id: conn, object: 'person', recordId: jon.id },
          actor: { scope: 'all', identity: 'admin' },
        },
        adminDeps(h),
      );
      expect(explained).toMatchObject({
        object: 'person',
        explanation: {
          status: { duplicateStatus: 'dismissed', duplicateOf: jonathan.id },
          reviews: [{ verdict: 'dismissed', by: rep.userId, at: new Date(dismissedAt).toISOString() }],
        },
      });
    },
  );
});
