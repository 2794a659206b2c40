import { describe, expect, it } from 'vitest';
import {
  convertedWords,
  customerMatchWords,
  duplicateLikelihood,
  modelWords,
  percentWords,
  registeredFirstWords,
  repDate,
  repDayMonth,
  sameMailboxWords,
  touchWords,
} from '../../../src/explain/rep-words/index.js';

describe('repDate', () => {
  it('writes day, month abbreviation and year, on the UTC day, whatever the locale', () => {
    expect(repDate('2027-03-05')).toBe('5 Mar 2027');
    expect(repDate('2026-09-30T23:59:59.000Z')).toBe('30 Sep 2026');
    expect(repDate('2026-12-31T23:30:00-05:00')).toBe('1 Jan 2027');
    expect(repDayMonth('2026-12-05T10:00:00.000Z')).toBe('5 Dec');
  });
  it('refuses what is not a date', () => {
    expect(() => repDate('soon')).toThrow(/not an ISO date: soon/);
  });
});

describe('duplicateLikelihood', () => {
  it('gives the band and a whole percentage, never rounded up to a certainty', () => {
    expect(duplicateLikelihood(0.973)).toBe('Very likely duplicate, 97 %');
    expect(duplicateLikelihood(1)).toBe('Very likely duplicate, 99 %');
    expect(duplicateLikelihood(0.9996)).toBe('Very likely duplicate, 99 %');
    expect(duplicateLikelihood(0.95)).toBe('Very likely duplicate, 95 %');
    expect(duplicateLikelihood(0.9499)).toBe('Likely duplicate, 94 %');
    expect(duplicateLikelihood(0.62)).toBe('Possible duplicate, 62 %');
    expect(duplicateLikelihood(0.41)).toBe('Unlikely duplicate, 41 %');
  });
});

describe('sameMailboxWords', () => {
  it('says "same mailbox" and why when the visible addresses differ', () => {
    expect(sameMailboxWords('robert.miller+demo@globex.example', 'robert.miller@globex.example')).toBe(
      'same mailbox (ignoring the +tag)',
    );
    expect(sameMailboxWords('jane.doe@gmail.com', 'janedoe@gmail.com')).toBe(
      'same mailbox (ignoring the dots)',
    );
    expect(sameMailboxWords('jane.doe+crm@gmail.com', 'janedoe@googlemail.com')).toBe(
      'same mailbox (ignoring the +tag and the dots)',
    );
    expect(sameMailboxWords('JONATHAN.SMITH@acme.example', 'jonathan.smith@acme.example')).toBe(
      'same email (ignoring letter case)',
    );
    expect(sameMailboxWords('a@b.example', 'a@b.example')).toBe('same email');
  });
  it('does not call dots ignored outside Gmail', () => {
    expect(sameMailboxWords('j.doe+x@acme.example', 'j.doe@acme.example')).toBe(
      'same mailbox (ignoring the +tag)',
    );
  });
});

describe('attribution words', () => {
  it('spells models out within the 40 characters of the Salesforce model field', () => {
    expect(modelWords('linear', 2)).toBe('Split equally between 2 partners');
    expect(modelWords('linear', 1)).toBe('All credit to one partner');
    for (const m of ['linear', 'first', 'last', 'u-shaped', 'w-shaped', 'time-decay'] as const)
      expect(modelWords(m, 12).length).toBeLessThanOrEqual(40);
  });
  it('names a touch by what happened', () => {
    expect(touchWords('Contoso', 'opportunity_partner', '2026-12-05T09:00:00Z')).toBe(
      'Contoso was added as a partner on this opportunity on 5 Dec',
    );
    expect(touchWords('Fabrikam', 'association', '2026-11-01T00:00:00Z')).toBe(
      'Fabrikam was associated with this deal as a partner on 1 Nov',
    );
  });
  it('writes whole percentages without decimals', () => {
    expect(percentWords(50)).toBe('50 %');
    expect(percentWords(33.33)).toBe('33.33 %');
  });
});

describe('registration words', () => {
  it('names the partner and the protection date, with no record id', () => {
    expect(registeredFirstWords('Northwind Resellers', '2027-03-05')).toBe(
      'registered first by Northwind Resellers, protected until 5 Mar 2027',
    );
    expect(convertedWords('Wayne Enterprises - Platform', '2026-12-05T10:00:00Z')).toBe(
      'Converted into the opportunity “Wayne Enterprises - Platform”, created 5 Dec 2026',
    );
    expect(customerMatchWords({ via: 'domain', score: 1, domain: 'wayne.example' })).toBe(
      'same customer domain wayne.example',
    );
    expect(customerMatchWords({ via: 'company', score: 0.934 })).toBe('company names 93 % alike');
  });
});
