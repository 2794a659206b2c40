import { describe, expect, it } from 'vitest';
import type { PersonMatch } from '../../../src/matching/match-people.js';
import {
  applyPairReviews,
  crmDismissals,
  keepsDismissal,
  pairKey,
  type PairReview,
} from '../../../src/matching/pair-review.js';

const match = (leftId: string, rightId: string, decision: PersonMatch['decision']): PersonMatch => ({
  leftId,
  rightId,
  scope: 'lead-lead',
  score: decision === 'duplicate' ? 0.97 : 0.7,
  decision,
  reasons: [],
  reasonText: 'same email',
});
const review = (a: string, b: string, verdict: PairReview['verdict']): [string, PairReview] => [
  pairKey(a, b),
  { a, b, verdict, by: 'rep-1', at: '2026-12-01T10:00:00.000Z', source: 'crm' },
];

describe('pair reviews', () => {
  it('keys a pair the same in both orders', () => {
    expect(pairKey('00Q2', '00Q1')).toBe(pairKey('00Q1', '00Q2'));
  });

  it('drops a dismissed pair whatever its score, in either order, and keeps the others', () => {
    const reviews = new Map([review('B', 'A', 'dismissed')]);
    const out = applyPairReviews(
      [match('A', 'B', 'duplicate'), match('B', 'A', 'possible'), match('A', 'C', 'possible')],
      reviews,
    );
    expect(out.map((m) => [m.leftId, m.rightId])).toEqual([['A', 'C']]);
  });

  it('turns a confirmed pair that still matches into a duplicate, naming who confirmed it', () => {
    const out = applyPairReviews([match('A', 'B', 'possible')], new Map([review('A', 'B', 'confirmed')]));
    expect(out).toMatchObject([{ decision: 'duplicate', reasonText: 'confirmed by rep-1; same email' }]);
  });

  it('keeps Not a duplicate only when nothing is left to flag', () => {
    expect(keepsDismissal('unique', 'duplicate', true)).toBe(true);
    expect(keepsDismissal('unique', 'dismissed', false)).toBe(true);
    expect(keepsDismissal('possible', 'dismissed', true)).toBe(false);
    expect(keepsDismissal('unique', 'duplicate', false)).toBe(false);
  });

  it('reads the dismissed pair from the Duplicate Of field, else from what we last flagged', () => {
    const base = { updatedAt: '2026-12-01T10:00:00.000Z', dismissedBy: 'rep-1', dismissedAt: null };
    const out = crmDismissals(
      [
        { ...base, id: 'B', duplicateDismissed: true, dismissedDuplicateOf: 'A' },
        { ...base, id: 'D', duplicateDismissed: true, dismissedDuplicateOf: '' },
        { ...base, id: 'E', duplicateDismissed: true, dismissedDuplicateOf: null },
        { ...base, id: 'F', duplicateDismissed: false, dismissedDuplicateOf: 'A' },
      ],
      [null, 'C', null, 'A'],
    );
    expect(out).toEqual([
      { a: 'A', b: 'B', verdict: 'dismissed', by: 'rep-1', at: base.updatedAt, source: 'crm' },
      { a: 'C', b: 'D', verdict: 'dismissed', by: 'rep-1', at: base.updatedAt, source: 'crm' },
    ]);
  });
});
