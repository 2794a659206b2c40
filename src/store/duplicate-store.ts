import type { RedisClient } from '../queue/redis.js';
import { z } from 'zod';
import type { DuplicateStatus } from '../matching/duplicate-status.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

const StoredStatus = z.object({
  duplicateStatus: z.enum(['unique', 'possible', 'duplicate', 'dismissed']),
  duplicateOf: z.string().nullable(),
  duplicateScore: z.number().nullable(),
  duplicateReason: z.string().nullable(),
});

/** A person in another connection that matches one of ours (the same person in two CRMs). */
export const CrossConnectionLink = z.object({
  connection: z.string(),
  id: z.string(),
  score: z.number(),
  decision: z.enum(['duplicate', 'possible']),
  reason: z.string(),
});
export type CrossConnectionLink = z.infer<typeof CrossConnectionLink>;

/**
 * Per connection: the status each person was last given (`status` hash), who points at whom
 * (`pointers` hash: survivor id → the ids flagged as its duplicates, space-separated) so a deleted
 * survivor's duplicates are re-checked, and cross-connection links (`links` hash).
 */
export interface DuplicateStore {
  statuses(connectionId: string, ids: readonly string[]): Promise<(DuplicateStatus | null)[]>;
  /** Up to `limit` records whose last status is one of `wanted`, smallest id first. */
  flagged(
    connectionId: string,
    wanted: readonly DuplicateStatus['duplicateStatus'][],
    limit: number,
  ): Promise<{ id: string; status: DuplicateStatus }[]>;
  /** Saves a status and moves the record between survivors' pointer lists, atomically. */
  save(connectionId: string, id: string, status: DuplicateStatus): Promise<void>;
  /** Forgets removed records; returns the ids that pointed at any of them. */
  forget(connectionId: string, ids: readonly string[]): Promise<string[]>;
  setLinks(connectionId: string, id: string, links: readonly CrossConnectionLink[]): Promise<void>;
  links(connectionId: string, id: string): Promise<CrossConnectionLink[]>;
  /** Adds or replaces one link of a record (the reverse side of a link found from the other CRM). */
  addLink(connectionId: string, id: string, link: CrossConnectionLink): Promise<void>;
}

// KEYS: status, pointers; ARGV: id, status JSON ('' = forget), new survivor id ('' = none).
// Returns the ids that pointed at `id` when forgetting it.
const SAVE = luaScript(`
local id, json, newOf = ARGV[1], ARGV[2], ARGV[3]
local function unlink(of)
  local list = redis.call('HGET', KEYS[2], of)
  if not list then return end
  local kept = {}
  for x in string.gmatch(list, '%S+') do if x ~= id then kept[#kept + 1] = x end end
  if #kept == 0 then redis.call('HDEL', KEYS[2], of) else redis.call('HSET', KEYS[2], of, table.concat(kept, ' ')) end
end
local old = redis.call('HGET', KEYS[1], id)
local oldOf = ''
if old then
  local decoded = cjson.decode(old).duplicateOf
  if type(decoded) == 'string' then oldOf = decoded end
end
if oldOf ~= newOf and oldOf ~= '' then unlink(oldOf) end
if json == '' then
  redis.call('HDEL', KEYS[1], id)
  local pointing = redis.call('HGET', KEYS[2], id)
  redis.call('HDEL', KEYS[2], id)
  return pointing or ''
end
if oldOf ~= newOf and newOf ~= '' then
  local list = redis.call('HGET', KEYS[2], newOf)
  redis.call('HSET', KEYS[2], newOf, list and (list .. ' ' .. id) or id)
end
redis.call('HSET', KEYS[1], id, json)
return ''
`);

export function createDuplicateStore(redis: RedisClient, keys: KeySpace): DuplicateStore {
  const k = (c: string) => ({
    status: keys.connection(c, 'dedupe', 'status'),
    pointers: keys.connection(c, 'dedupe', 'pointers'),
    links: keys.connection(c, 'dedupe', 'links'),
  });
  const links = async (c: string, id: string): Promise<CrossConnectionLink[]> => {
    const raw = await redis.hget(k(c).links, id);
    return raw === null ? [] : z.array(CrossConnectionLink).parse(JSON.parse(raw));
  };
  return {
    async statuses(c, ids) {
      if (ids.length === 0) return [];
      const rows = await redis.hmget(k(c).status, ...ids);
      return rows.map((r) => (r === null ? null : StoredStatus.parse(JSON.parse(r))));
    },
    async flagged(c, wanted, limit) {
      const out: { id: string; status: DuplicateStatus }[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(k(c).status, cursor, 'COUNT', 1000);
        cursor = next;
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const id = flat[i];
          const raw = flat[i + 1];
          if (id === undefined || raw === undefined) continue;
          const status = StoredStatus.parse(JSON.parse(raw));
          if (wanted.includes(status.duplicateStatus)) out.push({ id, status });
        }
      } while (cursor !== '0');
      return out.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit);
    },
    async save(c, id, status) {
      const { status: s, pointers } = k(c);
      await SAVE.run(redis, [s, pointers], [id, JSON.stringify(status), status.duplicateOf ?? '']);
    },
    async forget(c, ids) {
      const { status: s, pointers, links } = k(c);
      const pointing = new Set<string>();
      for (const id of ids) {
        const list = (await SAVE.run(redis, [s, pointers], [id, '', ''])) as string;
        for (const x of list.split(' ')) if (x !== '') pointing.add(x);
      }
      if (ids.length > 0) await redis.hdel(links, ...ids);
      return [...pointing].sort();
    },
    async setLinks(c, id, links) {
      if (links.length === 0) await redis.hdel(k(c).links, id);
      else await redis.hset(k(c).links, id, JSON.stringify(links));
    },
    links,
    async addLink(c, id, link) {
      const kept = (await links(c, id)).filter((l) => l.connection !== link.connection || l.id !== link.id);
      const next = [...kept, link].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      await redis.hset(k(c).links, id, JSON.stringify(next));
    },
  };
}
