import { attributeOpportunities } from './attribute-opportunities.js';
import { AttributeDealData, JOBS } from '../../src/queue/job-names.js';
import { requireConnection, type JobDeps } from '../../src/queue/pipeline-deps.js';
import { defineJob } from '../../src/queue/job-definition.js';
import { withDecisionLease } from '../shared/with-decision-lease.js';

/**
 * Attributes opportunities: loads each one with its partners, registrations, source lead and touches
 * (relation index + mirror), converts a first-come approved registration of the same customer made
 * inside its protection window, decides sourced/influenced credit and enqueues the writes:
 * opportunity fields, junction rows upserted by external key, deletes of rows whose partner no longer
 * qualifies, the registration's conversion. Decisions are stored with their evidence for explain.
 */
export const attributeDeal = defineJob({
  ...JOBS.attributeDeal,
  schema: AttributeDealData,
  async run({ connection, opportunityIds }, deps: JobDeps, ctx) {
    const runtime = requireConnection(deps, connection);
    const rules = await deps.rules.get(connection);
    const mapping = await runtime.mapping();
    const run = await withDecisionLease(deps, connection, () =>
      attributeOpportunities(deps, connection, opportunityIds, {
        mapping,
        rules,
        now: new Date(deps.now()).toISOString(),
        apply: true,
      }),
    );
    if (run.issues.length > 0) ctx.log.warn({ issues: run.issues }, 'some attribution writes are not mapped');
    if (run.requests.length > 0) await deps.scheduler.writeBack(connection);
    const outcomes = run.plans.map((p) => p.plan.decision.outcome);
    return {
      opportunities: opportunityIds.length,
      attributed: outcomes.filter((o) => o === 'attributed').length,
      review: outcomes.filter((o) => o === 'review').length,
      converted: run.plans.reduce((n, p) => n + p.plan.converted.length, 0),
      junctionDeletes: run.plans.reduce((n, p) => n + p.plan.deleted.length, 0),
      removed: run.removed.length,
      requests: run.requests.length,
    };
  },
});
