import { PartnersyncError } from './partnersync-error.js';

/** No bearer token, a malformed Authorization header, or a token that matches nothing. */
export class AdminAuthError extends PartnersyncError {
  readonly code = 'admin_unauthorized';
  readonly httpStatus = 401;
  readonly retryable = false;
}
