import type { Person } from '../src/domain/entities.js';
import { checkRecord } from '../src/matching/check-record.js';
import { matchRecordFromPerson } from '../src/matching/match-record.js';
import { createPersonMatcher, type PersonMatch } from '../src/matching/match-people.js';
import { applyPairReviews, crmDismissals, keepsDismissal } from '../src/matching/pair-review.js';
import { prepareRecord, type PreparedRecord } from '../src/matching/prepare-record.js';
import { duplicateStatus, sameStatus, type DuplicateStatus } from '../src/pipeline/duplicate-status.js';
import { DetectDuplicatesData, JOBS } from '../src/pipeline/job-names.js';
import { crossConnectionLinks } from '../src/pipeline/cross-connection-links.js';
import { personWriteBack } from '../src/pipeline/person-write-back.js';
import { requireConnection, type PipelineDeps } from '../src/pipeline/pipeline-deps.js';
import { defineJob } from '../src/queue/job-definition.js';
import { createDuplicateStore } from '../src/store/duplicate-store.js';
import { createRedisMatchIndex } from '../src/store/redis-match-index.js';
import { createPairReviewStore } from '../src/store/pair-review-store.js';
import { writeKey, type WriteBackRequest } from '../src/store/write-back-store.js';
import { withLease } from '../src/store/with-lease.js';

/** Matches of one record whose status is re-decided with it (the best ones). */
const MAX_NEIGHBOURS = 50;
/** Renewed while held; a SIGKILLed holder blocks the connection's dedupe for at most ttlMs. */
const LEASE = { ttlMs: 15_000, waitMs: 60_000 };
const defaultMatcher = createPersonMatcher();

const otherId = (m: PersonMatch, id: string): string => (m.leftId === id ? m.rightId : m.leftId);

/**
 * Keeps the connection's match index in step with the mirror and writes each person's duplicate
 * fields. For every id: a person still in the mirror is (re-)indexed; one that is gone (deleted, merged
 * away, privacy-deleted) leaves the index, and the records that pointed at it are scheduled for a new
 * check. Then the batch and everyone it matches are re-decided from their own matches (survivor rule:
 * Contact over Lead, oldest, smallest id), so whichever record is processed first, both sides of a pair
 * end up showing the same thing. Runs under a per-connection lease so decisions never interleave.
 * Never merges: it flags and explains.
 */
