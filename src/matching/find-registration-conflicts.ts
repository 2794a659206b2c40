import type { Account, DealRegistration, Opportunity, Person } from '../domain/entities.js';
import { DEFAULT_THRESHOLDS } from './decide.js';
import type { Thresholds } from './decide.js';
import { matchCustomer } from './match-customer.js';
import type { CustomerRef } from './match-customer.js';
import { normaliseEmail } from './normalise-email.js';

export type ConflictKind =
  'open_opportunity' | 'protected_registration' | 'duplicate_registration' | 'existing_person';
/** hard → reject; ambiguous → review; info → no effect on the decision (link, don't create a new lead). */
export type ConflictSeverity = 'hard' | 'ambiguous' | 'info';

export interface RegistrationConflict {
  readonly kind: ConflictKind;
  readonly severity: ConflictSeverity;
  /** The conflicting opportunity, registration or person. */
  readonly recordId: string;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface RegistrationCandidates {
  readonly opportunities: readonly { readonly opportunity: Opportunity; readonly account: Account | null }[];
  readonly registrations: readonly DealRegistration[];
  readonly people: readonly Person[];
  /** Today as `YYYY-MM-DD`: time is a parameter, never read from the clock. */
  readonly today: string;
  readonly thresholds?: Thresholds;
}

export interface RegistrationCheck {
  readonly outcome: 'approve' | 'reject' | 'review';
  readonly conflicts: readonly RegistrationConflict[];
}

const LIVE_SAME_PARTNER = new Set(['submitted', 'approved', 'pending_review']);
const SEVERITY_ORDER: Readonly<Record<ConflictSeverity, number>> = { hard: 0, ambiguous: 1, info: 2 };

function severityOf(score: number, thresholds: Thresholds): ConflictSeverity | null {
  if (score >= thresholds.duplicate) return 'hard';
  return score >= thresholds.possible ? 'ambiguous' : null;
}

/**
 * Checks a deal registration against open opportunities, other registrations and existing people
 *: the same customer (domain, or fuzzy company name) with an open opportunity, another
 * partner's approved unexpired registration (first come is protected), or the same partner's live
 * registration is a conflict; a matching lead or contact is reported so no duplicate lead is created.
 * Pure: the caller supplies the candidates (from the index) and today's date.
 */
export function findRegistrationConflicts(
  registration: DealRegistration,
  candidates: RegistrationCandidates,
): RegistrationCheck {
  const thresholds = candidates.thresholds ?? DEFAULT_THRESHOLDS;
  const customer: CustomerRef = {
    name: registration.customerCompany,
    domain: registration.customerDomain ?? registration.contactEmail,
  };
  const conflicts: RegistrationConflict[] = [];

  for (const { opportunity, account } of candidates.opportunities) {
    if (opportunity.isClosed) continue;
    const match = matchCustomer(customer, {
      name: account?.name ?? opportunity.name,
      domain: account?.domain ?? account?.website ?? null,
    });
    const severity = severityOf(match.score, thresholds);
    if (severity === null) continue;
    conflicts.push({
      kind: 'open_opportunity',
      severity,
      recordId: opportunity.id,
      score: match.score,
      reasons: [`open opportunity ${opportunity.name}`, ...match.reasons],
    });
  }

  for (const other of candidates.registrations) {
    if (other.id === registration.id) continue;
    const match = matchCustomer(customer, {
      name: other.customerCompany,
      domain: other.customerDomain ?? other.contactEmail,
    });
    const severity = severityOf(match.score, thresholds);
    if (severity === null) continue;
    if (other.partnerId === registration.partnerId) {
      if (!LIVE_SAME_PARTNER.has(other.status)) continue;
      conflicts.push({
        kind: 'duplicate_registration',
        severity,
        recordId: other.id,
        score: match.score,
        reasons: [`same partner already registered this customer (${other.status})`, ...match.reasons],
      });
      continue;
    }
    const unexpired = other.expiresOn === null || other.expiresOn >= candidates.today;
    const earlier =
      other.submittedAt < registration.submittedAt ||
      (other.submittedAt === registration.submittedAt && other.id < registration.id);
    if (other.status !== 'approved' || !unexpired || !earlier) continue;
    const until = other.expiresOn === null ? '' : ` until ${other.expiresOn}`;
    conflicts.push({
      kind: 'protected_registration',
      severity,
      recordId: other.id,
      score: match.score,
      reasons: [`partner ${other.partnerId} holds an approved registration${until}`, ...match.reasons],
    });
  }

  const contact = normaliseEmail(registration.contactEmail);
  for (const person of candidates.people) {
    const email = normaliseEmail(person.email);
    if (contact !== null && email !== null && contact.address === email.address) {
      conflicts.push({
        kind: 'existing_person',
        severity: 'info',
        recordId: person.id,
        score: 1,
        reasons: [`existing ${person.kind} with the same email`],
      });
    }
  }

  conflicts.sort(
    (x, y) =>
      SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] ||
      y.score - x.score ||
      (x.recordId < y.recordId ? -1 : x.recordId > y.recordId ? 1 : 0),
  );
  const outcome = conflicts.some((c) => c.severity === 'hard')
    ? 'reject'
    : conflicts.some((c) => c.severity === 'ambiguous')
      ? 'review'
      : 'approve';
  return { outcome, conflicts };
}
