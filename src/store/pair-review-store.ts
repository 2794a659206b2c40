import type { RedisClient } from '../queue/redis.js';
import { PairReview, pairKey } from '../matching/pair-review.js';
import type { KeySpace } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * Per connection, one hash (`dedupe:reviews`): pair key (both ids, sorted) → the review. It lives
 * apart from the match index and the statuses, so no re-sync, backfill, model or threshold change,
 * restart or re-run of detection rewrites it; only a person's own review does.
 */
export interface PairReviewStore {
  /** The reviews of these pairs that exist, by pair key. */
  get(connectionId: string, pairs: readonly (readonly [string, string])[]): Promise<Map<string, PairReview>>;
  /**
   * Records a dismissal unless the pair is already dismissed (the first dismissal is kept: who and
   * when do not move when the CRM echoes it or a rep saves the record again). Overrides a
   * confirmation: a rep's "Not a duplicate" is final. Returns the review now stored.
   */
  dismiss(connectionId: string, review: PairReview): Promise<PairReview>;
  /** Records a confirmation unless the pair is dismissed; returns the review now stored. */
  confirm(connectionId: string, review: PairReview): Promise<PairReview>;
  /** Every review that involves this record. */
  ofRecord(connectionId: string, id: string): Promise<PairReview[]>;
}

// KEYS: reviews; ARGV: pair key, review JSON, 'dismissed' | 'confirmed'. Returns the stored JSON.
const RECORD = luaScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old and cjson.decode(old).verdict == 'dismissed' then return old end
if old and ARGV[3] == 'confirmed' and cjson.decode(old).verdict == 'confirmed' then return old end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]
`);

const parse = (raw: string): PairReview => PairReview.parse(JSON.parse(raw));

export function createPairReviewStore(redis: RedisClient, keys: KeySpace): PairReviewStore {
  const key = (c: string): string => keys.connection(c, 'dedupe', 'reviews');
  const record = async (c: string, review: PairReview): Promise<PairReview> => {
    const json = JSON.stringify(PairReview.parse(review));
    const stored = await RECORD.run(redis, [key(c)], [pairKey(review.a, review.b), json, review.verdict]);
    return parse(String(stored));
  };
  return {
    async get(c, pairs) {
      const out = new Map<string, PairReview>();
      const wanted = [...new Set(pairs.map(([x, y]) => pairKey(x, y)))];
      if (wanted.length === 0) return out;
      const rows = await redis.hmget(key(c), ...wanted);
      rows.forEach((raw, i) => {
        const k = wanted[i];
        if (raw !== null && k !== undefined) out.set(k, parse(raw));
      });
      return out;
    },
    dismiss: (c, review) => record(c, { ...review, verdict: 'dismissed' }),
    confirm: (c, review) => record(c, { ...review, verdict: 'confirmed' }),
    async ofRecord(c, id) {
      const out: PairReview[] = [];
      let cursor = '0';
      do {
        // Ids are matched exactly after the scan: one HubSpot id can be part of another.
        const [next, flat] = await redis.hscan(
          key(c),
          cursor,
          'MATCH',
          `*${id.replace(/[*?[\]\\]/g, '\\$&')}*`,
          'COUNT',
          500,
        );
        cursor = next;
        for (let i = 1; i < flat.length; i += 2) {
          const raw = flat[i];
          if (raw === undefined) continue;
          const review = parse(raw);
          if (review.a === id || review.b === id) out.push(review);
        }
      } while (cursor !== '0');
      return out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    },
  };
}
