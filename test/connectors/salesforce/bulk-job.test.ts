import { describe, expect, it } from 'vitest';
import { csvCell, splitBySize, toCsv } from '../../../connectors/salesforce/bulk-job.js';

describe('Bulk API 2.0 CSV', () => {
  it('quotes every cell, doubles quotes, keeps newlines inside quotes, and writes null as #N/A', () => {
    expect(csvCell('O"Brien, Ltd\nline 2')).toBe('"O""Brien, Ltd\nline 2"');
    expect(csvCell(null)).toBe('#N/A');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0.5)).toBe('"0.5"');
    expect(csvCell(false)).toBe('"false"');
    expect(toCsv(['Id', 'Title'], [{ Id: '00Q1', Title: null }, { Id: '00Q2' }])).toBe(
      '"Id","Title"\n"00Q1",#N/A\n"00Q2",\n',
    );
  });

  it('splits rows so each upload stays under the byte limit, in order', () => {
    const rows = Array.from({ length: 100 }, (_v, i) => ({ Id: `id-${i}`, Title: 'x'.repeat(90) }));
    const parts = splitBySize(['Id', 'Title'], rows, 1_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.flat()).toEqual(rows);
    for (const p of parts) expect(Buffer.byteLength(toCsv(['Id', 'Title'], p))).toBeLessThanOrEqual(1_000);
  });
});
