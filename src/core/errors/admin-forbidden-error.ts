import { PartnersyncError } from './partnersync-error.js';

/** A valid admin token used outside its scope (another connection, or an all-connections route). */
export class AdminForbiddenError extends PartnersyncError {
  readonly code = 'admin_forbidden';
  readonly httpStatus = 403;
  readonly retryable = false;
}
