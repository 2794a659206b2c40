import { PartnersyncError } from './partnersync-error.js';

/** An admin action that the current state does not allow (e.g. a rollback with nothing to go back to). */
export class AdminConflictError extends PartnersyncError {
  readonly code = 'conflict';
  readonly httpStatus = 409;
  readonly retryable = false;
}
