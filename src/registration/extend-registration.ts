import type { DealRegistration } from '../domain/entities.js';
import { checkTransition, refuse } from './check-transition.js';
import type { TransitionDone, TransitionRefused } from './registration-decision.js';
import type { ExtensionRules } from './registration-rules.js';
import { repDate } from '../explain/rep-words/index.js';
import { addUtcDays, utcDate } from './utc-date.js';

export interface ExtensionRequest {
  readonly days: number;
  /** Extensions already granted (kept by the caller: the canonical registration has no counter). */
  readonly extensionsUsed: number;
}

export interface ExtensionDone extends TransitionDone {
  readonly extensionsUsed: number;
}

/**
 * Pushes the expiry of an approved, unconverted, not yet expired registration by `days` UTC days,
 * at most `maxDaysPerExtension` at a time and `maxExtensions` times.
 */
export function extendRegistration(
  registration: DealRegistration,
  request: ExtensionRequest,
  limits: ExtensionRules,
  now: string,
): ExtensionDone | TransitionRefused {
  const illegal = checkTransition(registration, 'approved');
  if (illegal !== null) return illegal;
  if (registration.opportunityId !== null) {
    return refuse(
      registration,
      'approved',
      'illegal_transition',
      `Registration ${registration.id} is already linked to opportunity ${registration.opportunityId}`,
    );
  }
  const { days, extensionsUsed } = request;
  if (!Number.isInteger(days) || days < 1 || days > limits.maxDaysPerExtension) {
    return refuse(
      registration,
      'approved',
      'invalid_extension',
      `An extension is 1 to ${limits.maxDaysPerExtension} whole days, not ${days}`,
    );
  }
  if (extensionsUsed >= limits.maxExtensions) {
    return refuse(
      registration,
      'approved',
      'extension_limit',
      `Registration ${registration.id} already had ${extensionsUsed} of ${limits.maxExtensions} extensions`,
    );
  }
  const today = utcDate(now);
  const base = registration.expiresOn ?? today;
  if (base < today) {
    return refuse(
      registration,
      'approved',
      'illegal_transition',
      `Registration ${registration.id} expired after ${base}; an expired registration cannot be extended`,
    );
  }
  const expiresOn = addUtcDays(base, days);
  const used = extensionsUsed + 1;
  const reason = `Extended by ${days} days to ${repDate(expiresOn)} (extension ${used} of ${limits.maxExtensions})`;
  return {
    ok: true,
    changed: true,
    reason,
    extensionsUsed: used,
    registration: { ...registration, expiresOn, reason },
  };
}
