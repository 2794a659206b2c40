import { PartnersyncError } from './partnersync-error.js';

/** A JSON request body that is not valid JSON (or not UTF-8). */
export class MalformedJsonError extends PartnersyncError {
  readonly code = 'malformed_json';
  readonly httpStatus = 400;
  readonly retryable = false;
}
