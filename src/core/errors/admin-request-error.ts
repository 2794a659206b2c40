import { PartnersyncError } from './partnersync-error.js';

/** An admin API request whose parameters, query or body do not have the documented shape. */
export class AdminRequestError extends PartnersyncError {
  readonly code = 'bad_request';
  readonly httpStatus = 400;
  readonly retryable = false;
}
