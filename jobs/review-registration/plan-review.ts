import type { Mapping } from '../../mappings/schema.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import {
  findExistingPeople,
  reviewRegistration,
  type RegistrationDecision,
} from '../../src/registration/index.js';
import type { MappingStamp, RegistrationRecord } from '../../src/store/decision-store.js';
import type { DecisionRules } from '../../src/store/rules-store.js';
import { fuzzyCompanyMatcher } from '../shared/fuzzy-company-matcher.js';
import type { LoadedReview } from './load-review-context.js';
import type { PlannedRequests } from '../shared/write-requests.js';
import { planRegistrationWrite } from './registration-write.js';

export interface ReviewPlan extends PlannedRequests {
  readonly decision: RegistrationDecision;
  readonly record: RegistrationRecord;
}

/**
 * Pure: reviews a submitted or pending registration (conflicts via the duplicate matcher's company
 * comparison, auto-approval rules) and plans the write of status, reason, expiry and conflict. Leads and
 * contacts with the registration's contact email are kept as evidence (link, never create another
 * lead). Null when the registration is not reviewable (already decided).
 */
export function planReview(
  registration: DealRegistration,
  loaded: LoadedReview,
  ctx: {
    readonly mapping: Mapping;
    readonly stamp: MappingStamp;
    readonly rules: DecisionRules;
    readonly now: string;
  },
): ReviewPlan | null {
  const decision = reviewRegistration(
    registration,
    {
      partner: loaded.partner,
      partners: loaded.partners,
      registrations: loaded.registrations,
      opportunities: loaded.opportunities,
      accounts: loaded.accounts,
      matchCompany: fuzzyCompanyMatcher,
    },
    ctx.rules.registration,
    ctx.now,
  );
  if (!decision.ok) return null;

  const out = planRegistrationWrite(ctx.mapping, {
    id: registration.id,
    status: decision.status,
    reason: decision.reason,
    decidedAt: decision.registration.decidedAt,
    expiresOn: decision.expiresOn,
    conflictWith: decision.conflictWith,
    partnerId: registration.partnerId,
    partnerName: loaded.partner?.name ?? null,
    submittedAt: registration.submittedAt,
  });
  const record: RegistrationRecord = {
    object: 'registration',
    recordId: registration.id,
    decidedAt: ctx.now,
    mapping: ctx.stamp,
    action: 'review',
    status: decision.status,
    reason: decision.reason,
    expiresOn: decision.expiresOn,
    conflictWith: decision.conflictWith,
    opportunityId: registration.opportunityId,
    evidence: decision.evidence,
    existingPeople: findExistingPeople(registration, loaded.people),
  };
  return { ...out, decision, record };
}
