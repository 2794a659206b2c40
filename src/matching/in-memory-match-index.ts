import { blockingKeys, isStrongKey } from './blocking-keys.js';
import { keyHash } from './key-hash.js';
import type { MatchIndex, MatchIndexOptions } from './match-index.js';
import type { PreparedRecord } from './prepare-record.js';

type Postings = number | number[];

/**
 * {@link MatchIndex} in process memory. Keys are stored as 53-bit hashes mapping to record slots
 * (a bare number while a key has one record), so a million leads fit in a few hundred MiB.
 */
export class InMemoryMatchIndex implements MatchIndex {
  private readonly postings = new Map<number, Postings>();
  private readonly slots: (PreparedRecord | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly maxPostings: number;
  private readonly maxCandidates: number;

  constructor(options: MatchIndexOptions = {}) {
    this.maxPostings = options.maxPostings ?? 200;
    this.maxCandidates = options.maxCandidates ?? 200;
  }

  /** Synchronous insert for bulk loading; `upsert` wraps it. */
  add(record: PreparedRecord): void {
    this.delete(record.id);
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = record;
    this.slotOf.set(record.id, slot);
    for (const key of new Set(blockingKeys(record))) {
      const hash = keyHash(key);
      const list = this.postings.get(hash);
      if (list === undefined) this.postings.set(hash, slot);
      else if (typeof list === 'number') this.postings.set(hash, [list, slot]);
      else list.push(slot);
    }
  }

  /** Synchronous removal; `remove` wraps it. */
  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const record = this.slots[slot];
    this.slotOf.delete(id);
    this.slots[slot] = undefined;
    this.freeSlots.push(slot);
    if (record === undefined) return;
    for (const key of new Set(blockingKeys(record))) {
      const hash = keyHash(key);
      const list = this.postings.get(hash);
      if (list === undefined) continue;
      if (typeof list === 'number') {
        if (list === slot) this.postings.delete(hash);
        continue;
      }
      const at = list.indexOf(slot);
      if (at < 0) continue;
      list[at] = list[list.length - 1] ?? slot;
      list.pop();
      if (list.length === 1) this.postings.set(hash, list[0] ?? slot);
    }
  }

  /** Synchronous candidate lookup; `candidates` wraps it. */
  lookup(record: PreparedRecord, limit = this.maxCandidates): PreparedRecord[] {
    const found = new Set<number>();
    for (const key of new Set(blockingKeys(record))) {
      const list = this.postings.get(keyHash(key));
      if (list === undefined) continue;
      if (typeof list === 'number') {
        found.add(list);
        continue;
      }
      if (list.length > this.maxPostings && !isStrongKey(key)) continue;
      for (const slot of list) found.add(slot);
    }
    const out: PreparedRecord[] = [];
    for (const slot of found) {
      const candidate = this.slots[slot];
      if (candidate !== undefined && candidate.id !== record.id) out.push(candidate);
    }
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.length > limit ? out.slice(0, limit) : out;
  }

  upsert(records: readonly PreparedRecord[]): Promise<void> {
    for (const record of records) this.add(record);
    return Promise.resolve();
  }

  remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.delete(id);
    return Promise.resolve();
  }

  candidates(record: PreparedRecord, limit?: number): Promise<readonly PreparedRecord[]> {
    return Promise.resolve(this.lookup(record, limit));
  }

  size(): Promise<number> {
    return Promise.resolve(this.slotOf.size);
  }
}
