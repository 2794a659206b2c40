import { PartnersyncError } from './partnersync-error.js';

/** Credentials rejected even after a refresh. The connection needs an admin. */
export class CrmAuthError extends PartnersyncError {
  readonly code = 'crm_auth_failed';
  readonly httpStatus = 502;
  readonly retryable = false;
}
