import type { RedisClient } from '../queue/redis.js';
import type { AttributionDecision, JunctionRow } from '../attribution/index.js';
import type { RegistrationStatus } from '../domain/entities.js';
import type { RegistrationEvidence } from '../registration/index.js';
import type { KeySpace } from './keys.js';

/** Which mapping produced the inputs and wrote the result. */
export interface MappingStamp {
  /** The mapping file's `version`. */
  readonly version: number;
  /** Short content hash, so two edits of the same version are told apart. */
  readonly hash: string;
}

/** The attribution of one opportunity as last applied, with everything needed to explain it. */
export interface AttributionRecord {
  readonly object: 'opportunity';
  readonly recordId: string;
  readonly decidedAt: string;
  readonly mapping: MappingStamp;
  readonly decision: AttributionDecision;
  /** Junction rows as written; the next run deletes the ones no longer desired. */
  readonly junctionRows: readonly JunctionRow[];
  /** Registrations converted into (linked to) this opportunity, with the conversion reason. */
  readonly conversions: readonly { readonly registrationId: string; readonly reason: string }[];
  /** Registrations that were looked at (id, partner, status), for "why not this one?". */
  readonly registrationsConsidered: readonly {
    readonly id: string;
    readonly partnerId: string;
    readonly status: RegistrationStatus;
  }[];
  /** When and for how much the opportunity was created/closed, for reports by period. */
  readonly opportunity: {
    readonly name: string;
    readonly createdAt: string;
    readonly closedAt: string | null;
    readonly isWon: boolean;
  };
}

export interface RegistrationRecord {
  readonly object: 'registration';
  readonly recordId: string;
  readonly decidedAt: string;
  readonly mapping: MappingStamp;
  /** `recheck`: an approval re-reviewed against an older open opportunity ingested after it. */
  readonly action: 'review' | 'expire' | 'convert' | 'recheck';
  readonly status: RegistrationStatus;
  readonly reason: string;
  readonly expiresOn: string | null;
  readonly conflictWith: string | null;
  /** The opportunity a conversion linked the registration to. */
  readonly opportunityId: string | null;
  readonly evidence: RegistrationEvidence | null;
  /** Leads/contacts with the registration's contact email or company: link to them, never create another. */
  readonly existingPeople: readonly {
    readonly id: string;
    readonly score: number;
    readonly reason: string;
  }[];
  /** The admin who decided it from the review queue; absent for the automatic review. */
  readonly decidedBy?: string;
}

export type DecisionRecord = AttributionRecord | RegistrationRecord;
export type DecisionObject = DecisionRecord['object'];
type RecordOf<O extends DecisionObject> = Extract<DecisionRecord, { object: O }>;

/** The last decision per record, for explain, recompute diffs and reports. One hash per object kind. */
export interface DecisionStore {
  get<O extends DecisionObject>(
    connectionId: string,
    object: O,
    recordId: string,
  ): Promise<RecordOf<O> | null>;
  getMany<O extends DecisionObject>(
    connectionId: string,
    object: O,
    recordIds: readonly string[],
  ): Promise<(RecordOf<O> | null)[]>;
  put(connectionId: string, records: readonly DecisionRecord[]): Promise<void>;
  remove(connectionId: string, object: DecisionObject, recordIds: readonly string[]): Promise<void>;
  scan<O extends DecisionObject>(connectionId: string, object: O): AsyncIterable<RecordOf<O>>;
}

export function createDecisionStore(redis: RedisClient, keys: KeySpace): DecisionStore {
  const key = (connectionId: string, object: DecisionObject): string =>
    keys.connection(connectionId, 'decision', object);
  const decode = <O extends DecisionObject>(
    object: O,
    raw: string | null | undefined,
  ): RecordOf<O> | null => {
    if (raw === null || raw === undefined) return null;
    const parsed = JSON.parse(raw) as DecisionRecord;
    return parsed.object === object ? (parsed as RecordOf<O>) : null;
  };
  return {
    async get(connectionId, object, recordId) {
      return decode(object, await redis.hget(key(connectionId, object), recordId));
    },
    async getMany(connectionId, object, recordIds) {
      if (recordIds.length === 0) return [];
      const rows = await redis.hmget(key(connectionId, object), ...recordIds);
      return rows.map((r) => decode(object, r));
    },
    async put(connectionId, records) {
      if (records.length === 0) return;
      const tx = redis.multi();
      for (const r of records) tx.hset(key(connectionId, r.object), r.recordId, JSON.stringify(r));
      await tx.exec();
    },
    async remove(connectionId, object, recordIds) {
      if (recordIds.length > 0) await redis.hdel(key(connectionId, object), ...recordIds);
    },
    async *scan(connectionId, object) {
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(key(connectionId, object), cursor, 'COUNT', 500);
        cursor = next;
        for (let i = 1; i < flat.length; i += 2) {
          const record = decode(object, flat[i]);
          if (record !== null) yield record;
        }
      } while (cursor !== '0');
    },
  };
}
