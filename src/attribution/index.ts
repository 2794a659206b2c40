export { allocateLargestRemainder, toIntegerWeights } from './allocate-largest-remainder.js';
export { attributeDeal } from './attribute-deal.js';
export {
  AttributionConfig,
  AttributionModel,
  AttributionWindowConfig,
  defaultAttributionConfig,
  WindowEnd,
  type AttributionConfigInput,
} from './attribution-config.js';
export type * from './attribution-decision.js';
export type * from './attribution-evidence.js';
export type * from './attribution-input.js';
export {
  attributionWindow,
  isInWindow,
  type AttributionWindow,
  type WindowEndRule,
} from './attribution-window.js';
export { junctionExternalKey } from './build-junction-rows.js';
export { currencyMinorDigits, formatMoney, fromMinorUnits, toMinorUnits } from './currency-minor-digits.js';
export { diffJunctionRows, type JunctionDiff } from './diff-junction-rows.js';
export { modelWeights, type ModelContext, type TouchWeight } from './model-weights.js';
export { selectSourcingPartner, type SourcingResult } from './select-sourcing-partner.js';
