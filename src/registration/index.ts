export { checkApprovalRules } from './check-approval-rules.js';
export { ALLOWED_TRANSITIONS, checkTransition } from './check-transition.js';
export { convertRegistration, type ConversionContext } from './convert-registration.js';
export { expireRegistrations, isExpired } from './expire-registrations.js';
export { extendRegistration, type ExtensionDone, type ExtensionRequest } from './extend-registration.js';
export { findConflicts } from './find-conflicts.js';
export { findExistingPeople, type ExistingPerson } from './find-existing-people.js';
export {
  matchCustomer,
  type CompanyMatch,
  type CompanyMatcher,
  type CustomerKey,
  type CustomerMatch,
} from './match-customer.js';
export type * from './registration-decision.js';
export type * from './review-context.js';
export type * from './rule-check.js';
export {
  AutoApprovalRules,
  CompanyMatchThresholds,
  DEFAULT_FREE_MAIL_DOMAINS,
  defaultRegistrationRules,
  ExtensionRules,
  RegistrationRules,
  type RegistrationRulesInput,
} from './registration-rules.js';
export { recheckApproval, type RecheckContext } from './recheck-approval.js';
export {
  isManualApproval,
  MANUAL_APPROVAL_PREFIX,
  MANUAL_REJECTION_PREFIX,
  resolveReview,
} from './resolve-review.js';
export { describeConflict, type ConflictRecords } from './describe-conflict.js';
export { reviewRegistration } from './review-registration.js';
export { addUtcDays, utcDate } from './utc-date.js';
export { byFirstCome } from './first-come.js';