export const detectDuplicates = defineJob({
  ...JOBS.detectDuplicates,
  schema: DetectDuplicatesData,
  async run({ connection, personIds }, deps: PipelineDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const mapping = await runtime.mapping();
    const index = createRedisMatchIndex(deps.redis, deps.keys, connection);
    const store = createDuplicateStore(deps.redis, deps.keys);
    const reviews = createPairReviewStore(deps.redis, deps.keys);
    const matcher = deps.personMatcher ?? defaultMatcher;
    const leaseKey = deps.keys.connection(connection, 'lock', 'dedupe');
    return withLease(deps.redis, leaseKey, LEASE, async () => {
      const people = new Map<string, Person>();
      const prepared = new Map<string, PreparedRecord>();
      const gone = new Set<string>();
      const recheck = new Set<string>();
      /** Loads unseen ids from the mirror; ids the mirror no longer has leave the index. */
      const load = async (ids: Iterable<string>): Promise<void> => {
        const unseen = [...new Set(ids)].filter((id) => !people.has(id) && !gone.has(id)).sort();
        if (unseen.length === 0) return;
        const found = await deps.mirror.getMany(connection, 'person', unseen);
        const missing: string[] = [];
        unseen.forEach((id, i) => {
          const person = found[i]?.entity ?? null;
          if (person === null) {
            missing.push(id);
            gone.add(id);
            return;
          }
          people.set(id, person);
          // The connection's default region travels with the record into the index, so a national
          // number without a country is read the same way whenever the record is re-prepared.
          const record = {
            ...matchRecordFromPerson(person),
            phoneRegion: runtime.config.defaultCountry ?? null,
          };
          prepared.set(id, prepareRecord(record));
        });
        if (missing.length === 0) return;
        await index.remove(missing);
        for (const id of await store.forget(connection, missing)) recheck.add(id);
      };

      const batch = [...new Set(personIds)].sort();
      await load(batch);
      const live = batch.filter((id) => people.has(id));
      await index.upsert(live.map((id) => prepared.get(id)).filter((r) => r !== undefined));

      const matchesOf = new Map<string, PersonMatch[]>();
      const matches = async (id: string): Promise<PersonMatch[]> => {
        const record = prepared.get(id);
        if (record === undefined) return [];
        const cached = matchesOf.get(id) ?? (await checkRecord(index, matcher, record));
        matchesOf.set(id, cached);
        return cached;
      };
      const affected = new Set(live);
      for (const id of live)
        for (const m of (await matches(id)).slice(0, MAX_NEIGHBOURS)) affected.add(otherId(m, id));
      await load(affected);
      // A rep's "Not a duplicate" on any of these records is recorded before anything is decided.
      const shown = [...affected].flatMap((id) => people.get(id) ?? []).filter((p) => p.duplicateDismissed);
      const flaggedOf = await store.statuses(
        connection,
        shown.map((p) => p.id),
      );
      const seen = crmDismissals(
        shown,
        flaggedOf.map((s) => s?.duplicateOf ?? null),
      );
      for (const review of seen) await reviews.dismiss(connection, review);

      const ownMatches: [Person, PersonMatch[]][] = [];
      for (const id of [...affected].sort()) {
        const person = people.get(id);
        if (person === undefined) continue;
        const own = await matches(id);
        await load(own.map((m) => otherId(m, id)));
        ownMatches.push([person, own]);
      }
      const pairs = ownMatches.flatMap(([, own]) => own.map((m) => [m.leftId, m.rightId] as const));
      const reviewed = await reviews.get(connection, pairs);
      const decided = ownMatches.map(([person, own]): [Person, DuplicateStatus] => [
        person,
        duplicateStatus(person, applyPairReviews(own, reviewed), people),
      ]);

      const previous = await store.statuses(
        connection,
        decided.map(([p]) => p.id),
      );
      const requests: WriteBackRequest[] = [];
      const changed: [string, DuplicateStatus][] = [];
      const rewritten: string[] = [];
      let unmapped = 0;
      decided.forEach(([person, computed], i) => {
        const prev = previous[i] ?? null;
        const dismissed = person.duplicateDismissed === true;
        // Nothing left to flag on a dismissed record: it keeps "Not a duplicate" (nothing is written).
        const status: DuplicateStatus = keepsDismissal(
          computed.duplicateStatus,
          prev?.duplicateStatus ?? null,
          dismissed,
        )
          ? {
              ...(prev ?? computed),
              duplicateStatus: 'dismissed',
              duplicateOf: person.dismissedDuplicateOf ?? prev?.duplicateOf ?? null,
            }
          : computed;
        if (sameStatus(prev, status)) return;
        if (status.duplicateStatus === 'dismissed') {
          changed.push([person.id, status]);
          return;
        }
        const planned = personWriteBack(mapping, connection, person, status);
        if (!planned.ok) {
          unmapped += 1;
          ctx.log.warn({ id: person.id, issue: planned.message }, 'duplicate fields not written');
          return;
        }
        requests.push(planned.request);
        changed.push([person.id, status]);
        // The rep changed the status since our last write: write every field again, not only those
        // that differ from what we wrote then.
        if (dismissed) rewritten.push(writeKey(planned.request));
      });
      if (rewritten.length > 0) await deps.writeBack.forget(connection, rewritten);
      await deps.writeBack.enqueue(connection, requests);
      for (const [id, status] of changed) await store.save(connection, id, status);
      if (requests.length > 0) await deps.scheduler.writeBack(connection);

      const links = await crossConnectionLinks(
        deps,
        store,
        connection,
        live.map((id) => prepared.get(id)).filter((r) => r !== undefined),
      );
      const toRecheck = [...recheck].filter((id) => !affected.has(id) && !gone.has(id));
      await deps.scheduler.detectDuplicates(connection, toRecheck);
      const count = (s: DuplicateStatus['duplicateStatus']): number =>
        decided.filter(([, d]) => d.duplicateStatus === s).length;
      return {
        indexed: live.length,
        removed: gone.size,
        decided: decided.length,
        duplicates: count('duplicate'),
        possible: count('possible'),
        dismissalsSeen: seen.length,
        writes: requests.length,
        unmapped,
        links,
        rechecks: toRecheck.length,
      };
    });
  },
});
