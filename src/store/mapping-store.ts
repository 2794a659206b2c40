import type { RedisClient } from '../queue/redis.js';
import { type Mapping, validateMapping } from '../../mappings/index.js';
import { diffMappings, type MappingDiff, summarizeDiff } from '../admin/diff-mappings.js';
import { MappingError } from '../core/errors/index.js';
import type { KeySpace } from './keys.js';
import { AUDIT_MAX, numberOrNull, SWITCH_ACTIVE } from './mapping-activation-script.js';
import {
  type MappingAuditEntry,
  type MappingVersion,
  MappingVersionInfo,
  parseAudit,
  parseVersion,
} from './mapping-version.js';

export type { MappingAuditEntry, MappingVersion, MappingVersionInfo } from './mapping-version.js';

export interface PutMappingInput {
  /** The validated text (YAML or JSON) exactly as stored. */
  readonly text: string;
  readonly format: 'yaml' | 'json';
  readonly author: string;
  readonly note: string | null;
}

export type ActivateResult =
  | { readonly ok: true; readonly entry: MappingAuditEntry | null }
  | { readonly ok: false; readonly reason: 'no_such_version' | 'nothing_to_roll_back' };

/**
 * Versioned mappings per connection in Redis: immutable numbered versions, an activation stack (its top
 * is the active version; empty = the connection's mapping file) and an audit log.
 */
export interface MappingStore {
  /** Stores a new immutable version (not activated) and audits it. */
  put(
    connectionId: string,
    input: PutMappingInput,
  ): Promise<{ version: MappingVersionInfo; entry: MappingAuditEntry }>;
  get(connectionId: string, version: number): Promise<MappingVersion | null>;
  list(connectionId: string): Promise<MappingVersionInfo[]>;
  /** `null` when no stored version is active (the mapping file applies). */
  activeVersion(connectionId: string): Promise<number | null>;
  activate(connectionId: string, version: number, actor: string): Promise<ActivateResult>;
  /** Re-activates the version that was active before the current one (or the mapping file). */
  rollback(connectionId: string, actor: string): Promise<ActivateResult>;
  audit(connectionId: string, limit?: number): Promise<MappingAuditEntry[]>;
  /** A parsed stored version (cached: versions never change). */
  mappingOf(connectionId: string, version: number): Promise<Mapping | null>;
  /** The hook `buildConnections` takes: the active stored version, or `fallback`. */
  activeMapping(connectionId: string, fallback: Mapping): Promise<Mapping>;
}

export interface MappingStoreOptions {
  readonly now?: () => number;
  /** How long the active pointer is cached per process; keeps a newly activated version live within this. */
  readonly pointerTtlMs?: number;
  /** The connection's mapping file, the base of diffs while no stored version is active. */
  readonly fallback?: (connectionId: string) => Mapping | undefined;
}

