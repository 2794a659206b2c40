import { PartnersyncError } from './partnersync-error.js';

/** A review-queue verdict on a registration that is no longer (or never was) waiting for review. */
export class RegistrationNotPendingError extends PartnersyncError {
  readonly code = 'registration_not_pending';
  readonly httpStatus = 409;
  readonly retryable = false;
}
