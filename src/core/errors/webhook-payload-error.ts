import { PartnersyncError } from './partnersync-error.js';

/** A signed webhook whose body does not have the vendor's shape. Nothing is enqueued. */
export class WebhookPayloadError extends PartnersyncError {
  readonly code = 'webhook_payload_invalid';
  readonly httpStatus = 400;
  readonly retryable = false;
}
