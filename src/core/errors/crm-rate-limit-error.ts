import { PartnersyncError } from './partnersync-error.js';

/** The CRM asked us to slow down (HubSpot 429, Salesforce REQUEST_LIMIT_EXCEEDED). Waiting costs no attempt. */
export class CrmRateLimitError extends PartnersyncError {
  readonly code = 'crm_rate_limited';
  readonly httpStatus = 503;
  readonly retryable = true;
  readonly retryAfterMs: number;
  /** Vendor policy that tripped, e.g. TEN_SECONDLY_ROLLING, DAILY, SECONDLY, REQUEST_LIMIT_EXCEEDED. */
  readonly policy: string;

  constructor(message: string, retryAfterMs: number, policy: string, options?: { cause?: unknown }) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
    this.policy = policy;
  }
}
