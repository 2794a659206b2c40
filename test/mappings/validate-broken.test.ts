import { describe, expect, it } from 'vitest';
import { formatIssue, validateMapping } from '../../mappings/validate.js';
import { defaultMappingText } from './load-default.js';

const base = defaultMappingText('salesforce');

interface Case {
  readonly name: string;
  readonly find: string;
  readonly replace: string;
  readonly path: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** Each case breaks the default Salesforce mapping in one place; the issue must name that place. */
const cases: readonly Case[] = [
  {
    name: 'an unknown transform',
    find: 'amount: { from: Amount, transform: number }',
    replace: 'amount: { from: Amount, transform: numbr }',
    path: 'objects.opportunity.fields.amount.transform',
    message: 'unknown transform "numbr"',
    suggestion: 'number',
  },
  {
    name: 'an unknown transform in object form',
    find: 'phone: { from: Phone, transform: { fn: phone, countryFrom: [CountryCode] }, onInvalid: keep }',
    replace: 'phone: { from: Phone, transform: { fn: phnoe, countryFrom: [CountryCode] }, onInvalid: keep }',
    path: 'objects.lead.fields.phone.transform.fn',
    message: 'unknown transform "phnoe"',
    suggestion: 'phone',
  },
  {
    name: 'an unknown entity',
    find: '    entity: opportunity\n    source: Opportunity',
    replace: '    entity: opportunty\n    source: Opportunity',
    path: 'objects.opportunity.entity',
    message: 'unknown entity "opportunty"',
    suggestion: 'opportunity',
  },
  {
    name: 'an unknown canonical field',
    find: '      email: { from: Email, transform: email, onInvalid: keep }\n      phone: { from: Phone, transform: { fn: phone, countryFrom: [CountryCode] }',
    replace:
      '      emial: { from: Email, transform: email, onInvalid: keep }\n      phone: { from: Phone, transform: { fn: phone, countryFrom: [CountryCode] }',
    path: 'objects.lead.fields.emial',
    message: 'unknown person field "emial"',
    suggestion: 'email',
  },
  {
    name: 'a reference to an unknown object',
    find: 'opportunityId: { from: OpportunityId, ref: { object: opportunity } }\n      kind: { const: opportunity_partner }\n      occurredAt: { from: CreatedDate, transform: datetime }\n\n  accountPartner',
    replace:
      'opportunityId: { from: OpportunityId, ref: { object: oportunity } }\n      kind: { const: opportunity_partner }\n      occurredAt: { from: CreatedDate, transform: datetime }\n\n  accountPartner',
    path: 'objects.opportunityPartner.fields.opportunityId.ref.object',
    message: 'unknown object "oportunity"',
    suggestion: 'opportunity',
  },
  {
    name: 'a reference to an object of the wrong entity',
    find: 'accountId: { from: AccountId, ref: { object: account } }\n      amount',
    replace: 'accountId: { from: AccountId, ref: { object: lead } }\n      amount',
    path: 'objects.opportunity.fields.accountId.ref.object',
    message: 'object "lead" maps to person, but accountId refers to an account',
  },
  {
    name: 'a required canonical field left unmapped',
    find: '      stage: StageName\n',
    replace: '',
    path: 'objects.opportunity.fields.stage',
    message: 'required opportunity field "stage" is not mapped',
  },
  {
    name: 'a value map on a free-text field',
    find: '      stage: StageName\n',
    replace: '      stage: { from: StageName, map: { Prospecting: open } }\n',
    path: 'objects.opportunity.fields.stage.map',
    message: 'value map on stage, which is a string, not an enum or boolean',
  },
  {
    name: 'a value map producing a value outside the enum',
    find: '          Reseller: reseller\n',
    replace: '          Reseller: resellr\n',
    path: 'objects.partner.fields.type.map.Reseller',
    message: '"resellr" is not a type value (one of reseller, referral, si, msp, isv, influence)',
    suggestion: 'reseller',
  },
  {
    name: 'two results written to the same CRM field',
    find: '      duplicatePercent: PS_Duplicate_Likelihood__c\n',
    replace: '      duplicatePercent: PS_Duplicate_Reason__c\n',
    path: 'writeBack.lead.fields.duplicateReason.field',
    message: '"PS_Duplicate_Reason__c" is already written by duplicatePercent',
  },
  {
    name: 'an unknown write-back result',
    find: '      duplicatePercent: PS_Duplicate_Likelihood__c\n',
    replace: '      duplicatePercnt: PS_Duplicate_Likelihood__c\n',
    path: 'writeBack.lead.fields.duplicatePercnt',
    message: 'unknown person result "duplicatePercnt"',
    suggestion: 'duplicatePercent',
  },
  {
    name: 'a misspelt key in a field spec',
    find: '      title: Title\n      street: Street',
    replace: '      title: { frm: Title }\n      street: Street',
    path: 'objects.lead.fields.title.frm',
    message: 'unknown key "frm"',
    suggestion: 'from',
  },
  {
    name: 'an unknown time zone',
    find: '  timeZone: America/Los_Angeles',
    replace: '  timeZone: America/Los_Angles',
    path: 'defaults.timeZone',
    message: 'unknown time zone "America/Los_Angles"',
    suggestion: 'America/Los_Angeles',
  },
  {
    name: 'a transform whose output does not fit the field',
    find: 'amount: { from: Amount, transform: number }',
    replace: 'amount: { from: Amount, transform: trim }',
    path: 'objects.opportunity.fields.amount.transform',
    message: 'transform trim produces a string, but amount is a number',
  },
  {
    name: 'a where condition with two operators',
    find: 'where: { field: PS_Partner__c, exists: true }',
    replace: 'where: { field: PS_Partner__c, exists: true, eq: x }',
    path: 'objects.leadSource.where',
    message: 'needs exactly one operator of eq, ne, in, notIn, exists, contains, matches',
  },
  {
    name: 'an $item path in an object without each',
    find: '      title: Title\n      street: Street',
    replace: '      title: $item.Title\n      street: Street',
    path: 'objects.lead.fields.title.from',
    message: '"$item.Title" reads $item, but the object has no each',
  },
  {
    name: 'an unknown provider',
    find: 'provider: salesforce',
    replace: 'provider: salesfroce',
    path: 'provider',
    message: 'unknown provider "salesfroce"',
    suggestion: 'salesforce',
  },
  {
    name: 'an attribution target without an upsert key',
    find: '    object: PS_Partner_Attribution__c\n    upsertBy: External_Key__c\n',
    replace: '    object: PS_Partner_Attribution__c\n',
    path: 'writeBack.attribution.upsertBy',
    message: 'attribution records are created by us: name the external-id field to upsert by',
  },
];

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return text.slice(0, at).split('\n').length;
}