export function createMappingStore(
  redis: RedisClient,
  keys: KeySpace,
  options: MappingStoreOptions = {},
): MappingStore {
  const now = options.now ?? Date.now;
  const ttl = options.pointerTtlMs ?? 1_000;
  const k = (id: string) => ({
    seq: keys.connection(id, 'mapping', 'seq'),
    versions: keys.connection(id, 'mapping', 'versions'),
    stack: keys.connection(id, 'mapping', 'active'),
    audit: keys.connection(id, 'mapping', 'audit'),
  });
  const parsed = new Map<string, Mapping>();
  const pointers = new Map<string, { version: number | null; at: number }>();

  async function mappingOf(id: string, version: number): Promise<Mapping | null> {
    const cached = parsed.get(`${id}:${version}`);
    if (cached !== undefined) return cached;
    const stored = await get(id, version);
    if (stored === null) return null;
    const result = validateMapping(stored.text, `${id}@v${version}`);
    if (!result.ok) {
      const issues = result.issues.map((i) => ({ path: i.path, message: i.message }));
      throw new MappingError(`stored mapping version ${version} of ${id} no longer validates`, '', {
        issues,
      });
    }
    parsed.set(`${id}:${version}`, result.mapping);
    return result.mapping;
  }

  async function get(id: string, version: number): Promise<MappingVersion | null> {
    const raw = await redis.hget(k(id).versions, String(version));
    return raw === null ? null : parseVersion(version, raw);
  }

  async function baseOf(id: string, version: number | null): Promise<Mapping | null> {
    return version === null ? (options.fallback?.(id) ?? null) : mappingOf(id, version);
  }

  async function diffBetween(id: string, from: number | null, to: number | null): Promise<MappingDiff> {
    const after = await baseOf(id, to);
    if (after === null) return { added: [], removed: [], changed: [] };
    return diffMappings(await baseOf(id, from), after);
  }

  async function switchTo(
    id: string,
    action: 'activate' | 'rollback',
    actor: string,
    target: (stack: string[]) => number | null | 'none',
  ): Promise<ActivateResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stack = await redis.lrange(k(id).stack, 0, 1);
      const from = numberOrNull(stack[0]);
      const to = target(stack);
      if (to === 'none') return { ok: false, reason: 'nothing_to_roll_back' };
      if (action === 'activate' && to === from) return { ok: true, entry: null };
      if (action === 'activate' && to !== null && (await get(id, to)) === null)
        return { ok: false, reason: 'no_such_version' };
      const diff = await diffBetween(id, from, to);
      const entry: MappingAuditEntry = {
        at: new Date(now()).toISOString(),
        actor,
        action,
        from,
        to,
        summary: summarizeDiff(diff),
        diff,
      };
      const push = action === 'rollback' ? '' : String(to);
      const r = await SWITCH_ACTIVE.run(
        redis,
        [k(id).stack, k(id).audit, k(id).versions],
        [stack[0] ?? '', push, JSON.stringify(entry)],
      );
      if (r === -1) return { ok: false, reason: 'no_such_version' };
      if (r === -2) return { ok: false, reason: 'nothing_to_roll_back' };
      if (r === 1) {
        pointers.set(id, { version: to, at: now() });
        return { ok: true, entry };
      }
    }
    throw new Error(`mapping of ${id} changed concurrently; try again`);
  }

  const store: MappingStore = {
    async put(id, input) {
      const version = await redis.incr(k(id).seq);
      const createdAt = new Date(now()).toISOString();
      const info: MappingVersionInfo = {
        version,
        format: input.format,
        author: input.author,
        createdAt,
        note: input.note,
      };
      const stored = {
        format: info.format,
        author: info.author,
        createdAt,
        note: info.note,
        text: input.text,
      };
      await redis.hset(k(id).versions, String(version), JSON.stringify(stored));
      const from = await store.activeVersion(id);
      const diff = await diffBetween(id, from, version);
      const entry: MappingAuditEntry = {
        at: createdAt,
        actor: input.author,
        action: 'put',
        from,
        to: version,
        summary: summarizeDiff(diff),
        diff,
      };
      await redis
        .multi()
        .lpush(k(id).audit, JSON.stringify(entry))
        .ltrim(k(id).audit, 0, AUDIT_MAX - 1)
        .exec();
      return { version: info, entry };
    },
    get,
    async list(id) {
      const all = await redis.hgetall(k(id).versions);
      return Object.entries(all)
        .map(([v, raw]) => parseVersion(Number(v), raw))
        .sort((a, b) => a.version - b.version)
        .map((v) => MappingVersionInfo.parse(v));
    },
    async activeVersion(id) {
      return numberOrNull(await redis.lindex(k(id).stack, 0));
    },
    activate: (id, version, actor) => switchTo(id, 'activate', actor, () => version),
    rollback: (id, actor) =>
      switchTo(id, 'rollback', actor, (stack) => (stack.length === 0 ? 'none' : numberOrNull(stack[1]))),
    async audit(id, limit = 100) {
      const rows = await redis.lrange(k(id).audit, 0, limit - 1);
      return rows.map(parseAudit);
    },
    mappingOf,
    async activeMapping(id, fallback) {
      let pointer = pointers.get(id);
      if (pointer === undefined || now() - pointer.at >= ttl) {
        pointer = { version: await store.activeVersion(id), at: now() };
        pointers.set(id, pointer);
      }
      if (pointer.version === null) return fallback;
      return (await mappingOf(id, pointer.version)) ?? fallback;
    },
  };
  return store;
}
