import { PartnersyncError } from './partnersync-error.js';

/** An admin API request named something that does not exist (mapping version, CRM record). */
export class AdminNotFoundError extends PartnersyncError {
  readonly code = 'not_found';
  readonly httpStatus = 404;
  readonly retryable = false;
}
