import { PartnersyncError } from './partnersync-error.js';

/**
 * A body over one of our structural limits (elements, nesting depth, keys): refused before any costly
 * parsing, so no single request can hold the event loop.
 */
export class PayloadLimitError extends PartnersyncError {
  readonly code = 'payload_limit_exceeded';
  readonly httpStatus = 413;
  readonly retryable = false;
}
