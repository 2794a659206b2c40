import type { RedisClient } from '../queue/redis.js';
import type { CanonicalEntity, EntityKind } from '../domain/entities.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

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

export interface Mirror {
  /** Replaces everything one CRM record maps to; `entities` empty when the record is gone. */
  applyRecord(
    connectionId: string,
    objectType: string,
    recordId: string,
    entities: readonly CanonicalEntity[],
  ): Promise<MirrorChange[]>;
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

// KEYS: [1] refs hash; ARGV: [1] ref field, [2] new produced list JSON, [3..] pairs (hashKey, id, json|'' )
// Writes every produced entity, deletes ones no longer produced, returns old JSON of each touched entity.
const APPLY = luaScript(`
local oldList = redis.call('HGET', KEYS[1], ARGV[1])
local result = {}
for i = 3, #ARGV, 3 do
  local key, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local old = redis.call('HGET', key, id)
  table.insert(result, old or '')
  if json == '' then
    if old then redis.call('HDEL', key, id) end
  elseif old ~= json then
    redis.call('HSET', key, id, json)
  end
end
if ARGV[2] == '[]' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return result
`);

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

export function createMirror(redis: RedisClient, keys: KeySpace): Mirror {
  const entityKey = (connectionId: string, kind: EntityKind): string =>
    keys.connection(connectionId, 'mirror', kind);
  const refsKey = (connectionId: string): string => keys.connection(connectionId, 'mirror', 'refs');
  const decode = (json: string | null): CanonicalEntity | null =>
    json === null || json === '' ? null : (JSON.parse(json) as CanonicalEntity);

  return {
    async applyRecord(connectionId, objectType, recordId, entities) {
      const refField = `${objectType}|${recordId}`;
      const oldRaw = (await REFS_ONLY.run(redis, [refsKey(connectionId)], [refField])) as string | null;
      const oldProduced: Produced[] = oldRaw === null ? [] : (JSON.parse(oldRaw) as Produced[]);
      const produced: Produced[] = entities.map((e) => ({ kind: e.kind, id: e.entity.id }));
      const gone = oldProduced.filter((o) => !produced.some((p) => p.kind === o.kind && p.id === o.id));
      const args: string[] = [refField, JSON.stringify(produced)];
      const touched: { kind: EntityKind; id: string; next: CanonicalEntity | null }[] = [];
      for (const e of entities) {
        args.push(entityKey(connectionId, e.kind), e.entity.id, JSON.stringify(e));
        touched.push({ kind: e.kind, id: e.entity.id, next: e });
      }
      for (const g of gone) {
        args.push(entityKey(connectionId, g.kind), g.id, '');
        touched.push({ kind: g.kind, id: g.id, next: null });
      }
      const olds = (await APPLY.run(redis, [refsKey(connectionId)], args)) as string[];
      const changes: MirrorChange[] = [];
      touched.forEach((t, i) => {
        const oldJson = olds[i] ?? '';
        const nextJson = t.next === null ? '' : JSON.stringify(t.next);
        if (oldJson === nextJson) return;
        const previous = decode(oldJson);
        const change = t.next === null ? 'removed' : previous === null ? 'created' : 'updated';
        if (change === 'removed' && previous === null) return;
        changes.push({ kind: t.kind, id: t.id, change, entity: t.next, previous });
      });
      return changes;
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
