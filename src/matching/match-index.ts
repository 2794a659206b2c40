import type { PreparedRecord } from './prepare-record.js';

/**
 * A blocking index over people: which stored records share a blocking key with a given one. The
 * in-memory implementation serves the CLI's single checks, tests and benchmarks; a Redis-backed one
 * (a set per hashed blocking key, a hash per record, per connection) implements the same shape so all
 * workers share one index. Every method is async for that reason.
 */
export interface MatchIndex {
  /** Adds records, replacing any stored record with the same id. */
  upsert(records: readonly PreparedRecord[]): Promise<void>;
  /** Removes records (delete, merge, privacy deletion). Unknown ids are ignored. */
  remove(ids: readonly string[]): Promise<void>;
  /**
   * Stored records that share at least one blocking key with `record`, itself excluded, ordered by id
   * and capped at `limit`. Frequent non-identifying keys (a very common name) are skipped.
   */
  candidates(record: PreparedRecord, limit?: number): Promise<readonly PreparedRecord[]>;
  size(): Promise<number>;
}

export interface MatchIndexOptions {
  /** A non-identifying key shared by more records than this is treated as a stop key. */
  readonly maxPostings?: number;
  /** Default cap on candidates returned for one record. */
  readonly maxCandidates?: number;
}
