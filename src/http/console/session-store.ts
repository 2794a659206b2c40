import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../../queue/redis.js';
import { z } from 'zod';
import type { KeySpace } from '../../store/keys.js';

const Actor = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all'), identity: z.literal('admin') }),
  z.object({ scope: z.literal('connection'), connectionId: z.string(), identity: z.string() }),
]);

export const ConsoleSession = z.object({
  actor: Actor,
  /** Synchronizer token: every form that changes something carries it. */
  csrf: z.string().min(32),
  createdAt: z.number(),
});
export type ConsoleSession = z.infer<typeof ConsoleSession>;

export interface SessionStore {
  /** A new session; returns the opaque id for the cookie. */
  create(actor: ConsoleSession['actor']): Promise<{ id: string; session: ConsoleSession }>;
  get(id: string): Promise<ConsoleSession | null>;
  destroy(id: string): Promise<void>;
  /** A one-time login link code for `actor` (the demo prints one); it expires after `ttlSeconds`. */
  createLoginCode(actor: ConsoleSession['actor'], ttlSeconds?: number): Promise<string>;
  /** The code's actor, once: the code is deleted as it is read. */
  redeemLoginCode(code: string): Promise<ConsoleSession['actor'] | null>;
  readonly ttlSeconds: number;
}

const token = (): string => randomBytes(32).toString('base64url');

/**
 * Console sessions in Redis, expiring after `ttlSeconds` (sliding is not needed: an admin logs in again).
 * Only a digest of the cookie value is used as the key, so a Redis dump holds no usable session id.
 */
export function createSessionStore(
  redis: RedisClient,
  keys: KeySpace,
  options: { ttlSeconds?: number; now?: () => number } = {},
): SessionStore {
  const ttlSeconds = options.ttlSeconds ?? 8 * 3600;
  const now = options.now ?? Date.now;
  const keyOf = (id: string): string =>
    keys.service('console', 'session', createHash('sha256').update(id, 'utf8').digest('hex'));
  const codeKey = (code: string): string =>
    keys.service('console', 'login', createHash('sha256').update(code, 'utf8').digest('hex'));
  return {
    ttlSeconds,
    async createLoginCode(actor, codeTtlSeconds = 3600) {
      const code = token();
      await redis.set(codeKey(code), JSON.stringify(actor), 'EX', codeTtlSeconds);
      return code;
    },
    async redeemLoginCode(code) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
      const raw = await redis.getdel(codeKey(code));
      if (raw === null) return null;
      const parsed = Actor.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    async create(actor) {
      const id = token();
      const session: ConsoleSession = { actor, csrf: token(), createdAt: now() };
      await redis.set(keyOf(id), JSON.stringify(session), 'EX', ttlSeconds);
      return { id, session };
    },
    async get(id) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
      const raw = await redis.get(keyOf(id));
      if (raw === null) return null;
      const parsed = ConsoleSession.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    async destroy(id) {
      if (/^[A-Za-z0-9_-]{43}$/.test(id)) await redis.del(keyOf(id));
    },
  };
}
