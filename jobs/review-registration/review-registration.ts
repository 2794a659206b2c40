import { reviewRegistrations } from './review-registrations.js';
import { JOBS, ReviewRegistrationData } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { withDecisionLease } from '../shared/with-decision-lease.js';
import { defineJob } from '../../src/queue/job-definition.js';

/**
 * Reviews submitted and pending deal registrations: conflicts with open opportunities,
 * other partners' protected registrations and the same partner's duplicates (domain, or company by the
 * duplicate matcher), auto-approval rules; writes status, reason, expiry and conflict back. Decided
 * registrations are skipped, so our own write echoing back causes no new work.
 */
export const reviewRegistration = defineJob({
  ...JOBS.reviewRegistration,
  schema: ReviewRegistrationData,
  async run({ connection, registrationIds }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const rules = await deps.rules.get(connection);
    const mapping = await runtime.mapping();
    const { plans, issues, opportunityIds } = await withDecisionLease(deps, connection, () =>
      reviewRegistrations(deps, connection, registrationIds, {
        mapping,
        rules,
        now: new Date(deps.now()).toISOString(),
      }),
    );
    if (issues.length > 0) ctx.log.warn({ issues }, 'some registration writes are not mapped');
    if (plans.length > 0) await deps.scheduler.writeBack(connection);
    // An approval can convert into an opportunity that arrived before it: attribute those again.
    await deps.scheduler.attributeDeals(connection, opportunityIds);
    const count = (s: string): number => plans.filter((p) => p.decision.status === s).length;
    return {
      registrations: registrationIds.length,
      reviewed: plans.length,
      approved: count('approved'),
      rejected: count('rejected'),
      pendingReview: count('pending_review'),
    };
  },
});
