import type { CrmFields, CrmValue, PendingWrite, WriteOperation } from '../../src/store/write-back-store.js';

export interface PlannedWrite {
  readonly pending: PendingWrite;
  /** Only the fields whose value differs from what we last wrote (all of them for a first write). */
  readonly changed: CrmFields;
}

export interface WriteGroup {
  readonly objectType: string;
  readonly operation: WriteOperation;
  readonly idField: string;
  readonly writes: readonly PlannedWrite[];
}

export interface WritePlan {
  readonly noops: readonly PendingWrite[];
  readonly groups: readonly WriteGroup[];
}

/**
 * Pure: pending requests against the values last written → the writes still needed, grouped so each
 * group goes out in vendor-sized batches. A request that changes nothing is a no-op and costs no call.
 */
export function planWrites(
  pending: readonly PendingWrite[],
  lastWritten: readonly (Readonly<Record<string, CrmValue>> | null)[],
): WritePlan {
  const noops: PendingWrite[] = [];
  const groups = new Map<
    string,
    { objectType: string; operation: WriteOperation; idField: string; writes: PlannedWrite[] }
  >();
  pending.forEach((p, i) => {
    const last = lastWritten[i] ?? null;
    const changed: Record<string, CrmValue> = {};
    for (const [field, value] of Object.entries(p.request.fields)) {
      if (last === null || !Object.hasOwn(last, field) || last[field] !== value) changed[field] = value;
    }
    // A delete has no fields; whether the row exists is the write-back job's question.
    if (Object.keys(changed).length === 0 && p.request.operation !== 'delete') {
      noops.push(p);
      return;
    }
    const { objectType, operation, idField } = p.request;
    const key = `${objectType}|${operation}|${idField}`;
    const group = groups.get(key) ?? { objectType, operation, idField, writes: [] };
    group.writes.push({ pending: p, changed });
    groups.set(key, group);
  });
  return { noops, groups: [...groups.values()] };
}
