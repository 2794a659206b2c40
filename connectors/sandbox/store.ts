/** In-memory records per object type with timestamps, soft delete (recycle bin) and change listeners. */
export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;

/** Who made a change: the sandbox user, and the API client/app when written through the API. */
export interface Actor {
  readonly userId: string;
  readonly appId?: string | undefined;
  readonly clientId?: string | undefined;
  /** One API request's changes share this (a Salesforce transaction); change events group by it. */
  readonly transactionId?: string | undefined;
}

export interface StoredRecord {
  readonly id: string;
  readonly type: string;
  fields: Fields;
  readonly createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  readonly createdBy: string;
  updatedBy: string;
}

export type ChangeKind = 'create' | 'update' | 'delete' | 'restore' | 'purge' | 'merge';

export interface RecordChange {
  readonly kind: ChangeKind;
  readonly record: StoredRecord;
  /** Field names whose value changed (create: every field set). */
  readonly changed: readonly string[];
  readonly actor: Actor;
  readonly at: number;
  /** For merges: the surviving record's id. */
  readonly mergedInto?: string;
  /** For merges whose survivor is a new record: the primary it replaced. */
  readonly mergePrimary?: string;
}

export type ChangeListener = (change: RecordChange) => void;

export interface RecordStoreOptions {
  readonly newId: (type: string) => string;
  readonly now?: (() => number) | undefined;
}

export class RecordStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly listeners = new Set<ChangeListener>();
  readonly now: () => number;

  constructor(private readonly options: RecordStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private table(type: string): Map<string, StoredRecord> {
    let t = this.tables.get(type);
    if (!t) {
      t = new Map();
      this.tables.set(type, t);
    }
    return t;
  }

  private emit(change: RecordChange): void {
    for (const l of this.listeners) l(change);
  }

  create(type: string, fields: Fields, actor: Actor, id?: string): StoredRecord {
    const rec = this.put(type, fields, actor, id);
    this.emit({ kind: 'create', record: rec, changed: Object.keys(fields), actor, at: rec.createdAt });
    return rec;
  }

  /** Stores a new record without a change event (a merge's new record, announced by the merge). */
  put(type: string, fields: Fields, actor: Actor, id?: string): StoredRecord {
    const at = this.now();
    const rec: StoredRecord = {
      id: id ?? this.options.newId(type),
      type,
      fields: { ...fields },
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    };
    this.table(type).set(rec.id, rec);
    return rec;
  }

  /** Applies a patch; returns the names of fields whose value actually changed. */
  update(type: string, id: string, patch: Fields, actor: Actor): readonly string[] {
    const rec = this.get(type, id);
    if (!rec) throw new Error(`no live ${type} ${id}`);
    const changed = Object.keys(patch).filter((k) => rec.fields[k] !== patch[k]);
    const at = this.now();
    rec.fields = { ...rec.fields, ...patch };
    rec.updatedAt = at;
    rec.updatedBy = actor.userId;
    if (changed.length > 0) this.emit({ kind: 'update', record: rec, changed, actor, at });
    return changed;
  }

  /** Live record (not in the recycle bin). */
  get(type: string, id: string): StoredRecord | undefined {
    const rec = this.tables.get(type)?.get(id);
    return rec && rec.deletedAt === null ? rec : undefined;
  }

  /** Live or deleted record. */
  getAny(type: string, id: string): StoredRecord | undefined {
    return this.tables.get(type)?.get(id);
  }

  list(type: string, includeDeleted = false): StoredRecord[] {
    const all = [...(this.tables.get(type)?.values() ?? [])];
    return includeDeleted ? all : all.filter((r) => r.deletedAt === null);
  }

  types(): string[] {
    return [...this.tables.keys()];
  }

  softDelete(
    type: string,
    id: string,
    actor: Actor,
    kind: 'delete' | 'merge' = 'delete',
    mergedInto?: string,
    changed: readonly string[] = [],
    mergePrimary?: string,
  ): boolean {
    const rec = this.get(type, id);
    if (!rec) return false;
    const at = this.now();
    rec.deletedAt = at;
    rec.updatedAt = at;
    rec.updatedBy = actor.userId;
    this.emit({
      kind,
      record: rec,
      changed,
      actor,
      at,
      ...(mergedInto ? { mergedInto } : {}),
      ...(mergePrimary ? { mergePrimary } : {}),
    });
    return true;
  }

  restore(type: string, id: string, actor: Actor): boolean {
    const rec = this.tables.get(type)?.get(id);
    if (!rec || rec.deletedAt === null) return false;
    const at = this.now();
    rec.deletedAt = null;
    rec.updatedAt = at;
    rec.updatedBy = actor.userId;
    this.emit({ kind: 'restore', record: rec, changed: [], actor, at });
    return true;
  }

  /** Removes a record for good (hard delete, GDPR delete). */
  purge(type: string, id: string, actor: Actor): boolean {
    const rec = this.tables.get(type)?.get(id);
    if (!rec) return false;
    this.tables.get(type)?.delete(id);
    this.emit({ kind: 'purge', record: rec, changed: [], actor, at: this.now() });
    return true;
  }

  count(type: string, includeDeleted = false): number {
    return this.list(type, includeDeleted).length;
  }
}
