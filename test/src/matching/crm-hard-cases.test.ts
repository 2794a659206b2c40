import { describe, expect, it } from 'vitest';

import { bulkDedupe } from '../../../src/matching/bulk-dedupe.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { createPersonMatcher, matchPeople } from '../../../src/matching/match-people.js';
import { prepareRecord, preparerFor } from '../../../src/matching/prepare-record.js';

const matcher = createPersonMatcher();

function lead(id: string, fields: Partial<MatchRecord>): MatchRecord {
  return { id, kind: 'lead', ...fields };
}

function decisionOf(a: MatchRecord, b: MatchRecord): string {
  return matchPeople(matcher, prepareRecord(a), prepareRecord(b)).decision;
}

const bob = lead('L1', {
  firstName: 'Bob',
  lastName: 'Smyth',
  email: 'bob.smith.1975@gmail.com',
  phone: '(415) 555-0101',
  company: 'Globex Corp',
});
const robert = lead('L2', {
  firstName: 'Robert',
  lastName: 'Smith',
  email: 'robert.smith@globex.example',
  phone: '+1 415 555 0101',
  company: 'Globex Corporation',
});

describe('people who only look alike are not flagged', () => {
  it('keeps two colleagues with one surname apart (different first names, mailboxes and phones)', () => {
    const sarah = lead('L1', {
      firstName: 'Sarah',
      lastName: 'Spencer',
      email: 'sarah.spencer@worksdharma.co.uk',
      phone: '+1 (415) 925-8699',
      company: 'Works Dharma Ltd',
      city: 'New York',
    });
    const ann = lead('L2', {
      firstName: 'Ann',
      lastName: 'Spencer',
      email: 'ann.spencer@worksdharma.co.uk',
      phone: '+1 (212) 780-6698',
      company: 'Works Dharma Ltd',
      city: 'New York',
    });
    const match = matchPeople(matcher, prepareRecord(sarah), prepareRecord(ann));
    expect(match.decision).toBe('unique');
    expect(match.reasonText).toContain('different first name');
  });

  it('does not take a shared switchboard number for one person', async () => {
    const office = (id: string, first: string, last: string): MatchRecord =>
      lead(id, {
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}.${last.toLowerCase()}@initech.example`,
        phone: '+1 512 474 8800',
        company: 'Initech LLC',
        city: 'Austin',
      });
    const staff = [
      office('L1', 'Peter', 'Gibbons'),
      office('L2', 'Michael', 'Bolton'),
      office('L3', 'Samir', 'Nagheenanajar'),
      office('L4', 'Milton', 'Waddams'),
    ];
    expect(decisionOf(staff[0] ?? bob, staff[1] ?? bob)).toBe('unique');
    const { pairs } = await bulkDedupe(staff);
    expect(pairs).toEqual([]);
  });

  it('does not take a shared role inbox (info@, sales@) for one person', () => {
    const a = lead('L1', { firstName: 'Maria', lastName: 'Lopez', email: 'info@brightdental.example' });
    const b = lead('L2', { firstName: 'Kevin', lastName: 'Osei', email: 'Info@BrightDental.example' });
    const match = matchPeople(matcher, prepareRecord(a), prepareRecord(b));
    expect(match.decision).toBe('unique');
    expect(match.reasonText).toContain('shared mailbox');
    const c = lead('L3', { firstName: 'Maria', lastName: 'Lopez', email: 'sales@brightdental.example' });
    const d = lead('L4', { firstName: 'Kevin', lastName: 'Lopez', email: 'sales@brightdental.example' });
    expect(decisionOf(c, d)).not.toBe('duplicate');
  });

  it('keeps namesakes at other companies in the same city apart', () => {
    const a = lead('L1', {
      firstName: 'James',
      lastName: 'Smith',
      email: 'james.smith@northwind.example',
      phone: '+1 312 641 2200',
      company: 'Northwind Traders',
      city: 'Chicago',
    });
    const b = lead('L2', {
      firstName: 'James',
      lastName: 'Smith',
      email: 'jsmith@contoso.example',
      phone: '+1 773 555 0142',
      company: 'Contoso Ltd',
      city: 'Chicago',
    });
    expect(decisionOf(a, b)).toBe('unique');
  });

  it('keeps two colleagues of one name apart when the mail system numbered the second mailbox', () => {
    const office = { company: 'Tailspin Toys GmbH', city: 'München' };
    const first = lead('L1', {
      firstName: 'Frances',
      lastName: 'Thompson',
      email: 'frances_thompson@tailspin.example',
      phone: '089 20654947',
      ...office,
    });
    const second = lead('L2', {
      firstName: 'Frances',
      lastName: 'Thompson',
      email: 'frances_thompson2@tailspin.example',
      phone: '+49 89 42645771',
      ...office,
    });
    const match = matchPeople(matcher, prepareRecord(first), prepareRecord(second));
    expect(match.decision).not.toBe('duplicate');
    expect(match.reasonText).toContain('mailboxes numbered apart at the same company domain');
    // A slip of typing (two letters swapped) in one person's address is not a second mailbox.
    const typed = lead('L3', { ...first, id: 'L3', email: 'frances_thopmson@tailspin.example' });
    expect(matchPeople(matcher, prepareRecord(first), prepareRecord(typed)).reasonText).not.toContain(
      'different mailbox',
    );
  });

  it('keeps a namesake at another company apart even with a rare name, when nothing personal is shared', () => {
    const a = lead('L1', {
      firstName: 'Ingrid',
      lastName: 'Jorkelberg',
      email: 'ingrid.jorkelberg@quantum.example',
      phone: '020 3250 1614',
      company: 'Quantum Consulting',
      city: 'London',
      country: 'UK',
    });
    const b = lead('L2', {
      firstName: 'Ingrid',
      lastName: 'Jorkelberg',
      email: 'ijorkelberg@woodgrove.example',
      phone: '+49 89 55992275',
      company: 'Woodgrove Consulting AG',
      city: 'München',
      country: 'Germany',
    });
    expect(decisionOf(a, b)).not.toBe('duplicate');
  });

  it('keeps family members at one address with one landline apart', () => {
    const home = { street: '12 Maple Drive', city: 'Denver', postalCode: '80203', phone: '(303) 292-1500' };
    const mother = lead('L1', {
      firstName: 'Linda',
      lastName: 'Garcia',
      email: 'linda.garcia@yahoo.com',
      ...home,
    });
    const son = lead('L2', {
      firstName: 'Daniel',
      lastName: 'Garcia',
      email: 'dgarcia99@gmail.com',
      ...home,
    });
    const match = matchPeople(matcher, prepareRecord(mother), prepareRecord(son));
    expect(match.decision).toBe('unique');
    expect(match.reasonText).toContain('shared office or household line');
  });

  it('keeps a father and son (Sr/Jr) apart, from a Suffix field or the last name', () => {
    const home = { street: '7 Oak Avenue', city: 'Atlanta', postalCode: '30303', phone: '(404) 523-6600' };
    const father = lead('L1', { firstName: 'Robert', lastName: 'Johnson', suffix: 'Sr.', ...home });
    const son = lead('L2', { firstName: 'Robert', lastName: 'Johnson Jr.', ...home });
    const match = matchPeople(matcher, prepareRecord(father), prepareRecord(son));
    expect(match.decision).not.toBe('duplicate');
    expect(match.reasonText).toContain('different suffix');
  });
});

describe('the same person behind different spellings is found', () => {
  it('flags Bob Smyth (no country, free mail) and Robert Smith (+1, work mail) at Globex', () => {
    const match = matchPeople(matcher, prepareRecord(bob), prepareRecord(robert));
    expect(['duplicate', 'possible']).toContain(match.decision);
    expect(match.reasonText).toContain('same phone');
    expect(match.reasonText).toContain('nickname');
  });

  it('brings Bob Smyth and Robert Smith together in a bulk run among other records', async () => {
    const others = Array.from({ length: 30 }, (_, i) =>
      lead(`L9${String(i).padStart(2, '0')}`, {
        firstName: `Person${i}`,
        lastName: `Other${i}`,
        company: 'Globex Corporation',
        phone: `+1 415 392 ${String(1000 + i)}`,
      }),
    );
    const { pairs } = await bulkDedupe([bob, robert, ...others]);
    expect(pairs.map((p) => [p.leftId, p.rightId])).toContainEqual(['L1', 'L2']);
  });

  it('flags a person who changed employer when the same mobile number follows them', () => {
    const before = lead('L1', {
      firstName: 'Michael',
      lastName: 'García López',
      email: 'michael.garcialopez@umbrella.example',
      mobilePhone: '+447400395166',
      company: 'Umbrella Consulting',
      city: 'Manchester',
      country: 'UK',
    });
    const after = lead('L2', {
      firstName: 'Michael',
      lastName: 'García López',
      email: 'mgarcialopez@piedpiper.example',
      phone: '+44 7400 395166',
      company: 'Pied Piper Networks LLP',
      city: 'Edinburgh',
      country: 'United Kingdom',
    });
    const match = matchPeople(matcher, prepareRecord(before), prepareRecord(after));
    expect(match.decision).toBe('duplicate');
    expect(match.reasonText).toContain('the shared phone is a mobile');
    // Without the mobile, a same name at another employer stays short of a flag.
    expect(decisionOf({ ...before, mobilePhone: null }, after)).not.toBe('duplicate');
  });

  it('reads a national number in the default region when the record has no country', () => {
    const national = preparerFor({ defaultCountry: 'US' })(bob);
    expect(national.phones[0]?.e164).toBe('+14155550101');
    expect(prepareRecord(bob).phones[0]).toEqual({ e164: null, national: '4155550101' });
    const german = preparerFor({ defaultCountry: 'US' })({
      ...bob,
      country: 'Deutschland',
      phone: '030 12345678',
    });
    expect(german.phones[0]?.e164).toBe('+493012345678');
  });

  it('does not match the same national digits in two different countries', () => {
    const us = lead('L1', { firstName: 'Ann', lastName: 'Lee', phone: '+1 202 555 0143' });
    const gb = lead('L2', { firstName: 'Tom', lastName: 'Ray', phone: '+44 2025550143' });
    expect(matchPeople(matcher, prepareRecord(us), prepareRecord(gb)).reasonText).not.toContain('same phone');
  });

  it('ignores a placeholder company such as Web-to-Lead’s "[not provided]"', () => {
    const a = lead('L1', { firstName: 'Ann', lastName: 'Lee', company: '[not provided]' });
    expect(prepareRecord(a).company).toBeNull();
  });
});
