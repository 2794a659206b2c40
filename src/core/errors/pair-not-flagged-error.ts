import { PartnersyncError } from './partnersync-error.js';

/** A review of a pair that is not flagged now (never was, or its evidence is gone). */
export class PairNotFlaggedError extends PartnersyncError {
  readonly code = 'pair_not_flagged';
  readonly httpStatus = 409;
  readonly retryable = false;
}
