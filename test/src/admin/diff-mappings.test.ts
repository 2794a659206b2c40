import { describe, expect, it } from 'vitest';
import { diffMappings, summarizeDiff } from '../../../src/admin/diff-mappings.js';
import type { Mapping } from '../../../mappings/index.js';

const base: Mapping = {
  version: 1,
  provider: 'salesforce',
  objects: {
    lead: { entity: 'person', source: 'Lead', fields: { email: 'Email', kind: { const: 'lead' } } },
    account: { entity: 'account', source: 'Account', fields: { name: 'Name' } },
  },
  writeBack: { lead: { entity: 'person', object: 'Lead', fields: { duplicateOf: 'PS_Duplicate_Of__c' } } },
};

describe('diffMappings', () => {
  it('names objects and fields added, removed and changed by path', () => {
    const after: Mapping = {
      ...base,
      objects: {
        lead: {
          entity: 'person',
          source: 'Lead',
          where: { field: 'IsConverted', eq: false },
          fields: { email: { from: 'Email', transform: 'email' }, phone: 'Phone' },
        },
        contact: { entity: 'person', source: 'Contact', fields: { email: 'Email' } },
      },
    };
    expect(diffMappings(base, after)).toEqual({
      added: ['objects.contact', 'objects.lead.fields.phone'],
      removed: ['objects.account', 'objects.lead.fields.kind'],
      changed: ['objects.lead.where', 'objects.lead.fields.email'],
    });
  });

  it('ignores key order and reports no change for an equal mapping', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        writeBack: base.writeBack,
        objects: base.objects,
        provider: 'salesforce',
        version: 1,
      }),
    ) as Mapping;
    expect(summarizeDiff(diffMappings(base, reordered))).toBe('no changes');
  });

  it('summarises in one line and shortens long lists', () => {
    const diff = { added: ['a', 'b', 'c'], removed: ['d'], changed: ['e', 'f'] };
    expect(summarizeDiff(diff, 4)).toBe('+3 -1 ~2: +a, +b, +c, -d, … 2 more');
  });
});
