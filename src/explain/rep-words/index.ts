/**
 * The one place that turns a decision into the words a sales rep reads in a CRM field (and, later, on
 * the "Why?" page): names instead of record ids, dates as "5 Mar 2027", percentages with a band. Pure.
 */
export { repDate, repDayMonth } from './rep-date.js';
export { duplicateBand, duplicateLikelihood, duplicatePercent } from './duplicate-words.js';
export { sameMailboxWords } from './mailbox-words.js';
export {
  modelWords,
  percentWords,
  touchWords,
  type ModelName,
  type TouchKindName,
} from './attribution-words.js';
export * from './registration-words.js';
