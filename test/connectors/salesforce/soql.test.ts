import { describe, expect, it } from 'vitest';
import { soqlDateTime, soqlId, soqlIdentifier, soqlString } from '../../../connectors/salesforce/soql.js';

describe('SOQL escaping', () => {
  it('escapes quotes and backslashes so a value cannot end the literal', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString("x' OR Name != '")).toBe("'x\\' OR Name != \\''");
    expect(soqlString("\\' OR 1=1 --")).toBe("'\\\\\\' OR 1=1 --'");
    expect(soqlString('a\nb\t"c"')).toBe('\'a\\nb\\t\\"c\\"\'');
  });
  it('rejects identifiers, ids and dates that are not what they claim', () => {
    expect(() => soqlIdentifier('Lead WHERE Id != null')).toThrow();
    expect(soqlIdentifier('Account.Name')).toBe('Account.Name');
    expect(() => soqlId("001' OR Id != '")).toThrow();
    expect(soqlId('001xx000003DGb2AAG')).toBe("'001xx000003DGb2AAG'");
    expect(() => soqlDateTime('2024-01-01 OR 1=1')).toThrow();
    expect(soqlDateTime('2024-05-01T10:00:00.000Z')).toBe('2024-05-01T10:00:00Z');
  });
});
