import { describe, expect, it } from 'vitest';
import { defaultMappingPath, loadMappingFile } from '../../mappings/load-mapping-file.js';
import type { DealRegistration, Opportunity } from '../../src/domain/entities.js';
import { fuzzyCompanyMatcher } from '../../jobs/shared/fuzzy-company-matcher.js';
import { mappingStamp } from '../../jobs/shared/mapping-stamp.js';
import { planAttribution } from '../../jobs/attribute-deal/plan-attribution.js';
import { planReview } from '../../jobs/review-registration/plan-review.js';
import { recheckApproval } from '../../src/registration/index.js';
import { DecisionRules } from '../../src/store/rules-store.js';
import { account, NOW, opportunity, partner, registration } from '../src/registration/fixtures.js';

const mapping = loadMappingFile(defaultMappingPath('salesforce'));
const ctx = { mapping, stamp: mappingStamp(mapping), rules: DecisionRules.parse({}), now: NOW };
const customer = account('A-1');
const partners = [partner('P-1')];

/** The review, seeing the opportunity only when it was ingested first. */
function review(reg: DealRegistration, seen: readonly Opportunity[]): DealRegistration {
  const plan = planReview(
    reg,
    {
      partner: partners[0] ?? null,
      partners,
      registrations: [],
      opportunities: seen,
      accounts: [customer],
      people: [],
    },
    ctx,
  );
  return plan === null ? reg : plan.decision.registration;
}

/** The opportunity's attribution, seeing the registration as decided so far. */
function attribute(opp: Opportunity, reg: DealRegistration): DealRegistration {
  const plan = planAttribution(
    { opportunity: opp, account: customer, partners, registrations: [reg], leads: [], touches: [] },
    { ...ctx, previous: null },
  );
  return (
    plan.converted.find((r) => r.id === reg.id) ??
    plan.rechecked.find((d) => d.registration.id === reg.id)?.registration ??
    reg
  );
}

function registrationFirst(reg: DealRegistration, opp: Opportunity): DealRegistration {
  return attribute(opp, review(reg, []));
}

function opportunityFirst(reg: DealRegistration, opp: Opportunity): DealRegistration {
  return attribute(opp, review(reg, [opp]));
}

const SUBMITTED = '2026-03-01T09:00:00.000Z';
const pick = (r: DealRegistration) => ({
  status: r.status,
  reason: r.reason,
  conflictWith: r.conflictWith,
  opportunityId: r.opportunityId,
  expiresOn: r.expiresOn,
});

describe('a registration and an opportunity of the same customer, ingested in either order', () => {
  it.each([
    {
      what: 'an open opportunity created before the submission → rejected',
      opp: opportunity('O-OLD', { createdAt: '2026-02-01T00:00:00.000Z' }),
      status: 'rejected',
      conflictWith: 'O-OLD',
      opportunityId: null,
    },
    {
      what: 'an open opportunity created a millisecond before the submission → rejected',
      opp: opportunity('O-OLD', { createdAt: '2026-03-01T08:59:59.999Z' }),
      status: 'rejected',
      conflictWith: 'O-OLD',
      opportunityId: null,
    },
    {
      what: 'an opportunity created at the submission → converted',
      opp: opportunity('O-NEW', { createdAt: SUBMITTED }),
      status: 'converted',
      conflictWith: null,
      opportunityId: 'O-NEW',
    },
    {
      what: 'an opportunity created after the submission → converted',
      opp: opportunity('O-NEW', { createdAt: '2026-03-01T10:00:00.000Z' }),
      status: 'converted',
      conflictWith: null,
      opportunityId: 'O-NEW',
    },
    {
      what: 'a closed opportunity created before the submission → stays approved',
      opp: opportunity('O-OLD', {
        createdAt: '2026-02-01T00:00:00.000Z',
        isClosed: true,
        closedAt: '2026-02-20T00:00:00.000Z',
      }),
      status: 'approved',
      conflictWith: null,
      opportunityId: null,
    },
    {
      what: "another customer's older open opportunity → stays approved",
      opp: opportunity('O-OTHER', { createdAt: '2026-02-01T00:00:00.000Z', accountId: 'A-2' }),
      status: 'approved',
      conflictWith: null,
      opportunityId: null,
    },
  ] as const)('$what', ({ opp, status, conflictWith, opportunityId }) => {
    const reg = registration('R-1', { submittedAt: SUBMITTED });
    const first = registrationFirst(reg, opp);
    const second = opportunityFirst(reg, opp);
    expect(pick(first)).toEqual(pick(second));
    expect(first).toMatchObject({ status, conflictWith, opportunityId });
    if (status === 'rejected') {
      expect(first.reason).toMatch(/^Rejected: .*already has the open opportunity “.*”, created /);
      expect(first.expiresOn).toBeNull();
    }
  });

  it('writes the re-review to the CRM and converts nothing when the opportunity predates the approval', () => {
    const approved = review(registration('R-1', { submittedAt: SUBMITTED }), []);
    expect(approved.status).toBe('approved');
    const opp = opportunity('O-OLD', { createdAt: '2026-02-01T00:00:00.000Z' });
    const plan = planAttribution(
      { opportunity: opp, account: customer, partners, registrations: [approved], leads: [], touches: [] },
      { ...ctx, previous: null },
    );
    expect(plan.converted).toEqual([]);
    expect(plan.rechecked.map((d) => d.status)).toEqual(['rejected']);
    expect(plan.decision.sourcingPartnerId).toBeNull();
    expect(plan.requests).toContainEqual(
      expect.objectContaining({
        id: 'R-1',
        fields: expect.objectContaining({ Status__c: 'Rejected', Conflict_With__c: 'O-OLD' }),
      }),
    );
  });

  it('leaves converted, rejected and linked registrations alone', () => {
    const opp = opportunity('O-OLD', { createdAt: '2026-02-01T00:00:00.000Z' });
    const rules = ctx.rules.registration;
    for (const reg of [
      registration('R-1', { status: 'converted', opportunityId: 'O-X' }),
      registration('R-1', { status: 'rejected' }),
      registration('R-1', { status: 'approved', opportunityId: 'O-X' }),
    ])
      expect(
        recheckApproval(reg, opp, { account: customer, matchCompany: fuzzyCompanyMatcher }, rules, NOW),
      ).toBeNull();
  });
});
