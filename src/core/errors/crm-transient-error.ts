import { PartnersyncError } from './partnersync-error.js';

/** 5xx, network failure or timeout: retry with backoff and jitter. */
export class CrmTransientError extends PartnersyncError {
  readonly code = 'crm_unavailable';
  readonly httpStatus = 502;
  readonly retryable = true;
}