describe('validateMapping on broken mappings', () => {
  it.each(cases)('reports $name at $path', (c) => {
    expect(base.includes(c.find)).toBe(true);
    const text = base.replace(c.find, c.replace);
    const result = validateMapping(text, 'sf.yaml');
    expect(result.ok).toBe(false);
    expect('mapping' in result).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const issue = issues.find((i) => i.path === c.path);
    expect(issue, issues.map(formatIssue).join('\n')).toMatchObject({
      message: c.message,
      suggestion: c.suggestion ?? null,
      file: 'sf.yaml',
    });
    const changedLine = lineOf(text, c.replace === '' ? (c.find.split('\n')[0] ?? '') : c.replace);
    expect(issue?.line).toBeGreaterThan(0);
    if (c.replace !== '')
      expect(Math.abs((issue?.line ?? 0) - changedLine)).toBeLessThanOrEqual(c.replace.split('\n').length);
  });

  it('prints an issue as FILE:LINE path: message (did you mean …)', () => {
    const text = base.replace(
      'amount: { from: Amount, transform: number }',
      'amount: { from: Amount, transform: numbr }',
    );
    const result = validateMapping(text, 'sf.yaml');
    const line = lineOf(text, 'transform: numbr');
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `sf.yaml:${line} objects.opportunity.fields.amount.transform: unknown transform "numbr" (did you mean "number"?)`,
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const text = base
      .replace('amount: { from: Amount, transform: number }', 'amount: { from: Amount, transform: numbr }')
      .replace(
        '      duplicatePercent: PS_Duplicate_Likelihood__c\n',
        '      duplicatePercnt: PS_Duplicate_Likelihood__c\n',
      )
      .replace('          Reseller: reseller\n', '          Reseller: resellr\n');
    const result = validateMapping(text, 'sf.yaml');
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'objects.opportunity.fields.amount.transform',
        'writeBack.lead.fields.duplicatePercnt',
        'objects.partner.fields.type.map.Reseller',
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const result = validateMapping('version: 1\nprovider: hubspot\nobjects: {\n  a: [\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.issues[0]?.line).toBeGreaterThan(0);
  });

  it('reports duplicate YAML keys', () => {
    const result = validateMapping('version: 1\nversion: 1\nprovider: hubspot\nobjects: {}\n', 'dup.yaml');
    expect(result.ok ? [] : result.issues.map((i) => i.line)).toEqual([2]);
  });

  it('reports an empty file', () => {
    expect(validateMapping('', 'empty.yaml')).toMatchObject({
      ok: false,
      issues: [{ message: 'the mapping file is empty' }],
    });
  });
});
