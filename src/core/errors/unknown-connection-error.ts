import { PartnersyncError } from './partnersync-error.js';

/** A request named a connection that is not configured (or is of another provider). */
export class UnknownConnectionError extends PartnersyncError {
  readonly code = 'unknown_connection';
  readonly httpStatus = 404;
  readonly retryable = false;
}
