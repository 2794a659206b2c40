import type { DealRegistration } from '../domain/entities.js';
import type { TransitionDone } from './registration-decision.js';
import { repDate } from '../explain/rep-words/index.js';
import { utcDate } from './utc-date.js';

/** True when an approved, unconverted registration is past its last protected day (`expiresOn`, inclusive). */
export function isExpired(registration: DealRegistration, now: string): boolean {
  return (
    registration.status === 'approved' &&
    registration.opportunityId === null &&
    registration.expiresOn !== null &&
    registration.expiresOn < utcDate(now)
  );
}

/**
 * The approved registrations that were not converted by their expiry date, moved to `expired`.
 * `expiresOn` is the last protected UTC day: a registration expiring 2026-05-30 expires from
 * 2026-05-31T00:00Z. Others are left out (the job writes only what changed).
 */
export function expireRegistrations(
  registrations: readonly DealRegistration[],
  now: string,
): TransitionDone[] {
  return registrations
    .filter((r) => isExpired(r, now))
    .map((r) => {
      const reason = `Expired: not converted into an opportunity by ${r.expiresOn === null ? 'its end date' : repDate(r.expiresOn)}`;
      return { ok: true, changed: true, reason, registration: { ...r, status: 'expired', reason } };
    });
}
