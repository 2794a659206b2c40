import { candidatePairs } from './candidate-pairs.js';
import { OrderedRecords, PersonColumns } from './person-columns.js';
import type { MatchRecord } from './match-record.js';
import { createPersonMatcher } from './match-people.js';
import type { PersonMatch, PersonMatcher } from './match-people.js';
import { preparerFor, withSource } from './prepare-record.js';
import type { PreparedFields } from './prepare-record.js';
import { scoreCandidates } from './score-candidates.js';
import { termCounter } from './term-frequencies.js';
import { ceilingFromSample } from './estimate-context-ceiling.js';
import { priorFromSample } from './estimate-prior.js';
import { sampleScoredPairs } from './sample-scored-pairs.js';

/** Candidate pairs scored for the prior and context-ceiling estimates, evenly spaced: cheap at 1M. */
const ESTIMATE_SAMPLE = 50_000;

export interface BulkDedupeOptions {
  readonly matcher?: PersonMatcher;
  /** Blocks up to this size compare every pair; larger blocks compare sorted neighbours only. */
  readonly maxBlockSize?: number;
  /** Neighbours compared on each side in an oversized block (sorted by name, email, id). */
  readonly window?: number;
  /** Restricts which pairs are scored, e.g. only across two files for record linkage. */
  readonly shouldCompare?: (a: MatchRecord, b: MatchRecord) => boolean;
  /**
   * Receives each pair at or above the `possible` threshold as it is scored, in (leftId, rightId)
   * order, instead of the result holding them all (`pairs` is then empty): a caller that writes pairs
   * out need not keep a million-record run's pairs, reasons and all, in memory at once.
   */
  readonly onPair?: (pair: PersonMatch) => void;
  /** Called every `progressEvery` records read, and once per phase. */
  readonly onProgress?: (event: BulkDedupeProgress) => void;
  readonly progressEvery?: number;
  /**
   * Estimate the context ceiling (how often two records sharing an employer or address are one person)
   * from the records themselves; default true. False keeps the matcher's own ceiling.
   */
  readonly estimateCeiling?: boolean;
  /**
   * Estimate the prior (how likely two records picked at random are one person) from the records
   * themselves; default true. It falls as the file grows, since more people share a name by chance.
   * False keeps the matcher's own prior.
   */
  readonly estimatePrior?: boolean;
  /** Region (ISO alpha-2) for national phone numbers of records without a country (`--country`). */
  readonly defaultCountry?: string | null;
  /**
   * Normalises batches of records elsewhere (worker threads) while this thread reads on; the result
   * is the same as without it.
   */
  readonly prepareBatch?: BatchPreparer;
}

/** Normalises a batch of records (as `preparerFor({ defaultCountry })` would), fields in record order. */
export type BatchPreparer = (
  records: readonly MatchRecord[],
  defaultCountry: string | null,
) => Promise<readonly PreparedFields[]>;

/** Records per batch handed to a {@link BatchPreparer}, and batches under way at once. */
const BATCH = 2048;
const IN_FLIGHT = 4;

export interface BulkDedupeProgress {
  readonly phase: 'read' | 'block' | 'score' | 'done';
  readonly done: number;
  readonly total: number | null;
}

export interface BulkDedupeResult {
  /** Pairs at or above the `possible` threshold, ordered by (leftId, rightId); empty with `onPair`. */
  readonly pairs: readonly PersonMatch[];
  readonly stats: {
    readonly records: number;
    readonly duplicateIdsDropped: number;
    readonly candidatePairs: number;
    /** Pairs found (held in `pairs` or given to `onPair`), and how many of them are duplicates. */
    readonly pairsFound: number;
    readonly duplicatePairs: number;
  };
}

/** True when each id is greater than the one before: an export in id order needs no sort, and has no repeats. */
function inIdOrder(columns: PersonColumns): boolean {
  for (let i = 1; i < columns.length; i++) if (!(columns.id(i - 1) < columns.id(i))) return false;
  return true;
}

/**
 * The records' indexes by id, one per id: of records sharing an id, the first by their whole content,
 * so which one is kept does not depend on input order.
 */
function orderById(columns: PersonColumns): Uint32Array {
  if (inIdOrder(columns)) return Uint32Array.from({ length: columns.length }, (_, i) => i);
  const order = Uint32Array.from({ length: columns.length }, (_, i) => i).sort((x, y) => {
    const a = columns.id(x);
    const b = columns.id(y);
    if (a !== b) return a < b ? -1 : 1;
    const hashA = columns.contentHash(x);
    const hashB = columns.contentHash(y);
    if (hashA !== hashB) return hashA - hashB;
    const packedA = columns.packed(x);
    const packedB = columns.packed(y);
    return packedA < packedB ? -1 : packedA > packedB ? 1 : 0;
  });
  let kept = 0;
  for (let k = 0; k < order.length; k++) {
    const index = order[k] ?? 0;
    if (k === 0 || columns.id(order[kept - 1] ?? 0) !== columns.id(index)) order[kept++] = index;
  }
  return order.slice(0, kept);
}

