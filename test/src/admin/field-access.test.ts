import { describe, expect, it } from 'vitest';
import type { FieldDescription } from '../../../connectors/port.js';
import { defaultMappingPath, loadMappingFile } from '../../../mappings/load-mapping-file.js';
import { mappingObjects } from '../../../src/admin/describe-for-mapping.js';
import { fieldAccessIssues } from '../../../src/admin/field-access.js';

const mapping = loadMappingFile(defaultMappingPath('salesforce'));

/** Describe as a fully granted user sees it: every field the mapping uses, all writable. */
function granted(): Record<string, FieldDescription[]> {
  const out: Record<string, FieldDescription[]> = {};
  for (const o of mappingObjects(mapping)) out[o] = [];
  const add = (o: string, name: string, type = 'string'): void => {
    const list = out[o] ?? [];
    if (!list.some((f) => f.name === name)) list.push({ name, type, updateable: true });
    out[o] = list;
  };
  // Read side: take each field name the schema check complains about, until it is satisfied.
  for (let i = 0; i < 500; i += 1) {
    const missing = fieldAccessIssues(mapping, out).find((x) => /has no field/.test(x.detail ?? ''));
    if (missing === undefined) break;
    const m = /: (\w+) has no field "(\w+)"/.exec(missing.detail ?? '');
    if (m?.[1] === undefined || m[2] === undefined) throw new Error(`unparsed: ${missing.detail ?? ''}`);
    add(m[1], m[2]);
  }
  for (const t of Object.values(mapping.writeBack ?? {}))
    for (const f of Object.values(t.fields)) add(t.object, typeof f === 'string' ? f : f.field);
  return out;
}

describe('fieldAccessIssues', () => {
  it('finds nothing when every mapped field is readable and every write-back field writable', () => {
    const issues = fieldAccessIssues(mapping, granted()).filter(
      (i) => !/is a \w+ field/.test(i.detail ?? ''),
    );
    expect(issues).toEqual([]);
  });

  it('names an unreadable field and a read-only write-back field, each with the fix', () => {
    const describe = granted();
    describe['Lead'] = (describe['Lead'] ?? [])
      .filter((f) => f.name !== 'Email')
      .map((f) => (f.name === 'PS_Duplicate_Status__c' ? { ...f, updateable: false } : f));
    const issues = fieldAccessIssues(mapping, describe);
    expect(issues).toContainEqual(
      expect.objectContaining({
        status: 'failed',
        detail: expect.stringMatching(
          /not readable by our user: Lead has no field "Email"; grant it .*PartnerSync_Integration/,
        ),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        name: 'Lead.PS_Duplicate_Status__c',
        status: 'failed',
        detail: expect.stringMatching(/not writable by our user .*provision/),
      }),
    );
  });
});
