import { describe, expect, it } from 'vitest';
import { attributeDeal } from '../../../src/attribution/attribute-deal.js';
import { AttributionConfig } from '../../../src/attribution/attribution-config.js';
import { input, lead, opportunity, partner, registration, touch } from './fixtures.js';

describe('attributeDeal sourcing', () => {
  it('credits the partner whose approved registration converted into the opportunity', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ createdAt: '2026-03-02T10:00:00.000Z' }),
        partners: [partner('P-1', { name: 'Acme Consulting' })],
        registrations: [registration('R-1')],
      }),
    );
    expect(decision.outcome).toBe('attributed');
    expect(decision.sourcingPartnerId).toBe('P-1');
    expect(decision.evidence.rule).toBe('registration');
    expect(decision.summary).toBe(
      'Sourced by Acme Consulting: its approved registration became this opportunity on 2 Mar 2026',
    );
    expect(decision.credits).toEqual([
      expect.objectContaining({
        role: 'sourced',
        creditPercent: 100,
        creditedAmount: 1000,
        creditedMinor: 100_000,
      }),
    ]);
  });

  it('credits the partner on the lead the opportunity came from', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ sourceLeadId: 'L-1' }),
        leads: [lead('L-1', { partnerId: 'P-2' })],
      }),
    );
    expect(decision.sourcingPartnerId).toBe('P-2');
    expect(decision.evidence.rule).toBe('lead');
  });

  it('gives sourcing to the earliest candidate', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ sourceLeadId: 'L-1' }),
        registrations: [registration('R-1', { partnerId: 'P-1', submittedAt: '2026-02-02T00:00:00.000Z' })],
        leads: [lead('L-1', { partnerId: 'P-2', createdAt: '2026-02-01T23:59:59.999Z' })],
      }),
    );
    expect(decision.sourcingPartnerId).toBe('P-2');
    expect(decision.evidence.sourcingCandidates.map((c) => c.recordId)).toEqual(['L-1', 'R-1']);
  });

  it('sends a tie between different partners at the same instant to review without a sourcing partner', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ sourceLeadId: 'L-1' }),
        registrations: [registration('R-1', { partnerId: 'P-1' })],
        leads: [lead('L-1', { partnerId: 'P-2' })],
        touches: [touch('P-1', '2026-02-10T00:00:00.000Z'), touch('P-3', '2026-02-11T00:00:00.000Z')],
      }),
    );
    expect(decision.outcome).toBe('review');
    expect(decision.partnerSourced).toBe(false);
    expect(decision.sourcingPartnerId).toBeNull();
    expect(decision.summary).toMatch(
      /^Needs review: Partner P-1 \(a registration\) and Partner P-2 \(a lead\) claim sourcing at the same moment, 1 Feb 2026 00:00 UTC\. /,
    );
    expect(decision.influencingPartnerIds).toEqual(['P-3']);
    expect(decision.evidence.excludedTouches).toEqual([expect.objectContaining({ reason: 'under_review' })]);
    expect(decision.junctionRows.map((r) => r.role)).toEqual(['influenced']);
  });

  it('sources normally when one partner has both a registration and a lead at the same instant', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ sourceLeadId: 'L-1' }),
        registrations: [registration('R-1', { partnerId: 'P-1' })],
        leads: [lead('L-1', { partnerId: 'P-1' })],
      }),
    );
    expect(decision.outcome).toBe('attributed');
    expect(decision.sourcingPartnerId).toBe('P-1');
  });

  it('ignores registrations that are not approved or converted', () => {
    const decision = attributeDeal(
      input({
        registrations: [
          registration('R-1', { status: 'rejected' }),
          registration('R-2', { status: 'expired' }),
        ],
      }),
    );
    expect(decision.outcome).toBe('none');
    expect(decision.summary).toMatch(/^No partner credit: /);
    expect(decision.credits).toEqual([]);
    expect(decision.junctionRows).toEqual([]);
  });

  it('never counts the sourcing partner as an influencer', () => {
    const decision = attributeDeal(
      input({
        registrations: [registration('R-1')],
        touches: [touch('P-1', '2026-02-10T00:00:00.000Z'), touch('P-2', '2026-02-11T00:00:00.000Z')],
      }),
    );
    expect(decision.credits.map((c) => [c.partnerId, c.role, c.creditPercent])).toEqual([
      ['P-1', 'sourced', 100],
      ['P-2', 'influenced', 100],
    ]);
    expect(decision.evidence.excludedTouches).toEqual([
      expect.objectContaining({ reason: 'sourcing_partner' }),
    ]);
  });
});

