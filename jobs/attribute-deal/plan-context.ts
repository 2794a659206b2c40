import type { Mapping } from '../../mappings/schema.js';
import type { AttributionRecord, MappingStamp } from '../../src/store/decision-store.js';
import type { DecisionRules } from '../../src/store/rules-store.js';

/** What planning one opportunity's attribution needs besides the loaded records. */
export interface PlanContext {
  readonly mapping: Mapping;
  readonly stamp: MappingStamp;
  readonly rules: DecisionRules;
  /** The record last applied for this opportunity (its junction rows and conversions). */
  readonly previous: AttributionRecord | null;
  readonly now: string;
}
