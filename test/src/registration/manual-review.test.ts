import { describe, expect, it } from 'vitest';
import {
  defaultRegistrationRules,
  describeConflict,
  findConflicts,
  isManualApproval,
  recheckApproval,
  resolveReview,
} from '../../../src/registration/index.js';
import { account, context, NOW, opportunity, partner, registration, sameCompanyName } from './fixtures.js';

const rules = defaultRegistrationRules;

describe('a person’s verdict from the review queue', () => {
  const pending = registration('R-1', { status: 'pending_review', reason: 'Needs review: amount' });

  it('approves with the protection window and a reason that marks it as a person’s decision', () => {
    const done = resolveReview(pending, 'approved', 'known customer', rules, NOW);
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.registration).toMatchObject({ status: 'approved', decidedAt: NOW, expiresOn: '2026-05-30' });
    expect(done.reason).toBe('Approved on review: known customer; protected until 30 May 2026');
    expect(isManualApproval(done.registration)).toBe(true);
    expect(isManualApproval({ status: 'approved', reason: 'Approved: no open opportunity' })).toBe(false);
  });

  it('is not overturned by the re-check against an older open opportunity', () => {
    const older = opportunity('O-1', { createdAt: '2026-02-01T00:00:00.000Z' });
    const ctx = { account: account('A-1'), matchCompany: sameCompanyName };
    const auto = { ...pending, status: 'approved' as const, reason: 'Approved: nothing found' };
    // The automatic approval is corrected (the opportunity existed before the submission) ...
    expect(recheckApproval(auto, older, ctx, rules, NOW)?.status).toBe('rejected');
    const done = resolveReview(pending, 'approved', 'the rep confirmed it is a new project', rules, NOW);
    if (!done.ok) throw new Error('not approved');
    // ... a person's approval, made with that conflict in front of them, is not.
    expect(recheckApproval(done.registration, older, ctx, rules, NOW)).toBeNull();
  });
});

describe('describeConflict', () => {
  it('names the opportunity, its account and the other partner instead of CRM ids', () => {
    const mine = registration('R-2', { submittedAt: '2026-03-01T09:00:00.000Z', partnerId: 'P-2' });
    const theirs = registration('R-1', {
      partnerId: 'P-1',
      status: 'approved',
      expiresOn: '2026-05-01',
      submittedAt: '2026-02-20T09:00:00.000Z',
      customerCompany: 'Customer Inc',
    });
    const opp = opportunity('O-1', { name: 'Customer - Platform', createdAt: '2026-02-01T00:00:00.000Z' });
    const records = {
      partners: [partner('P-1', { name: 'Northwind' }), partner('P-2', { name: 'Contoso' })],
      registrations: [theirs],
      opportunities: [opp],
      accounts: [account('A-1', { name: 'Customer, Inc.' })],
    };
    const conflicts = findConflicts(mine, context({ ...records }), rules, NOW);
    const texts = conflicts.map((c) => describeConflict(c, records));
    expect(texts).toEqual([
      'Open opportunity “Customer - Platform” of Customer, Inc., created 1 Feb 2026 before this registration (same customer domain; blocks approval)',
      'Northwind registered this customer first: their registration for Customer Inc submitted 20 Feb 2026 is approved and protected until 1 May 2026 (same customer domain; blocks approval)',
    ]);
    for (const t of texts) expect(t).not.toMatch(/\b(O-1|R-1|P-1)\b/);
  });
});