/**
 * Reads and normalises every record into columns (a million are held at once: see
 * {@link PersonColumns}), in this thread or, with `prepareBatch`, in batches elsewhere while this
 * thread reads on. Records keep their input order either way.
 */
async function readColumns(
  records: AsyncIterable<MatchRecord> | Iterable<MatchRecord>,
  options: BulkDedupeOptions,
  onRead: (done: number) => void,
): Promise<PersonColumns> {
  const country = options.defaultCountry ?? null;
  const read = new PersonColumns(options.shouldCompare !== undefined);
  const prepareBatch = options.prepareBatch;
  if (prepareBatch === undefined) {
    const prepare = preparerFor({ defaultCountry: country });
    for await (const record of records) {
      read.add(prepare(record));
      onRead(read.length);
    }
    return read;
  }
  const pending: { batch: MatchRecord[]; fields: Promise<readonly PreparedFields[]> }[] = [];
  const settle = async (): Promise<void> => {
    const next = pending.shift();
    if (next === undefined) return;
    const fields = await next.fields;
    next.batch.forEach((record, i) => {
      const prepared = fields[i];
      if (prepared === undefined) throw new Error(`record ${record.id} came back unprepared`);
      read.add(withSource(prepared, record));
      onRead(read.length);
    });
  };
  let batch: MatchRecord[] = [];
  const send = (): void => {
    const fields = prepareBatch(batch, country);
    // Awaited in order by settle(); a failure is thrown there, not reported as unhandled meanwhile.
    fields.catch(() => undefined);
    pending.push({ batch, fields });
    batch = [];
  };
  for await (const record of records) {
    batch.push(record);
    if (batch.length < BATCH) continue;
    send();
    if (pending.length >= IN_FLIGHT) await settle();
  }
  if (batch.length > 0) send();
  while (pending.length > 0) await settle();
  return read;
}

/**
 * Finds duplicate people in a whole file or table. Reads the records once, sorts them by id (so the
 * result does not depend on input order), blocks on `blockingKeys` held as hashed numbers in one
 * sorted typed array, scores each distinct candidate pair once, and returns the pairs that reach the
 * `possible` threshold with their reasons. Pure apart from the records it is given.
 */
export async function bulkDedupe(
  records: AsyncIterable<MatchRecord> | Iterable<MatchRecord>,
  options: BulkDedupeOptions = {},
): Promise<BulkDedupeResult> {
  const maxBlock = options.maxBlockSize ?? 64;
  const window = options.window ?? 8;
  const every = options.progressEvery ?? 50_000;
  const report = options.onProgress ?? ((): void => undefined);

  const read = await readColumns(records, options, (done) => {
    if (done % every === 0) report({ phase: 'read', done, total: null });
  });
  const prepared = new OrderedRecords(read, orderById(read));
  const n = prepared.length;
  report({ phase: 'block', done: 0, total: n });

  const terms = termCounter();
  const candidates = candidatePairs(prepared, { maxBlockSize: maxBlock, window, onRecord: terms.add });
  const tf = terms.frequencies();
  const base = options.matcher ?? createPersonMatcher();
  // One sample of scored candidates serves both estimates: neither depends on the prior or ceiling.
  const sample =
    options.estimateCeiling === false && options.estimatePrior === false
      ? []
      : sampleScoredPairs(prepared, candidates, base.weights, tf, ESTIMATE_SAMPLE);
  const ceiling = options.estimateCeiling === false ? null : ceilingFromSample(sample);
  const withCeiling: PersonMatcher =
    ceiling === null ? base : { ...base, weights: { ...base.weights, contextCeilingBits: ceiling } };
  const priorBits =
    options.estimatePrior === false
      ? null
      : priorFromSample(sample, withCeiling.weights, { records: n, candidates: candidates.length });
  const matcher: PersonMatcher =
    priorBits === null ? withCeiling : { ...withCeiling, weights: { ...withCeiling.weights, priorBits } };
  report({ phase: 'score', done: 0, total: candidates.length });
  const out: PersonMatch[] = [];
  const { found, duplicates } = scoreCandidates(
    prepared,
    candidates,
    matcher,
    tf,
    options.onPair ?? ((pair: PersonMatch): void => void out.push(pair)),
    {
      shouldCompare: options.shouldCompare,
      onProgress: (done) => report({ phase: 'score', done, total: candidates.length }),
      progressEvery: every * 20,
    },
  );
  report({ phase: 'done', done: found, total: found });
  return {
    pairs: out,
    stats: {
      records: n,
      duplicateIdsDropped: read.length - n,
      candidatePairs: candidates.length,
      pairsFound: found,
      duplicatePairs: duplicates,
    },
  };
}
