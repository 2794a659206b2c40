import { describe, expect, it } from 'vitest';

import { countryCode } from '../../../src/matching/country-code.js';
import { isFreeMailDomain } from '../../../src/matching/free-mail-domains.js';
import { normaliseCompany } from '../../../src/matching/normalise-company.js';
import { normaliseDomain } from '../../../src/matching/normalise-domain.js';
import { normaliseEmail } from '../../../src/matching/normalise-email.js';
import { normaliseName } from '../../../src/matching/normalise-name.js';
import { normalisePhone } from '../../../src/matching/normalise-phone.js';
import { areNicknames } from '../../../src/matching/nicknames.js';

describe('normaliseEmail', () => {
  it.each([
    ['John.Smith@Example.COM', 'john.smith@example.com'],
    ['john.smith+crm@example.com', 'john.smith@example.com'],
    ['J.O.H.N.Smith+news@gmail.com', 'johnsmith@gmail.com'],
    ['john.smith@googlemail.com', 'johnsmith@gmail.com'],
    ['  <Bob@acme.io>  ', 'bob@acme.io'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normaliseEmail(raw)?.address).toBe(expected);
  });

  it('keeps dots outside gmail because other providers deliver them separately', () => {
    expect(normaliseEmail('j.smith@outlook.com')?.address).toBe('j.smith@outlook.com');
  });

  it('returns null for values that are not addresses', () => {
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normaliseEmail('')).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });
});

describe('normaliseCompany', () => {
  it.each([
    ['Acme Inc.', 'acme'],
    ['ACME, LLC', 'acme'],
    ['The Acme Company', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ['Müller und Söhne GmbH & Co. KG', 'muller and sohne'],
    ['Fiat S.p.A.', 'fiat'],
    ['Renault SA', 'renault'],
    ['Dupont SARL', 'dupont'],
    ['Philips N.V.', 'philips'],
    ['Booking B.V.', 'booking'],
    ['Atlassian Pty Ltd', 'atlassian'],
    ['Toyota K.K.', 'toyota'],
    ['Nokia Oyj', 'nokia'],
    ['Spotify AB (publ)', 'spotify'],
    ['Equinor ASA', 'equinor'],
    ['Grupo Bimbo S.A.B. de C.V.', 'grupo bimbo'],
    ['Intl Business Machines Corp', 'international business machines'],
    ['Acme Mfg. & Svcs', 'acme manufacturing and services'],
    ['Allegro sp. z o.o.', 'allegro'],
  ])('reduces %s to %s', (raw, key) => {
    expect(normaliseCompany(raw)?.key).toBe(key);
  });

  it('never strips a name down to nothing', () => {
    expect(normaliseCompany('Company Inc')?.key).toBe('company');
  });
});

describe('normaliseName', () => {
  it.each([
    ['  José  ', 'jose'],
    ["O'Brien", 'obrien'],
    ['Smith-Jones', 'smith jones'],
    ['Dr. Anna Schäfer', 'anna schafer'],
    ['Łukasz', 'lukasz'],
    ['Robert Jr.', 'robert'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('knows common nicknames in both directions', () => {
    expect(areNicknames('bob', 'robert')).toBe(true);
    expect(areNicknames('bill', 'william')).toBe(true);
    expect(areNicknames('bob', 'rob')).toBe(true);
    expect(areNicknames('liz', 'elizabeth')).toBe(true);
    expect(areNicknames('bob', 'william')).toBe(false);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['(415) 555-0132', 'US', '+14155550132'],
    ['415.555.0132 ext. 12', 'US', '+14155550132'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['030 12345678', 'DE', '+493012345678'],
    ['0049 30 12345678', 'US', '+493012345678'],
    ['+33 1 42 68 53 00', null, '+33142685300'],
  ])('reads %s in %s as %s', (raw, country, expected) => {
    expect(normalisePhone(raw, country)).toBe(expected);
  });

  it('uses the record country to read a national number', () => {
    expect(normalisePhone('01 42 68 53 00', countryCode('France'))).toBe('+33142685300');
    expect(normalisePhone('01 42 68 53 00', countryCode('United States'))).toBeNull();
  });

  it('returns null for junk', () => {
    expect(normalisePhone('n/a', 'US')).toBeNull();
  });
});

describe('countryCode and domains', () => {
  it('resolves CRM country spellings', () => {
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('uk')).toBe('GB');
    expect(countryCode('Atlantis')).toBeNull();
  });

  it('reduces a website to its host', () => {
    expect(normaliseDomain('https://www.Acme.com/about?x=1')).toBe('acme.com');
    expect(normaliseDomain('acme.co.uk')).toBe('acme.co.uk');
    expect(normaliseDomain('acme')).toBeNull();
  });

  it('treats consumer mailbox domains as free mail', () => {
    for (const domain of ['gmail.com', 'yahoo.com', 'outlook.com', 'web.de', 'qq.com'])
      expect(isFreeMailDomain(domain)).toBe(true);
    expect(isFreeMailDomain('acme.com')).toBe(false);
  });
});
