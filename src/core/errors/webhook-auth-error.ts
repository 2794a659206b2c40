import { PartnersyncError } from './partnersync-error.js';

/** Missing, bad or stale webhook signature, or a delivery for the wrong org/portal. Nothing is enqueued. */
export class WebhookAuthError extends PartnersyncError {
  readonly code = 'webhook_unauthorized';
  readonly httpStatus = 401;
  readonly retryable = false;
}
