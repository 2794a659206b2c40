import type { Mapping } from '../../mappings/schema.js';
import type { RedisClient } from '../queue/redis.js';
import { createChangeInbox, type ChangeInbox } from './change-inbox.js';
import { createChangeStreamStore, type ChangeStreamStore } from './change-streams.js';
import { createCursorStore, type CursorStore } from './cursor-store.js';
import { createDecisionStore, type DecisionStore } from './decision-store.js';
import { createDuplicateStore, type DuplicateStore } from './duplicate-store.js';
import type { KeySpace } from './keys.js';
import { createLeases, type Leases } from './leases.js';
import { createMappingStore, type MappingStore } from './mapping-store.js';
import { createMirror, type Mirror } from './mirror.js';
import { createPairReviewStore, type PairReviewStore } from './pair-review-store.js';
import { createRedisMatchIndex, type RedisMatchIndex } from './redis-match-index.js';
import { createRelationIndex, type RelationIndex } from './relation-index.js';
import { createRulesStore, type RulesStore } from './rules-store.js';
import { createWebhookSpool, type WebhookSpool } from './webhook-spool.js';
import { createWriteBackStore, type WriteBackStore } from './write-back-store.js';

/** Every Redis-backed store, built once per Redis client and handed to whoever needs one. */
export interface Stores {
  readonly inbox: ChangeInbox;
  readonly spool: WebhookSpool;
  readonly mirror: Mirror;
  readonly relations: RelationIndex;
  readonly writeBack: WriteBackStore;
  readonly cursors: CursorStore;
  readonly rules: RulesStore;
  readonly decisions: DecisionStore;
  readonly duplicates: DuplicateStore;
  /** Pairs a person dismissed ("Not a duplicate") or confirmed, in the CRM or the console. */
  readonly pairReviews: PairReviewStore;
  readonly mappings: MappingStore;
  readonly leases: Leases;
  /** Salesforce Pub/Sub subscribers: committed replay ids and status. */
  readonly changeStreams: ChangeStreamStore;
  /** The duplicate-match index of one connection. */
  matchIndex(connectionId: string): RedisMatchIndex;
}

export interface StoresOptions {
  readonly now: () => number;
  /** The connection's mapping file, used while no stored mapping version is active. */
  readonly mappingFallback?: (connectionId: string) => Mapping | undefined;
}

export function createStores(redis: RedisClient, keys: KeySpace, options: StoresOptions): Stores {
  const { now } = options;
  const fallback = options.mappingFallback === undefined ? {} : { fallback: options.mappingFallback };
  return {
    inbox: createChangeInbox(redis, keys),
    spool: createWebhookSpool(redis, keys),
    mirror: createMirror(redis, keys),
    relations: createRelationIndex(redis, keys),
    writeBack: createWriteBackStore(redis, keys, now),
    cursors: createCursorStore(redis, keys),
    rules: createRulesStore(redis, keys),
    decisions: createDecisionStore(redis, keys),
    duplicates: createDuplicateStore(redis, keys),
    pairReviews: createPairReviewStore(redis, keys),
    mappings: createMappingStore(redis, keys, { now, ...fallback }),
    leases: createLeases(redis, keys),
    changeStreams: createChangeStreamStore(redis, keys),
    matchIndex: (connectionId) => createRedisMatchIndex(redis, keys, connectionId),
  };
}
