import type { RedisClient } from '../queue/redis.js';
import type { CanonicalEntity, EntityKind } from '../domain/entities.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';
import { APPLY, newToken, SETTLE, type MirrorReceipt } from './mirror-outbox.js';

/**
 * The connection's mirror of canonical entities in Redis: one hash per entity kind (id → JSON), plus
 * which entities each CRM record produced, so a deleted or merged-away record takes its entities with
 * it. Content is compared as JSON, so re-reading an unchanged record (a redelivered webhook, our own
 * write echoing back with only our fields changed) reports nothing changed and causes no new work.
 */
export interface MirrorChange {
  readonly kind: EntityKind;
  readonly id: string;
  readonly change: 'created' | 'updated' | 'removed';
  readonly entity: CanonicalEntity | null;
  readonly previous: CanonicalEntity | null;
}

/** What one apply changed, and the receipt to `settle` once the jobs those changes need are enqueued. */
export interface AppliedRecord {
  readonly changes: MirrorChange[];
  readonly receipt: MirrorReceipt | null;
}

export interface Mirror {
  /**
   * Replaces everything one CRM record maps to; `entities` empty when the record is gone. Changes are
   * reported against the record's last settled state: until `settle`, applying it again (after a crash
   * between this write and the fan-out) reports the same changes again rather than none.
   */
  applyRecord(
    connectionId: string,
    objectType: string,
    recordId: string,
    entities: readonly CanonicalEntity[],
  ): Promise<AppliedRecord>;
  /** The fan-out of these applies is done (their decision jobs are enqueued). */
  settle(connectionId: string, receipts: readonly MirrorReceipt[]): Promise<void>;
  get<K extends EntityKind>(
    connectionId: string,
    kind: K,
    id: string,
  ): Promise<Extract<CanonicalEntity, { kind: K }> | null>;
  getMany<K extends EntityKind>(
    connectionId: string,
    kind: K,
    ids: readonly string[],
  ): Promise<(Extract<CanonicalEntity, { kind: K }> | null)[]>;
  /** Every entity of a kind (admin tools, recompute, reports; bounded by the caller's data size). */
  scan<K extends EntityKind>(
    connectionId: string,
    kind: K,
  ): AsyncIterable<Extract<CanonicalEntity, { kind: K }>>;
  count(connectionId: string, kind: EntityKind): Promise<number>;
}

const REFS_ONLY = luaScript(`return redis.call('HGET', KEYS[1], ARGV[1])`);

type EntityOf<K extends EntityKind> = Extract<CanonicalEntity, { kind: K }>;

function isKind<K extends EntityKind>(entity: CanonicalEntity | null, kind: K): entity is EntityOf<K> {
  return entity !== null && entity.kind === kind;
}

interface Produced {
  readonly kind: EntityKind;
  readonly id: string;
}

/** The entities of a `getMany` answer that the mirror still holds (missing ones dropped). */
export const presentEntities = <T>(xs: readonly ({ entity: T } | null)[]): T[] =>
  xs.flatMap((x) => (x === null ? [] : [x.entity]));

interface Touched {
  readonly kind: EntityKind;
  readonly id: string;
  readonly next: CanonicalEntity | null;
}

const decode = (json: string | null): CanonicalEntity | null =>
  json === null || json === '' ? null : (JSON.parse(json) as CanonicalEntity);

/**
 * The changes of one apply: each touched entity against its value before (from the script), plus
 * `extra` quads (hashKey, id, old, current) an earlier unsettled apply touched and this one did not.
 */
function reportChanges(
  touched: readonly Touched[],
  olds: readonly string[],
  extra: readonly string[],
): MirrorChange[] {
  const changes: MirrorChange[] = [];
  const report = (
    kind: EntityKind,
    id: string,
    oldJson: string,
    nextJson: string,
    next: CanonicalEntity | null,
  ): void => {
    if (oldJson === nextJson) return;
    const previous = decode(oldJson);
    const change = next === null ? 'removed' : previous === null ? 'created' : 'updated';
    if (change === 'removed' && previous === null) return;
    changes.push({ kind, id, change, entity: next, previous });
  };
  touched.forEach((t, i) =>
    report(t.kind, t.id, olds[i] ?? '', t.next === null ? '' : JSON.stringify(t.next), t.next),
  );
  for (let i = 0; i + 3 < extra.length; i += 4) {
    const [id = '', old = '', current = ''] = extra.slice(i + 1, i + 4);
    const kind = (decode(old) ?? decode(current))?.kind;
    if (kind !== undefined) report(kind, id, old, current, decode(current));
  }
  return changes;
}

export function createMirror(redis: RedisClient, keys: KeySpace): Mirror {
  const entityKey = (connectionId: string, kind: EntityKind): string =>
    keys.connection(connectionId, 'mirror', kind);
  const refsKey = (connectionId: string): string => keys.connection(connectionId, 'mirror', 'refs');
  const outboxKey = (connectionId: string): string => keys.connection(connectionId, 'mirror', 'outbox');
  return {
    async applyRecord(connectionId, objectType, recordId, entities) {
      const refField = `${objectType}|${recordId}`;
      const oldRaw = (await REFS_ONLY.run(redis, [refsKey(connectionId)], [refField])) as string | null;
      const oldProduced: Produced[] = oldRaw === null ? [] : (JSON.parse(oldRaw) as Produced[]);
      const produced: Produced[] = entities.map((e) => ({ kind: e.kind, id: e.entity.id }));
      const gone = oldProduced.filter((o) => !produced.some((p) => p.kind === o.kind && p.id === o.id));
      const args: string[] = [refField, JSON.stringify(produced)];
      const touched: Touched[] = [];
      for (const e of entities) {
        args.push(entityKey(connectionId, e.kind), e.entity.id, JSON.stringify(e));
        touched.push({ kind: e.kind, id: e.entity.id, next: e });
      }
      for (const g of gone) {
        args.push(entityKey(connectionId, g.kind), g.id, '');
        touched.push({ kind: g.kind, id: g.id, next: null });
      }
      const token = newToken();
      const [olds, extra] = (await APPLY.run(
        redis,
        [refsKey(connectionId), outboxKey(connectionId)],
        [...args.slice(0, 2), token, ...args.slice(2)],
      )) as [string[], string[]];
      const changes = reportChanges(touched, olds, extra);
      return { changes, receipt: changes.length === 0 ? null : { field: refField, token } };
    },
    async settle(connectionId, receipts) {
      if (receipts.length === 0) return;
      await SETTLE.run(
        redis,
        [outboxKey(connectionId)],
        receipts.flatMap((r) => [r.field, r.token]),
      );
    },
    async get(connectionId, kind, id) {
      const entity = decode(await redis.hget(entityKey(connectionId, kind), id));
      return isKind(entity, kind) ? entity : null;
    },
    async getMany(connectionId, kind, ids) {
      if (ids.length === 0) return [];
      const rows = await redis.hmget(entityKey(connectionId, kind), ...ids);
      return rows.map((r) => {
        const entity = decode(r);
        return isKind(entity, kind) ? entity : null;
      });
    },
    async *scan(connectionId, kind) {
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(entityKey(connectionId, kind), cursor, 'COUNT', 500);
        cursor = next;
        for (let i = 1; i < flat.length; i += 2) {
          const entity = decode(flat[i] ?? null);
          if (isKind(entity, kind)) yield entity;
        }
      } while (cursor !== '0');
    },
    count: (connectionId, kind) => redis.hlen(entityKey(connectionId, kind)),
  };
}
