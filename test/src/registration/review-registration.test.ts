import { describe, expect, it } from 'vitest';
import { RegistrationRules, defaultRegistrationRules } from '../../../src/registration/registration-rules.js';
import { reviewRegistration } from '../../../src/registration/review-registration.js';
import { NOW, account, context, opportunity, partner, registration } from './fixtures.js';

const rules = defaultRegistrationRules;
const submitted = registration('R-2');

describe('reviewRegistration', () => {
  it('approves a registration without conflicts for an active partner, protected for 90 UTC days', () => {
    const decision = reviewRegistration(submitted, context(), rules, NOW);
    expect(decision).toMatchObject({
      ok: true,
      status: 'approved',
      expiresOn: '2026-05-30',
      conflictWith: null,
      reason:
        'Approved: no open opportunity or other registration for Customer Inc; protected until 30 May 2026',
      registration: { status: 'approved', expiresOn: '2026-05-30', decidedAt: NOW },
    });
  });

  it('uses the configured protection period', () => {
    const decision = reviewRegistration(
      submitted,
      context(),
      RegistrationRules.parse({ protectionDays: 30 }),
      NOW,
    );
    expect(decision).toMatchObject({ status: 'approved', expiresOn: '2026-03-31' });
  });

  it.each([
    {
      what: 'an open opportunity for the same domain',
      ctx: context({
        opportunities: [opportunity('O-7')],
        accounts: [account('A-1', { name: 'Other name' })],
      }),
      conflictWith: 'O-7',
      reason:
        /Other name already has the open opportunity “Deal”, created \d{1,2} \w{3} \d{4} \(same customer domain customer.com\)$/,
    },
    {
      what: 'an open opportunity for the same company name',
      ctx: context({ opportunities: [opportunity('O-7')], accounts: [account('A-1', { domain: null })] }),
      conflictWith: 'O-7',
      reason:
        /the open opportunity “Deal”, created .* \(company names 100 % alike: same company name "customer"\)$/,
    },
    {
      what: "another partner's earlier approved registration",
      ctx: context({
        partners: [partner('P-9', { name: 'Beta' })],
        registrations: [
          registration('R-1', {
            partnerId: 'P-9',
            status: 'approved',
            submittedAt: '2026-02-01T00:00:00.000Z',
            expiresOn: '2026-05-01',
          }),
        ],
      }),
      conflictWith: 'R-1',
      reason:
        /^Rejected: registered first by Beta, protected until 1 May 2026 \(same customer domain customer.com\)$/,
    },
    {
      what: "the same partner's earlier registration",
      ctx: context({ registrations: [registration('R-1', { submittedAt: '2026-02-28T00:00:00.000Z' })] }),
      conflictWith: 'R-1',
      reason:
        /^Rejected: this partner already registered Customer Inc on 28 Feb 2026 \(same customer domain customer.com\)$/,
    },
  ])('rejects a registration that conflicts with $what', ({ ctx, conflictWith, reason }) => {
    const decision = reviewRegistration(submitted, ctx, rules, NOW);
    expect(decision).toMatchObject({ ok: true, status: 'rejected', conflictWith, expiresOn: null });
    expect(decision.ok && decision.reason).toMatch(reason);
  });

  it('ignores closed opportunities, expired or rejected registrations and other customers', () => {
    const ctx = context({
      opportunities: [opportunity('O-1', { isClosed: true }), opportunity('O-2', { accountId: 'A-2' })],
      accounts: [account('A-1'), account('A-2', { name: 'Else Ltd', domain: 'else.com' })],
      registrations: [
        registration('R-1', {
          partnerId: 'P-9',
          status: 'approved',
          submittedAt: '2026-01-01T00:00:00.000Z',
          expiresOn: '2026-02-28',
        }),
        registration('R-3', {
          partnerId: 'P-9',
          status: 'rejected',
          submittedAt: '2026-01-01T00:00:00.000Z',
        }),
        registration('R-4', {
          partnerId: 'P-9',
          status: 'approved',
          customerCompany: 'Else',
          customerDomain: 'else.com',
          expiresOn: '2026-05-01',
        }),
      ],
    });
    expect(reviewRegistration(submitted, ctx, rules, NOW)).toMatchObject({ status: 'approved' });
  });

  it('protects an approved registration through its expiry day', () => {
    const ctx = context({
      registrations: [
        registration('R-1', {
          partnerId: 'P-9',
          status: 'approved',
          submittedAt: '2026-01-01T00:00:00.000Z',
          expiresOn: '2026-03-01',
        }),
      ],
    });
    expect(reviewRegistration(submitted, ctx, rules, NOW)).toMatchObject({
      status: 'rejected',
      conflictWith: 'R-1',
    });
  });

  it('protects the first registration: a later one of another partner awaiting review only sends to review', () => {
    const earlierPending = registration('R-1', {
      partnerId: 'P-9',
      status: 'pending_review',
      submittedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(
      reviewRegistration(submitted, context({ registrations: [earlierPending] }), rules, NOW),
    ).toMatchObject({
      status: 'pending_review',
      conflictWith: 'R-1',
    });
    const laterPending = { ...earlierPending, submittedAt: '2026-03-01T10:00:00.000Z' };
    expect(
      reviewRegistration(submitted, context({ registrations: [laterPending] }), rules, NOW),
    ).toMatchObject({
      status: 'approved',
    });
  });

  it('sends to review when another partner was approved although this registration came first', () => {
    const pending = registration('R-2', {
      status: 'pending_review',
      submittedAt: '2026-01-15T00:00:00.000Z',
    });
    const approvedLater = registration('R-1', {
      partnerId: 'P-9',
      status: 'approved',
      submittedAt: '2026-02-01T00:00:00.000Z',
      expiresOn: '2026-05-01',
    });
    expect(
      reviewRegistration(pending, context({ registrations: [approvedLater] }), rules, NOW),
    ).toMatchObject({
      status: 'pending_review',
      evidence: { conflicts: [{ kind: 'earlier_pending_registration', severity: 'ambiguous' }] },
    });
  });

  it('sends a fuzzy company match between the thresholds to review using the injected matcher', () => {
    const ctx = context({
      opportunities: [opportunity('O-7')],
      accounts: [account('A-1', { name: 'Customr Incorporated', domain: null })],
      matchCompany: () => ({ score: 0.75, reason: 'Customer ≈ Customr' }),
    });
    const decision = reviewRegistration(registration('R-2', { customerDomain: null }), ctx, rules, NOW);
    expect(decision).toMatchObject({
      status: 'pending_review',
      conflictWith: 'O-7',
      evidence: { matcher: 'injected' },
    });
    expect(decision.ok && decision.reason).toContain('company names 75 % alike: Customer ≈ Customr');
    expect(decision.ok && decision.registration.decidedAt).toBeNull();
  });

  it('never treats a free-mail domain as the same customer', () => {
    const reg = registration('R-2', { customerCompany: 'Alpha', customerDomain: 'gmail.com' });
    const ctx = context({
      opportunities: [opportunity('O-7')],
      accounts: [account('A-1', { name: 'Beta', domain: 'gmail.com' })],
    });
    expect(reviewRegistration(reg, ctx, rules, NOW)).toMatchObject({ status: 'approved' });
  });

  it('can send open-opportunity conflicts to review instead of rejecting', () => {
    const ctx = context({ opportunities: [opportunity('O-7')], accounts: [account('A-1')] });
    const soft = RegistrationRules.parse({ openOpportunityConflict: 'pending_review' });
    expect(reviewRegistration(submitted, ctx, soft, NOW)).toMatchObject({ status: 'pending_review' });
  });
});

describe('reviewRegistration auto-approval rules', () => {
  const strict = RegistrationRules.parse({
    autoApproval: {
      allowedTiers: ['gold', 'platinum'],
      minAmount: 10_000,
      maxAmount: 100_000,
      allowedTerritories: ['EMEA'],
    },
  });
  const emea = registration('R-2', { territory: 'EMEA' });
  it.each([
    {
      what: 'a partner not synced yet',
      reg: emea,
      ctx: context({ partner: null }),
      status: 'pending_review',
      rule: 'partner_known',
    },
    {
      what: 'an inactive partner',
      reg: emea,
      ctx: context({ partner: partner('P-1', { status: 'inactive' }) }),
      status: 'rejected',
      rule: 'partner_active',
    },
    {
      what: 'a prospect partner',
      reg: emea,
      ctx: context({ partner: partner('P-1', { status: 'prospect' }) }),
      status: 'pending_review',
      rule: 'partner_active',
    },
    {
      what: 'a tier not auto-approved',
      reg: emea,
      ctx: context({ partner: partner('P-1', { tier: 'silver' }) }),
      status: 'pending_review',
      rule: 'tier',
    },
    {
      what: 'an amount below the minimum',
      reg: { ...emea, amount: 5_000 },
      ctx: context(),
      status: 'pending_review',
      rule: 'min_amount',
    },
    {
      what: 'an amount above the ceiling',
      reg: { ...emea, amount: 250_000 },
      ctx: context(),
      status: 'pending_review',
      rule: 'max_amount',
    },
    {
      what: 'a missing amount',
      reg: { ...emea, amount: null },
      ctx: context(),
      status: 'pending_review',
      rule: 'min_amount',
    },
    {
      what: 'another currency',
      reg: { ...emea, currency: 'EUR' },
      ctx: context(),
      status: 'pending_review',
      rule: 'min_amount',
    },
    {
      what: 'a territory not auto-approved',
      reg: { ...emea, territory: 'APAC' },
      ctx: context(),
      status: 'pending_review',
      rule: 'territory',
    },
  ])('handles $what as $status', ({ reg, ctx, status, rule }) => {
    const decision = reviewRegistration(reg, ctx, strict, NOW);
    expect(decision).toMatchObject({ ok: true, status });
    expect(decision.ok && decision.evidence.ruleChecks.filter((r) => !r.passed).map((r) => r.rule)).toEqual([
      rule,
    ]);
  });

  it('approves when every rule passes', () => {
    expect(reviewRegistration(emea, context(), strict, NOW)).toMatchObject({ status: 'approved' });
  });

  it('rejects rule failures when configured to', () => {
    const rejecting = RegistrationRules.parse({
      autoApproval: { allowedTiers: ['platinum'], onFail: 'rejected' },
    });
    expect(reviewRegistration(emea, context(), rejecting, NOW)).toMatchObject({ status: 'rejected' });
  });

  it("requires the registration's territory to be one of the partner's when configured", () => {
    const byPartner = RegistrationRules.parse({ autoApproval: { requirePartnerTerritory: true } });
    const ctx = context({ partner: partner('P-1', { territories: ['NA'] }) });
    expect(reviewRegistration(emea, ctx, byPartner, NOW)).toMatchObject({ status: 'pending_review' });
    expect(reviewRegistration({ ...emea, territory: 'NA' }, ctx, byPartner, NOW)).toMatchObject({
      status: 'approved',
    });
  });

  it('rejects thresholds that contradict each other', () => {
    const parsed = RegistrationRules.safeParse({ companyMatch: { conflictScore: 0.5, reviewScore: 0.8 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['companyMatch', 'reviewScore']);
  });
});
