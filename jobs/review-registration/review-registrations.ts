import type { Mapping } from '../../mappings/schema.js';
import type { DealRegistration } from '../../src/domain/entities.js';
import type { RegistrationRecord } from '../../src/store/decision-store.js';
import { byFirstCome } from '../../src/registration/index.js';
import type { DecisionRules } from '../../src/store/rules-store.js';
import type { DecisionDeps } from '../shared/decision-deps.js';
import { loadReviewContext } from './load-review-context.js';
import { mappingStamp } from '../shared/mapping-stamp.js';
import { overlayDecision } from '../shared/overlay-decisions.js';
import { planReview, type ReviewPlan } from './plan-review.js';

const REVIEWABLE = new Set(['submitted', 'pending_review']);

/**
 * Reviews registrations first come first: each review sees the decisions made before it (ours, even
 * before the CRM echoes them back). Registrations of the same customers still awaiting a decision are
 * reviewed again, so an approval turns a later rival's "earlier registration pending" into a rejection.
 */
export async function reviewRegistrations(
  deps: DecisionDeps,
  connectionId: string,
  registrationIds: readonly string[],
  options: { readonly mapping: Mapping; readonly rules: DecisionRules; readonly now: string },
): Promise<{ plans: ReviewPlan[]; issues: string[]; opportunityIds: string[] }> {
  const { relations, decisions } = deps;
  const stamp = mappingStamp(options.mapping);
  const decided = new Map<string, RegistrationRecord>();
  const current = async (ids: readonly string[]): Promise<DealRegistration[]> => {
    const [found, stored] = await Promise.all([
      deps.mirror.getMany(connectionId, 'registration', ids),
      decisions.getMany(connectionId, 'registration', ids),
    ]);
    return found.flatMap((f, i) =>
      f === null ? [] : [overlayDecision(f.entity, decided.get(f.entity.id) ?? stored[i])],
    );
  };

  const plans: ReviewPlan[] = [];
  const reviewed = new Set<string>();
  /**
   * The customers' opportunities of approved registrations: one that already exists may convert it, or
   * (older and open, missed by the review) re-review it.
   */
  const opportunityIds = new Set<string>();
  const review = async (registration: DealRegistration): Promise<void> => {
    reviewed.add(registration.id);
    if (!REVIEWABLE.has(registration.status)) return;
    const loaded = await loadReviewContext({ mirror: deps.mirror, relations }, connectionId, registration);
    const others = await current(loaded.registrations.map((r) => r.id));
    const plan = planReview(registration, { ...loaded, registrations: others }, { ...options, stamp });
    if (plan === null) return;
    plans.push(plan);
    decided.set(registration.id, plan.record);
    if (plan.decision.status === 'approved') for (const o of loaded.opportunities) opportunityIds.add(o.id);
  };

  const first = (await current([...new Set(registrationIds)])).sort(byFirstCome);
  for (const registration of first) await review(registration);
  // Rivals of the same customers that still wait for a decision.
  const rivals = new Set<string>();
  for (const registration of first) {
    const ids = await relations.registrationsOfCustomer(connectionId, {
      company: registration.customerCompany,
      domain: registration.customerDomain ?? registration.contactEmail,
    });
    for (const id of ids) if (!reviewed.has(id)) rivals.add(id);
  }
  const waiting = (await current([...rivals])).filter((r) => REVIEWABLE.has(r.status)).sort(byFirstCome);
  for (const registration of waiting) await review(registration);

  const requests = plans.flatMap((p) => p.requests);
  await deps.writeBack.enqueue(connectionId, requests);
  await decisions.put(
    connectionId,
    plans.map((p) => p.record),
  );
  // Looked up again after storing: an opportunity ingested while we reviewed may have been attributed
  // before our approval was stored; attributing it again converts (or re-reviews) the approval.
  for (const plan of plans) {
    if (plan.decision.status !== 'approved') continue;
    const r = plan.decision.registration;
    const customer = { company: r.customerCompany, domain: r.customerDomain ?? r.contactEmail };
    const accountIds = await relations.accountsOfCustomer(connectionId, customer);
    for (const id of await relations.opportunitiesOfAccounts(connectionId, accountIds))
      opportunityIds.add(id);
  }
  return { plans, issues: [...new Set(plans.flatMap((p) => p.issues))], opportunityIds: [...opportunityIds] };
}
