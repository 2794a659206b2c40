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

const mappingKeys = (keys: KeySpace, id: string) => ({
  seq: keys.connection(id, 'mapping', 'seq'),
  versions: keys.connection(id, 'mapping', 'versions'),
  stack: keys.connection(id, 'mapping', 'active'),
  audit: keys.connection(id, 'mapping', 'audit'),
});

/** What the store's steps share: the client, the key space, the clock and the parsed-version cache. */
interface StoreContext {
  readonly redis: RedisClient;
  readonly keys: KeySpace;
  readonly now: () => number;
  readonly fallback: (connectionId: string) => Mapping | undefined;
  readonly parsed: Map<string, Mapping>;
}

async function readVersion(ctx: StoreContext, id: string, version: number): Promise<MappingVersion | null> {
  const raw = await ctx.redis.hget(mappingKeys(ctx.keys, id).versions, String(version));
  return raw === null ? null : parseVersion(version, raw);
}

async function parsedVersion(ctx: StoreContext, id: string, version: number): Promise<Mapping | null> {
  const cached = ctx.parsed.get(`${id}:${version}`);
  if (cached !== undefined) return cached;
  const stored = await readVersion(ctx, id, version);
  if (stored === null) return null;
  const result = validateMapping(stored.text, `${id}@v${version}`);
  if (!result.ok) {
    const issues = result.issues.map((i) => ({ path: i.path, message: i.message }));
    throw new MappingError(`stored mapping version ${version} of ${id} no longer validates`, '', {
      issues,
    });
  }
  ctx.parsed.set(`${id}:${version}`, result.mapping);
  return result.mapping;
}

/** The diff from one version (null = the mapping file) to another; empty when `to` does not exist. */
async function diffBetween(
  ctx: StoreContext,
  id: string,
  from: number | null,
  to: number | null,
): Promise<MappingDiff> {
  const baseOf = async (version: number | null) =>
    version === null ? (ctx.fallback(id) ?? null) : parsedVersion(ctx, id, version);
  const after = await baseOf(to);
  if (after === null) return { added: [], removed: [], changed: [] };
  return diffMappings(await baseOf(from), after);
}

/**
 * Moves the activation stack (activate pushes `to`, rollback pops) and audits it in one script call; the
 * script refuses when the stack moved since it was read, and the switch is then planned again.
 */
async function switchActive(
  ctx: StoreContext,
  id: string,
  action: 'activate' | 'rollback',
  actor: string,
  target: (stack: string[]) => number | null | 'none',
): Promise<{ result: ActivateResult; active?: number | null }> {
  const k = mappingKeys(ctx.keys, id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const stack = await ctx.redis.lrange(k.stack, 0, 1);
    const from = numberOrNull(stack[0]);
    const to = target(stack);
    if (to === 'none') return { result: { ok: false, reason: 'nothing_to_roll_back' } };
    if (action === 'activate' && to === from) return { result: { ok: true, entry: null } };
    if (action === 'activate' && to !== null && (await readVersion(ctx, id, to)) === null)
      return { result: { ok: false, reason: 'no_such_version' } };
    const diff = await diffBetween(ctx, id, from, to);
    const at = new Date(ctx.now()).toISOString();
    const entry: MappingAuditEntry = { at, actor, action, from, to, summary: summarizeDiff(diff), diff };
    const push = action === 'rollback' ? '' : String(to);
    const r = await SWITCH_ACTIVE.run(
      ctx.redis,
      [k.stack, k.audit, k.versions],
      [stack[0] ?? '', push, JSON.stringify(entry)],
    );
    if (r === -1) return { result: { ok: false, reason: 'no_such_version' } };
    if (r === -2) return { result: { ok: false, reason: 'nothing_to_roll_back' } };
    if (r === 1) return { result: { ok: true, entry }, active: to };
  }
  throw new Error(`mapping of ${id} changed concurrently; try again`);
}

/** Stores a new immutable version and audits it against the version active now. */
async function putVersion(
  ctx: StoreContext,
  id: string,
  input: PutMappingInput,
  activeVersion: (id: string) => Promise<number | null>,
): Promise<{ version: MappingVersionInfo; entry: MappingAuditEntry }> {
  const k = mappingKeys(ctx.keys, id);
  const version = await ctx.redis.incr(k.seq);
  const createdAt = new Date(ctx.now()).toISOString();
  const info: MappingVersionInfo = {
    version,
    format: input.format,
    author: input.author,
    createdAt,
    note: input.note,
  };
  const stored = { format: info.format, author: info.author, createdAt, note: info.note, text: input.text };
  await ctx.redis.hset(k.versions, String(version), JSON.stringify(stored));
  const from = await activeVersion(id);
  const diff = await diffBetween(ctx, id, from, version);
  const entry: MappingAuditEntry = {
    at: createdAt,
    actor: input.author,
    action: 'put',
    from,
    to: version,
    summary: summarizeDiff(diff),
    diff,
  };
  await ctx.redis
    .multi()
    .lpush(k.audit, JSON.stringify(entry))
    .ltrim(k.audit, 0, AUDIT_MAX - 1)
    .exec();
  return { version: info, entry };
}

export function createMappingStore(
  redis: RedisClient,
  keys: KeySpace,
  options: MappingStoreOptions = {},
): MappingStore {
  const ctx: StoreContext = {
    redis,
    keys,
    now: options.now ?? Date.now,
    fallback: options.fallback ?? (() => undefined),
    parsed: new Map(),
  };
  const ttl = options.pointerTtlMs ?? 1_000;
  const pointers = new Map<string, { version: number | null; at: number }>();
  const switchTo = async (
    id: string,
    action: 'activate' | 'rollback',
    actor: string,
    target: (stack: string[]) => number | null | 'none',
  ): Promise<ActivateResult> => {
    const { result, active } = await switchActive(ctx, id, action, actor, target);
    if (active !== undefined) pointers.set(id, { version: active, at: ctx.now() });
    return result;
  };
  const store: MappingStore = {
    put: (id, input) => putVersion(ctx, id, input, (i) => store.activeVersion(i)),
    get: (id, version) => readVersion(ctx, id, version),
    async list(id) {
      const all = await redis.hgetall(mappingKeys(keys, id).versions);
      return Object.entries(all)
        .map(([v, raw]) => parseVersion(Number(v), raw))
        .sort((a, b) => a.version - b.version)
        .map((v) => MappingVersionInfo.parse(v));
    },
    async activeVersion(id) {
      return numberOrNull(await redis.lindex(mappingKeys(keys, id).stack, 0));
    },
    activate: (id, version, actor) => switchTo(id, 'activate', actor, () => version),
    rollback: (id, actor) =>
      switchTo(id, 'rollback', actor, (stack) => (stack.length === 0 ? 'none' : numberOrNull(stack[1]))),
    async audit(id, limit = 100) {
      const rows = await redis.lrange(mappingKeys(keys, id).audit, 0, limit - 1);
      return rows.map(parseAudit);
    },
    mappingOf: (id, version) => parsedVersion(ctx, id, version),
    async activeMapping(id, fallback) {
      let pointer = pointers.get(id);
      if (pointer === undefined || ctx.now() - pointer.at >= ttl) {
        pointer = { version: await store.activeVersion(id), at: ctx.now() };
        pointers.set(id, pointer);
      }
      if (pointer.version === null) return fallback;
      return (await parsedVersion(ctx, id, pointer.version)) ?? fallback;
    },
  };
  return store;
}
