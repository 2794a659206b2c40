import type { Person } from '../../src/domain/entities.js';
import { checkRecord } from '../../src/matching/check-record.js';
import { createPersonMatcher, type PersonMatch } from '../../src/matching/match-people.js';
import { applyPairReviews } from '../../src/matching/pair-review.js';
import { withPopulationPrior } from '../../src/matching/population-prior.js';
import { duplicateStatus, type DuplicateStatus } from '../../src/matching/duplicate-status.js';
import { DetectDuplicatesData, JOBS } from '../../src/queue/job-names.js';
import { crossConnectionLinks } from './cross-connection-links.js';
import { createDedupeBatch } from './dedupe-batch.js';
import { recordCrmDismissals } from './record-crm-dismissals.js';
import { writeStatuses } from './write-statuses.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { defineJob } from '../../src/queue/job-definition.js';

/** Matches of one record whose status is re-decided with it (the best ones). */
const MAX_NEIGHBOURS = 50;
/** Renewed while held; a SIGKILLed holder blocks the connection's dedupe for at most ttlMs. */
const LEASE = { ttlMs: 15_000, waitMs: 60_000 };

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
  async run({ connection, personIds }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const mapping = await runtime.mapping();
    // The connection's thresholds (changed through the admin API's duplicates what-if).
    const { duplicates } = await deps.rules.get(connection);
    const index = deps.matchIndex(connection);
    return deps.leases.run(connection, 'dedupe', LEASE, async () => {
      const matcher = withPopulationPrior(
        deps.personMatcher ?? createPersonMatcher({ thresholds: duplicates }),
        await index.size(),
      );
      const batch = createDedupeBatch(deps, connection, index, runtime.config.defaultCountry ?? null);
      const { people, prepared, gone } = batch;
      const ids = [...new Set(personIds)].sort();
      await batch.load(ids);
      const live = ids.filter((id) => people.has(id));
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
      await batch.load(affected);
      // A rep's "Not a duplicate" on any of these records is recorded before anything is decided.
      const dismissalsSeen = await recordCrmDismissals(deps, connection, [...affected], people);

      const ownMatches: [Person, PersonMatch[]][] = [];
      for (const id of [...affected].sort()) {
        const person = people.get(id);
        if (person === undefined) continue;
        const own = await matches(id);
        await batch.load(own.map((m) => otherId(m, id)));
        ownMatches.push([person, own]);
      }
      const pairs = ownMatches.flatMap(([, own]) => own.map((m) => [m.leftId, m.rightId] as const));
      const reviewed = await deps.pairReviews.get(connection, pairs);
      const decided = ownMatches.map(([person, own]): [Person, DuplicateStatus] => [
        person,
        duplicateStatus(person, applyPairReviews(own, reviewed), people),
      ]);
      const { writes, unmapped } = await writeStatuses(deps, connection, mapping, decided, ctx.log, people);

      const links = await crossConnectionLinks(
        deps,
        deps.duplicates,
        connection,
        live.map((id) => prepared.get(id)).filter((r) => r !== undefined),
      );
      const toRecheck = [...batch.recheck].filter((id) => !affected.has(id) && !gone.has(id));
      await deps.scheduler.detectDuplicates(connection, toRecheck);
      const count = (s: DuplicateStatus['duplicateStatus']): number =>
        decided.filter(([, d]) => d.duplicateStatus === s).length;
      return {
        indexed: live.length,
        removed: gone.size,
        decided: decided.length,
        duplicates: count('duplicate'),
        possible: count('possible'),
        dismissalsSeen,
        writes,
        unmapped,
        links,
        rechecks: toRecheck.length,
      };
    });
  },
});
