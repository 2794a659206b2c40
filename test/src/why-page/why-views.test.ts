import { describe, expect, it } from 'vitest';
import { attributeDeal, defaultAttributionConfig } from '../../../src/attribution/index.js';
import type { AttributionRecord, RegistrationRecord } from '../../../src/store/decision-store.js';
import { opportunityView } from '../../../src/why-page/opportunity-view.js';
import { personView } from '../../../src/why-page/person-view.js';
import { registrationView } from '../../../src/why-page/registration-view.js';
import { sortTimeline } from '../../../src/why-page/why-view.js';
import { input, lead, opportunity, registration, touch } from '../attribution/fixtures.js';

const NAMES: Record<string, string> = { 'P-1': 'Northwind Resellers', 'P-2': 'Contoso' };
const partner = (id: string | null): string =>
  id === null ? 'no partner' : (NAMES[id] ?? 'an unknown partner');
const stamp = { version: 1, hash: 'abc' };
const ID = /\b(?:P|R|D|L)-\d\b/;

describe('"Why?" page view models (pure)', () => {
  it('a duplicate lead: decision with its probability, reasons as sentences, shared values marked', () => {
    const self = lead('L-2', {
      firstName: 'Jon',
      lastName: 'Smith',
      email: 'jon@acme.example',
      createdAt: '2026-03-02T00:00:00.000Z',
    });
    const other = lead('L-1', { firstName: 'Jonathan', lastName: 'Smith', email: 'JON@acme.example' });
    const view = personView({
      status: {
        duplicateStatus: 'duplicate',
        duplicateOf: 'L-1',
        duplicateScore: 0.974,
        duplicateReason: '97% (95–99%): same email; same last name Smith',
      },
      self,
      other,
      reviews: [],
    });
    expect(view.title).toBe('Why is this lead marked as a duplicate?');
    expect(view.decision).toEqual({
      tone: 'bad',
      text: 'Duplicate of the lead Jonathan Smith (Very likely duplicate, 97 %)',
    });
    expect(view.evidence.slice(0, 2)).toEqual(['Same email.', 'Same last name Smith.']);
    const rows = view.comparison?.rows ?? [];
    expect(rows.filter((r) => r.same).map((r) => r.label)).toEqual(['Last name', 'Email', 'Company']);
    expect(view.comparison?.leftTitle).toBe('This lead: Jon Smith');
    expect(view.timeline.map((e) => e.text)).toEqual(['Jonathan Smith was created', 'This lead was created']);
    expect(JSON.stringify(view)).not.toMatch(ID);
  });

  it('a dismissed pair: says who (a rep, never their id) and shows no comparison', () => {
    const view = personView({
      status: {
        duplicateStatus: 'dismissed',
        duplicateOf: null,
        duplicateScore: null,
        duplicateReason: null,
      },
      self: lead('L-2'),
      other: lead('L-1'),
      reviews: [
        {
          a: 'L-1',
          b: 'L-2',
          verdict: 'dismissed',
          by: '0055g00000B2usrAAB',
          at: '2026-04-01T10:00:00.000Z',
          source: 'crm',
        },
      ],
    });
    expect(view.decision.tone).toBe('info');
    expect(view.comparison).toBeNull();
    expect(view.evidence).toEqual(['Marked “Not a duplicate” by a rep in the CRM on 1 Apr 2026.']);
    expect(JSON.stringify(view)).not.toContain('0055g00000B2usrAAB');
  });

  it('a rejected registration: the earlier partner by name with dates, never the other registration’s id', () => {
    const own = registration('R-2', {
      partnerId: 'P-2',
      customerCompany: 'Wayne Ent.',
      customerDomain: 'wayne.example',
      submittedAt: '2026-03-01T00:00:00.000Z',
    });
    const first = registration('R-1', {
      partnerId: 'P-1',
      customerCompany: 'Wayne Enterprises',
      status: 'approved',
      expiresOn: '2026-06-01',
    });
    const decision: RegistrationRecord = {
      object: 'registration',
      recordId: 'R-2',
      decidedAt: '2026-03-01T00:05:00.000Z',
      mapping: stamp,
      action: 'review',
      status: 'rejected',
      reason: 'raw reason with R-1',
      expiresOn: null,
      conflictWith: 'R-1',
      opportunityId: null,
      evidence: {
        conflicts: [
          {
            kind: 'protected_registration',
            recordId: 'R-1',
            partnerId: 'P-1',
            score: 1,
            via: 'domain',
            severity: 'hard',
            reason: 'raw R-1',
          },
        ],
        ruleChecks: [
          { rule: 'partner_active', passed: true, outcome: null, detail: 'partner P-2 is active' },
        ],
        matcher: 'injected',
      },
      existingPeople: [],
    };
    const view = registrationView({
      decision,
      registration: own,
      partner,
      registrations: new Map([['R-1', first]]),
      opportunities: new Map(),
    });
    expect(view.decision).toEqual({
      tone: 'bad',
      text: 'Rejected: Northwind Resellers registered Wayne Ent. first, on 1 Feb 2026; that registration protects it until 1 Jun 2026 (same company domain wayne.example)',
    });
    expect(view.evidence).toContain('The partner is active.');
    expect(view.timeline.map((e) => e.text)).toEqual([
      'Northwind Resellers registered Wayne Enterprises',
      'Contoso registered Wayne Ent.',
      'Decided: rejected',
    ]);
    expect(JSON.stringify(view)).not.toMatch(ID);
  });

  it('a sourced and influenced deal: names, credit bars that add up per role, touches in words', () => {
    const decision = attributeDeal(
      input({
        opportunity: opportunity({ id: 'D-1' }),
        registrations: [registration('R-1', { partnerId: 'P-1', status: 'converted', opportunityId: 'D-1' })],
        touches: [touch('P-2', '2026-03-01T00:00:00.000Z', { opportunityId: 'D-1' })],
      }),
      defaultAttributionConfig,
    );
    const record: AttributionRecord = {
      object: 'opportunity',
      recordId: 'D-1',
      decidedAt: '2026-04-15T00:00:00.000Z',
      mapping: stamp,
      decision,
      junctionRows: decision.junctionRows,
      conversions: [],
      registrationsConsidered: [],
      opportunity: {
        name: 'Big deal',
        createdAt: '2026-03-01T00:00:00.000Z',
        closedAt: '2026-04-10T00:00:00.000Z',
        isWon: true,
      },
    };
    const view = opportunityView({ decision: record, partner });
    expect(view.decision.text).toBe('Sourced by Northwind Resellers; influenced by Contoso');
    const bars = view.credit?.bars ?? [];
    expect(bars.map((b) => [b.role, b.percent])).toEqual([
      ['sourced', 100],
      ['influenced', 100],
    ]);
    expect(bars[0]?.amount).toBe('1,000.00 USD');
    expect(view.evidence[0]).toMatch(/^Northwind Resellers registered this customer first, on 1 Feb 2026/);
    expect(view.timeline.at(-2)?.text).toBe('This deal was won');
  });

  it('sorts the timeline by instant whatever the format, keeping ties in order', () => {
    const sorted = sortTimeline([
      { at: '2026-03-01T10:00:00+02:00', text: 'b' },
      { at: '2026-03-01', text: 'a' },
      { at: '2026-03-01T08:00:00.000Z', text: 'c' },
      { at: '2026-03-01T08:00:00Z', text: 'd' },
    ]);
    expect(sorted.map((e) => e.text)).toEqual(['a', 'b', 'c', 'd']);
  });
});