describe('attributeDeal influence eligibility', () => {
  it('excludes inactive and unknown partners by default and includes them when configured', () => {
    const touches = [
      touch('P-1', '2026-02-10T00:00:00.000Z'),
      touch('P-2', '2026-02-11T00:00:00.000Z'),
      touch('P-X', '2026-02-12T00:00:00.000Z'),
    ];
    const partners = [partner('P-1'), partner('P-2', { status: 'inactive' })];
    const strict = attributeDeal(input({ touches, partners }));
    expect(strict.influencingPartnerIds).toEqual(['P-1']);
    expect(strict.evidence.excludedTouches.map((e) => e.reason)).toEqual([
      'inactive_partner',
      'unknown_partner',
    ]);
    const lenient = attributeDeal(
      input({ touches, partners }),
      AttributionConfig.parse({ excludeInactivePartners: false }),
    );
    expect(lenient.influencingPartnerIds).toEqual(['P-1', 'P-2', 'P-X']);
  });

  it('counts a touch delivered twice once', () => {
    const t = touch('P-1', '2026-02-10T00:00:00.000Z');
    const decision = attributeDeal(input({ touches: [t, t, touch('P-2', '2026-02-11T00:00:00.000Z')] }));
    expect(decision.credits.map((c) => c.creditPercent)).toEqual([50, 50]);
    expect(decision.evidence.excludedTouches.map((e) => e.reason)).toEqual(['duplicate']);
  });

  it('counts touches on the account unless configured off, and never touches on other opportunities', () => {
    const touches = [
      touch('P-1', '2026-02-10T00:00:00.000Z', { opportunityId: null, accountId: 'A-1' }),
      touch('P-2', '2026-02-10T00:00:00.000Z', { opportunityId: 'O-2' }),
      touch('P-3', '2026-02-10T00:00:00.000Z', { opportunityId: null, accountId: 'A-9' }),
    ];
    expect(attributeDeal(input({ touches })).influencingPartnerIds).toEqual(['P-1']);
    const off = attributeDeal(input({ touches }), AttributionConfig.parse({ includeAccountTouches: false }));
    expect(off.influencingPartnerIds).toEqual([]);
  });

  it('counts only the configured touch kinds', () => {
    const touches = [
      touch('P-1', '2026-02-10T00:00:00.000Z', { kind: 'other' }),
      touch('P-2', '2026-02-10T00:00:00.000Z'),
    ];
    const decision = attributeDeal(
      input({ touches }),
      AttributionConfig.parse({ countedTouchKinds: ['meeting'] }),
    );
    expect(decision.influencingPartnerIds).toEqual(['P-2']);
  });
});

describe('attributeDeal window edges', () => {
  // created 2026-03-01T00:00Z − 90 days = 2025-12-01T00:00Z (start, inclusive); closed 2026-03-31T00:00Z (end, inclusive)
  const cases = [
    { at: '2025-12-01T00:00:00.000Z', counted: true, what: 'exactly at the window start' },
    { at: '2025-11-30T23:59:59.999Z', counted: false, what: '1 ms before the window start' },
    { at: '2026-03-31T00:00:00.000Z', counted: true, what: 'exactly at the close' },
    { at: '2026-03-31T00:00:00.001Z', counted: false, what: '1 ms after the close' },
  ];
  it.each(cases)('counts a touch $what: $counted', ({ at, counted }) => {
    const decision = attributeDeal(input({ touches: [touch('P-1', at)] }));
    expect(decision.partnerInfluenced).toBe(counted);
    expect(decision.evidence.window).toEqual({
      start: '2025-12-01T00:00:00.000Z',
      end: '2026-03-31T00:00:00.000Z',
      endRule: 'close',
    });
  });

  it('ends the window at now while the opportunity is open', () => {
    const open = opportunity({ isClosed: false, isWon: false, closedAt: null });
    const now = '2026-03-20T00:00:00.000Z';
    const touches = [touch('P-1', now), touch('P-2', '2026-03-20T00:00:00.001Z')];
    const decision = attributeDeal(input({ opportunity: open, touches, now }));
    expect(decision.evidence.window.endRule).toBe('now');
    expect(decision.influencingPartnerIds).toEqual(['P-1']);
  });

  it('honours a configured lookback and a window that ends at creation', () => {
    const touches = [touch('P-1', '2026-02-20T00:00:00.000Z'), touch('P-2', '2026-03-02T00:00:00.000Z')];
    const decision = attributeDeal(
      input({ touches }),
      AttributionConfig.parse({ window: { lookbackDays: 10, end: 'creation' } }),
    );
    expect(decision.evidence.window).toEqual({
      start: '2026-02-19T00:00:00.000Z',
      end: '2026-03-01T00:00:00.000Z',
      endRule: 'creation',
    });
    expect(decision.influencingPartnerIds).toEqual(['P-1']);
  });
});
