import type { DealRegistration } from '../../src/domain/entities.js';
import { recheckApproval, type RegistrationDecision } from '../../src/registration/index.js';
import { fuzzyCompanyMatcher } from '../shared/fuzzy-company-matcher.js';
import type { LoadedOpportunity } from './load-attribution-input.js';
import type { PlanContext } from './plan-context.js';

/**
 * The opportunity's registrations as this run sees them: linked by our own earlier conversion, and
 * approvals decided before this (older, open) opportunity was ingested reviewed again, so the final
 * status does not depend on which of the two the pipeline saw first.
 */
export function recheckLinked(
  loaded: LoadedOpportunity,
  ctx: PlanContext,
): { readonly registrations: DealRegistration[]; readonly rechecked: RegistrationDecision[] } {
  const { opportunity } = loaded;
  const linkedBefore = new Set(ctx.previous?.conversions.map((c) => c.registrationId) ?? []);
  // Our own link survives a CRM mapping that does not read the registration's opportunity back.
  const linked = loaded.registrations.map((r) =>
    r.opportunityId === null && linkedBefore.has(r.id) ? { ...r, opportunityId: opportunity.id } : r,
  );
  const rechecked: RegistrationDecision[] = [];
  for (const r of linked) {
    const decision = recheckApproval(
      r,
      opportunity,
      { account: loaded.account, partners: loaded.partners, matchCompany: fuzzyCompanyMatcher },
      ctx.rules.registration,
      ctx.now,
    );
    if (decision !== null) rechecked.push(decision);
  }
  const registrations = linked.map(
    (r) => rechecked.find((d) => d.registration.id === r.id)?.registration ?? r,
  );
  return { registrations, rechecked };
}
