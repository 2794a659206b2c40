import type { Person } from '../../src/domain/entities.js';
import { matchRecordFromPerson } from '../../src/matching/match-record.js';
import { prepareRecord, type PreparedRecord } from '../../src/matching/prepare-record.js';
import type { JobDeps } from '../../src/queue/pipeline-deps.js';
import type { RedisMatchIndex } from '../../src/store/redis-match-index.js';

/** The people one dedupe run has read, and those it found gone. */
export interface DedupeBatch {
  readonly people: Map<string, Person>;
  readonly prepared: Map<string, PreparedRecord>;
  readonly gone: Set<string>;
  /** Records that pointed at a gone one: checked again by a later run. */
  readonly recheck: Set<string>;
  /** Loads unseen ids from the mirror; ids the mirror no longer has leave the index. */
  load(ids: Iterable<string>): Promise<void>;
}

export function createDedupeBatch(
  deps: Pick<JobDeps, 'mirror' | 'duplicates'>,
  connection: string,
  index: RedisMatchIndex,
  defaultCountry: string | null,
): DedupeBatch {
  const batch: DedupeBatch = {
    people: new Map(),
    prepared: new Map(),
    gone: new Set(),
    recheck: new Set(),
    async load(ids) {
      const { people, prepared, gone } = batch;
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
        prepared.set(id, prepareRecord({ ...matchRecordFromPerson(person), phoneRegion: defaultCountry }));
      });
      if (missing.length === 0) return;
      await index.remove(missing);
      for (const id of await deps.duplicates.forget(connection, missing)) batch.recheck.add(id);
    },
  };
  return batch;
}
