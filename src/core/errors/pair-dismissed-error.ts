import { PartnersyncError } from './partnersync-error.js';

/** A change to a pair someone already answered "Not a duplicate" for: that answer is final. */
export class PairDismissedError extends PartnersyncError {
  readonly code = 'pair_dismissed';
  readonly httpStatus = 409;
  readonly retryable = false;
}
