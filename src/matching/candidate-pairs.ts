import { blockingKeys, isNameOnlyKey } from './blocking-keys.js';
import { keyHash } from './key-hash.js';
import type { RecordList } from './person-columns.js';
import type { PreparedRecord } from './prepare-record.js';
import { personSortKey } from './person-sort-key.js';

export interface CandidatePairOptions {
  /** Blocks up to this size compare every pair; larger blocks compare sorted neighbours only. */
  readonly maxBlockSize?: number;
  /** Neighbours compared on each side in an oversized block (sorted by surname, given name, email, id). */
  readonly window?: number;
  /**
   * The same for name-only keys ({@link isNameOnlyKey}): a block of people who share nothing but the
   * sound of a common name grows with the square of the file, and its pairs rarely reach a threshold.
   */
  readonly maxNameBlockSize?: number;
  readonly nameWindow?: number;
  /** Given each record once, in index order, as its blocking keys are read (to count its terms in the same pass). */
  readonly onRecord?: (record: PreparedRecord) => void;
}

/** A growable Float64Array. */
class NumberBuffer {
  data = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

function sortKey(records: RecordList, index: number): string {
  if (records.sortKey !== undefined) return records.sortKey(index);
  const r = records.at(index);
  return r === undefined ? '' : personSortKey(r.lastName, r.firstName, r.email?.address ?? null, r.id);
}

/**
 * Sorts the members of one oversized block by their sort keys, made for this block only: holding a
 * key for every record of a million-record file at once cost ~100 MB at the peak of a run.
 */
function sortBySortKey(members: number[], records: RecordList): void {
  const keyed = members.map((index) => ({ index, key: sortKey(records, index) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.index - y.index));
  keyed.forEach((entry, k) => (members[k] = entry.index));
}

/**
 * A block of a name-only key ("John Smith" sounds) compares every pair up to this size, and beyond it
 * each record with this many sorted neighbours on each side. Such pairs rarely reach a threshold on
 * names alone (the fewer the more records there are: see `population-prior.ts`), and in a file of a
 * million people the name blocks made more than half of all candidates; records that share an email,
 * a phone, an employer or an address meet through those keys whatever the name blocks do.
 */
export const NAME_BLOCK_ALL_PAIRS = 8;
export const NAME_WINDOW = 2;

/**
 * Candidate pairs of a batch, as sorted distinct codes `i * n + j` (i < j, indexes into `records`).
 * Every (blocking key hash, record index) is packed into one float and the array sorted natively, so
 * a million records with a dozen keys each block in a few seconds and ~100 MB. Blocks larger than
 * `maxBlockSize` fall back to a sorted-neighbourhood window, so a stop key costs O(n·w), not O(n²).
 */
export function candidatePairs(records: RecordList, options: CandidatePairOptions = {}): Float64Array {
  const maxBlock = options.maxBlockSize ?? 64;
  const window = options.window ?? 8;
  const maxNameBlock = Math.min(maxBlock, options.maxNameBlockSize ?? NAME_BLOCK_ALL_PAIRS);
  const nameWindow = Math.min(window, options.nameWindow ?? NAME_WINDOW);
  const n = records.length;
  const idxBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const idxScale = 2 ** idxBits;
  // The lowest bit of a key's hash tells name-only keys apart (their blocks are capped lower).
  const hashScale = 2 ** (52 - idxBits);
  const entries = new NumberBuffer();
  for (let i = 0; i < n; i++) {
    const record = records.at(i);
    if (record === undefined) continue;
    options.onRecord?.(record);
    for (const key of new Set(blockingKeys(record))) {
      const code = (keyHash(key) % hashScale) * 2 + (isNameOnlyKey(key) ? 1 : 0);
      entries.push(code * idxScale + i);
    }
  }
  const sorted = entries.sorted();
  const pairs = new NumberBuffer();
  const push = (x: number, y: number): void => {
    if (x !== y) pairs.push(x < y ? x * n + y : y * n + x);
  };
  let start = 0;
  while (start < sorted.length) {
    const block = Math.floor((sorted[start] ?? 0) / idxScale);
    let end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] ?? 0) / idxScale) === block) end++;
    const size = end - start;
    const nameOnly = block % 2 === 1;
    const cap = nameOnly ? maxNameBlock : maxBlock;
    const reach = nameOnly ? nameWindow : window;
    if (size > 1) {
      const members: number[] = [];
      for (let k = start; k < end; k++) members.push((sorted[k] ?? 0) % idxScale);
      if (size <= cap) {
        for (let x = 0; x < size; x++)
          for (let y = x + 1; y < size; y++) push(members[x] ?? 0, members[y] ?? 0);
      } else {
        sortBySortKey(members, records);
        for (let x = 0; x < size; x++) {
          for (let y = x + 1; y <= x + reach && y < size; y++) push(members[x] ?? 0, members[y] ?? 0);
        }
      }
    }
    start = end;
  }
  const all = pairs.sorted();
  let distinct = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[distinct++] = all[k] ?? 0;
  // Copy, so the (up to twice as large) growth buffer can be freed.
  return all.slice(0, distinct);
}
