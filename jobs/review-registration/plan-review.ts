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
import { addWrite, emptyRequests, type PlannedRequests } from '../shared/write-requests.js';

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

  const out = emptyRequests();
  addWrite(
    out,
    ctx.mapping,
    'registration',
    {
      status: decision.status,
      reason: decision.reason,
      decidedAt: decision.registration.decidedAt,
      expiresOn: decision.expiresOn,
      conflictWith: decision.conflictWith,
      // Unchanged, but lets a mapping associate the registration with its partner (HubSpot company).
      partnerId: registration.partnerId,
    },
    { id: registration.id },
  );
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
