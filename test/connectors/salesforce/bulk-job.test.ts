import { describe, expect, it } from 'vitest';
import { csvCell, splitBySize, toCsv } from '../../../connectors/salesforce/bulk-job.js';
import { parseBulkError } from '../../../connectors/salesforce/bulk-ingest.js';

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

describe('parseBulkError', () => {
  it('keeps colons inside the message: the code ends at the first colon, the fields follow the last', () => {
    expect(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --')).toEqual({
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Name]',
      fields: ['Name'],
    });
    expect(
      parseBulkError(
        'FIELD_CUSTOM_VALIDATION_EXCEPTION:Close date: must be in 2026: see rule CD-1:CloseDate,StageName --',
      ),
    ).toEqual({
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Close date: must be in 2026: see rule CD-1',
      fields: ['CloseDate', 'StageName'],
    });
    expect(parseBulkError('ENTITY_IS_DELETED:entity is deleted: 00Q5g00000A1b2CEAR: -- ')).toEqual({
      code: 'ENTITY_IS_DELETED',
      message: 'entity is deleted: 00Q5g00000A1b2CEAR',
      fields: [],
    });
  });
});
