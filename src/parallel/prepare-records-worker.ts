import type { MatchRecord } from '../matching/match-record.js';
import { preparedFieldsOf, preparerFor } from '../matching/prepare-record.js';
import type { PreparedFields } from '../matching/prepare-record.js';

/** One batch for a worker thread: the records to normalise and the default phone region. */
export interface PrepareTask {
  readonly records: readonly MatchRecord[];
  readonly defaultCountry: string | null;
}

let preparer: { country: string | null; prepare: ReturnType<typeof preparerFor> } | null = null;

/**
 * Runs in a worker thread (piscina): normalises a batch of records. The source record stays with the
 * caller, which holds it already; only the normalised fields travel back.
 */
export default function prepareRecords(task: PrepareTask): PreparedFields[] {
  // One preparer per thread and region, so its phone cache lives across batches.
  if (preparer?.country !== task.defaultCountry)
    preparer = {
      country: task.defaultCountry,
      prepare: preparerFor({ defaultCountry: task.defaultCountry }),
    };
  const prepare = preparer.prepare;
  return task.records.map((record) => preparedFieldsOf(prepare(record)));
}
