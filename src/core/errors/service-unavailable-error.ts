import { PartnersyncError } from './partnersync-error.js';

/** A dependency (Redis) is unreachable: answer 503 so the caller (a CRM) retries later. */
export class ServiceUnavailableError extends PartnersyncError {
  readonly code = 'unavailable';
  readonly httpStatus = 503;
  readonly retryable = true;
}
