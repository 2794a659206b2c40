import { describe, expect, it } from 'vitest';
import { attributeDeal } from '../../../src/attribution/attribute-deal.js';
import { AttributionConfig } from '../../../src/attribution/attribution-config.js';
import { diffJunctionRows } from '../../../src/attribution/diff-junction-rows.js';
import { input, opportunity, registration, touch } from './fixtures.js';

const base = input({
  registrations: [registration('R-1')],
  touches: [touch('P-2', '2026-02-10T00:00:00.000Z'), touch('P-3', '2026-02-20T00:00:00.000Z')],
});

describe('junction rows', () => {
  it('emits one row per opportunity, partner and role with a deterministic external key', () => {
    const rows = attributeDeal(base).junctionRows;
    expect(rows.map((r) => [r.externalKey, r.role, r.creditPercent, r.creditedAmount, r.model])).toEqual([
      ['O-1:P-1:sourced', 'sourced', 100, 1000, 'sourced'],
      ['O-1:P-2:influenced', 'influenced', 50, 500, 'linear'],
      ['O-1:P-3:influenced', 'influenced', 50, 500, 'linear'],
    ]);
    expect(rows[1]?.evidence).toBe(
      'Influenced by Partner P-2: 50 % (split equally between 2 partners). Partner P-2 joined a meeting on 10 Feb; touches count from 1 Dec 2025 to the close on 31 Mar 2026',
    );
  });

  it('keeps evidence within the configured length', () => {
    const touches = Array.from({ length: 40 }, (_, i) =>
      touch('P-2', new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 86_400_000).toISOString()),
    );
    const rows = attributeDeal(
      input({ touches }),
      AttributionConfig.parse({ evidenceMaxLength: 255 }),
    ).junctionRows;
    expect(rows[0]?.evidence.length).toBe(255);
    expect(rows[0]?.evidence.endsWith('…')).toBe(true);
  });

  it('writes nothing when the same decision is computed again', () => {
    const rows = attributeDeal(base).junctionRows;
    expect(diffJunctionRows(rows, attributeDeal(base).junctionRows)).toEqual({ upserts: [], deletes: [] });
  });

  it('ignores CRM float noise in stored numbers', () => {
    const rows = attributeDeal(base).junctionRows;
    const stored = rows.map((r) => ({
      ...r,
      creditPercent: r.creditPercent + 1e-9,
      creditedAmount: (r.creditedAmount ?? 0) + 1e-7,
    }));
    expect(diffJunctionRows(stored, rows).upserts).toEqual([]);
  });

  it('keeps an open opportunity stable as now moves on', () => {
    const open = { ...base, opportunity: opportunity({ isClosed: false, isWon: false, closedAt: null }) };
    const before = attributeDeal({ ...open, now: '2026-04-01T00:00:00.000Z' }).junctionRows;
    const after = attributeDeal({ ...open, now: '2026-04-02T00:00:00.000Z' }).junctionRows;
    expect(diffJunctionRows(before, after)).toEqual({ upserts: [], deletes: [] });
  });

  it('upserts changed rows and deletes rows of partners that no longer qualify', () => {
    const existing = attributeDeal(base).junctionRows.map((r) => ({ ...r, crmId: `a0X${r.partnerId}` }));
    const desired = attributeDeal({
      ...base,
      touches: [touch('P-2', '2026-02-10T00:00:00.000Z')],
    }).junctionRows;
    const diff = diffJunctionRows(existing, desired);
    expect(diff.upserts.map((r) => [r.externalKey, r.creditPercent])).toEqual([['O-1:P-2:influenced', 100]]);
    expect(diff.deletes.map((r) => r.crmId)).toEqual(['a0XP-3']);
  });

  it('rewrites influenced rows but not the sourced row when the model changes', () => {
    const existing = attributeDeal(base).junctionRows;
    const desired = attributeDeal(base, AttributionConfig.parse({ model: 'last' })).junctionRows;
    expect(
      diffJunctionRows(existing, desired)
        .upserts.map((r) => r.externalKey)
        .sort(),
    ).toEqual(['O-1:P-2:influenced', 'O-1:P-3:influenced']);
  });
});
