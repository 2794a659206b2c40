import { describe, expect, it } from 'vitest';

import { generateCrmBenchmark, HUBSPOT_HEADER, SALESFORCE_HEADER } from '../../bench/dedupe-crm.js';
import { expectedCalibrationError } from '../../bench/dedupe-crm-eval.js';

describe('CRM-shaped benchmark generator', () => {
  const { files, truePairs } = generateCrmBenchmark({ entities: 2000, seed: 7 });
  const [salesforce, hubspot] = files;

  it('is deterministic for a seed and different across seeds', () => {
    const again = generateCrmBenchmark({ entities: 2000, seed: 7 });
    expect(again.files).toEqual(files);
    expect(generateCrmBenchmark({ entities: 2000, seed: 8 }).files).not.toEqual(files);
  });

  it('writes a Salesforce Leads export and a HubSpot contacts export with their own headers', () => {
    expect(salesforce?.header).toEqual(SALESFORCE_HEADER);
    expect(hubspot?.header).toEqual(HUBSPOT_HEADER);
    expect(salesforce?.rows.length).toBeGreaterThan(500);
    expect(hubspot?.rows.length).toBeGreaterThan(500);
    expect(truePairs).toBeGreaterThan(200);
  });

  it('keeps one HubSpot contact per email address, as HubSpot does', () => {
    const emails = (hubspot?.rows ?? [])
      .map((r) => (r.values.Email ?? '').toLowerCase())
      .filter((e) => e !== '');
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('contains the hard negatives: role inboxes, shared phones across people, Jr/Sr', () => {
    const rows = salesforce?.rows ?? [];
    const inbox = new Map<string, Set<number>>();
    const phone = new Map<string, Set<number>>();
    for (const row of rows) {
      const email = (row.values.Email ?? '').toLowerCase();
      if (/^(info|sales|contact|office|hello|admin)@/.test(email))
        inbox.set(email, (inbox.get(email) ?? new Set()).add(row.entity));
      const digits = (row.values.Phone ?? '').replace(/\D/g, '').slice(-9);
      if (digits.length === 9) phone.set(digits, (phone.get(digits) ?? new Set()).add(row.entity));
    }
    expect([...inbox.values()].some((people) => people.size >= 2)).toBe(true);
    expect([...phone.values()].filter((people) => people.size >= 3).length).toBeGreaterThan(5);
    expect(rows.some((r) => r.values.Suffix === 'Jr.')).toBe(true);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when scores match the observed share and grows when they do not', () => {
    const fair = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9].map((score, i) => ({
      score,
      truth: i < 9,
    }));
    expect(expectedCalibrationError(fair)).toBeCloseTo(0, 10);
    const over = fair.map((p, i) => ({ ...p, truth: i < 5 }));
    expect(expectedCalibrationError(over)).toBeCloseTo(0.4, 10);
  });
});
