import type { RedisClient } from '../queue/redis.js';
import { z } from 'zod';
import { AttributionConfig } from '../attribution/index.js';
import { Thresholds } from '../matching/decide.js';
import { RegistrationRules } from '../registration/index.js';
import type { KeySpace } from './keys.js';

/** The attribution, registration and duplicate rules of one connection; defaults when none are stored. */
export const DecisionRules = z.object({
  attribution: AttributionConfig.prefault({}),
  registration: RegistrationRules.prefault({}),
  /** Lead/Contact match scores: duplicate at or above `duplicate`, possible at or above `possible`. */
  duplicates: Thresholds.prefault({}),
});
export type DecisionRules = z.infer<typeof DecisionRules>;
export type DecisionRulesInput = z.input<typeof DecisionRules>;

/**
 * Per-connection rules in Redis (JSON validated with the engines' own schemas), so a rule change made
 * by `attribution recompute --model …` or the admin API stays in force for every later job.
 */
export interface RulesStore {
  get(connectionId: string): Promise<DecisionRules>;
  set(connectionId: string, rules: DecisionRulesInput): Promise<DecisionRules>;
}

export function createRulesStore(redis: RedisClient, keys: KeySpace): RulesStore {
  const key = (connectionId: string): string => keys.connection(connectionId, 'config', 'rules');
  return {
    async get(connectionId) {
      const raw = await redis.get(key(connectionId));
      return DecisionRules.parse(raw === null ? {} : JSON.parse(raw));
    },
    async set(connectionId, input) {
      const rules = DecisionRules.parse(input);
      await redis.set(key(connectionId), JSON.stringify(rules));
      return rules;
    },
  };
}
