import { describe, expect, it } from 'vitest';
import { attributeDeal, defaultAttributionConfig } from '../../../src/attribution/index.js';
import { summariseChanges } from '../../../jobs/attribute-deal/attribution-changes.js';
import { attributionReport } from '../../../src/report/attribution-report.js';
import { renderAttributionHtml } from '../../../src/report/render-attribution-html.js';
import { renderAttributionCsv, renderAttributionTable } from '../../../src/report/render-attribution-text.js';
import type { AttributionRecord } from '../../../src/store/decision-store.js';
import { relationsOf } from '../../../src/store/relation-keys.js';
import type { Opportunity, Partner, PartnerTouch } from '../../../src/domain/entities.js';

const partner = (id: string, name: string): Partner => ({
  id,
  name,
  type: 'reseller',
  tier: null,
  domains: [],
  status: 'active',
  territories: [],
  refs: [],
});
const opp: Opportunity = {
  id: 'O1',
  name: 'Acme',
  accountId: 'A1',
  amount: 1000,
  currency: 'USD',
  stage: 'Closed Won',
  isClosed: true,
  isWon: true,
  createdAt: '2026-03-01T00:00:00Z',
  closedAt: '2026-03-31T00:00:00Z',
  sourceLeadId: null,
  partnerId: null,
  refs: [],
};
const touch = (id: string, partnerId: string, day: string): PartnerTouch => ({
  id,
  partnerId,
  opportunityId: 'O1',
  accountId: null,
  kind: 'co_sell',
  occurredAt: `2026-${day}T00:00:00Z`,
  source: { connection: 'c', objectType: 'T', id },
});
const partners = [partner('P1', 'Beta, "B" & Co'), partner('P2', 'Gamma')];

function record(model: 'linear' | 'first'): AttributionRecord {
  const decision = attributeDeal(
    {
      opportunity: opp,
      partners,
      registrations: [],
      leads: [],
      touches: [touch('t1', 'P1', '03-02'), touch('t2', 'P2', '03-03')],
      now: '2026-04-01T00:00:00Z',
    },
    { ...defaultAttributionConfig, model },
  );
  return {
    object: 'opportunity',
    recordId: 'O1',
    decidedAt: '2026-04-01T00:00:00Z',
    mapping: { version: 1, hash: 'x' },
    decision,
    junctionRows: decision.junctionRows,
    conversions: [],
    registrationsConsidered: [],
    opportunity: { name: 'Acme', createdAt: opp.createdAt, closedAt: opp.closedAt, isWon: true },
  };
}

describe('attribution report', () => {
  it('sums influenced revenue per partner for opportunities won in the period', () => {
    const report = attributionReport([record('linear')], {
      from: '2026-03-01',
      to: '2026-03-31',
      basis: 'won',
    });
    expect(report.rows.map((r) => [r.partnerName, r.influencedAmount, r.sourcedAmount])).toEqual([
      ['Beta, "B" & Co', 500, 0],
      ['Gamma', 500, 0],
    ]);
    expect(
      attributionReport([record('linear')], { from: '2026-04-01', to: '2026-04-30', basis: 'won' }).rows,
    ).toEqual([]);
  });

  it('renders a table, quoted CSV and a standalone HTML page with an inline SVG chart', () => {
    const report = attributionReport([record('linear')], {
      from: '2026-03-01',
      to: '2026-03-31',
      basis: 'won',
    });
    expect(renderAttributionTable(report)).toMatch(/Gamma\s+USD\s+0\.00\s+0\s+500\.00\s+1\s+500\.00/);
    expect(renderAttributionCsv(report).split('\r\n')[1]).toBe('P1,"Beta, ""B"" & Co",USD,0.00,0,500.00,1');
    const html = renderAttributionHtml(report, 'sf');
    expect(html).toContain('<svg');
    expect(html).toContain('Beta, &quot;B&quot; &amp; Co');
    expect(html).not.toMatch(/(src|href)=/);
  });
});

describe('recompute summary', () => {
  it('counts row changes and lists the largest credit changes first', () => {
    const before = record('linear');
    const after = record('first').decision;
    const summary = summariseChanges(
      [{ previous: before, decision: after, upserted: after.junctionRows, deleted: [], converted: 0 }],
      5,
    );
    expect(summary).toMatchObject({
      opportunities: 1,
      changedOpportunities: 1,
      rowsUpdated: 2,
      rowsCreated: 0,
    });
    expect(summary.largest.map((c) => [c.partnerId, c.delta])).toEqual([
      ['P1', 500],
      ['P2', -500],
    ]);
  });
});

describe('relation keys', () => {
  it('indexes registrations by company domain and name, never by a free-mail domain', () => {
    const reg = {
      id: 'R1',
      partnerId: 'P1',
      customerCompany: 'Acme Inc.',
      customerDomain: null,
      contactEmail: 'bob@gmail.com',
      contactName: null,
      amount: null,
      currency: 'USD',
      expectedClose: null,
      territory: null,
      status: 'submitted' as const,
      reason: null,
      submittedAt: '2026-01-01T00:00:00Z',
      decidedAt: null,
      expiresOn: null,
      conflictWith: null,
      opportunityId: null,
      refs: [],
    };
    expect(relationsOf({ kind: 'registration', entity: reg }).map((r) => r.name)).toEqual([
      'reg-by-company',
      'reg-by-partner',
    ]);
  });
});
