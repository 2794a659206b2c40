import { describe, expect, it } from 'vitest';
import { applyTransform, type TransformEnv } from '../../mappings/apply-transform.js';
import { mapObject } from '../../mappings/engine.js';
import type { Mapping } from '../../mappings/schema.js';
import { type TransformSpec, transformObject } from '../../mappings/transform-spec.js';

const env = (read: Record<string, unknown> = {}): TransformEnv => ({
  timeZone: 'UTC',
  phoneCountry: 'US',
  currency: 'USD',
  read: (path) => read[path] ?? null,
});
const run = (spec: TransformSpec, value: unknown, e: TransformEnv = env()) =>
  applyTransform(transformObject(spec), value, e);

describe('transforms', () => {
  it.each([
    [
      'datetime with an offset becomes UTC',
      'datetime',
      '2024-03-01T10:00:00.000+0100',
      '2024-03-01T09:00:00.000Z',
    ],
    ['datetime from HubSpot epoch milliseconds', 'datetime', '1709287200000', '2024-03-01T10:00:00.000Z'],
    [
      'naive datetime is wall time in the zone (winter)',
      { fn: 'datetime', timeZone: 'Europe/Berlin' },
      '2024-01-15 09:30',
      '2024-01-15T08:30:00.000Z',
    ],
    [
      'naive datetime is wall time in the zone (summer)',
      { fn: 'datetime', timeZone: 'Europe/Berlin' },
      '2024-07-15T09:30:00',
      '2024-07-15T07:30:00.000Z',
    ],
    [
      'a date is midnight in the zone',
      { fn: 'datetime', timeZone: 'America/New_York' },
      '2024-03-10',
      '2024-03-10T05:00:00.000Z',
    ],
    [
      'date of an instant is the local day in the zone',
      { fn: 'date', timeZone: 'Asia/Tokyo' },
      '2024-03-01T20:00:00Z',
      '2024-03-02',
    ],
    ['date keeps a plain date', { fn: 'date', timeZone: 'Asia/Tokyo' }, '2024-03-01', '2024-03-01'],
    ['phone to E.164 with the default country', 'phone', '(415) 555-0132', '+14155550132'],
    ['phone with an international prefix ignores the default', 'phone', '+44 20 7946 0958', '+442079460958'],
    [
      'phone with a country read from the record',
      { fn: 'phone', countryFrom: 'CountryCode' },
      '030 123456',
      '+4930123456',
    ],
    ['domain from a website', 'domainFromWebsite', 'HTTPS://WWW.Acme.com:8443/path?q=1', 'acme.com'],
    ['domain from an e-mail', 'domainFromEmail', 'Bob@Sub.Acme.co.uk', 'sub.acme.co.uk'],
    ['domain from either', 'domain', 'bob@acme.com', 'acme.com'],
    ['email is trimmed and lower-cased', 'email', '  Bob.Smith@Example.COM ', 'bob.smith@example.com'],
    ['number with thousands separators', 'number', '1,234.50', 1234.5],
    ['number with a decimal comma', { fn: 'number', decimalSeparator: ',' }, '1.234,50', 1234.5],
    ['boolean from HubSpot strings', 'boolean', 'false', false],
    ['boolean with extra true words', { fn: 'boolean', true: ['ja'] }, 'Ja', true],
    ['currency upper-cases the code', 'currency', 'eur', 'EUR'],
    ['currency falls back to the default', 'currency', null, 'USD'],
    ['split a multi-select', 'split', 'EMEA; NA ;;APAC', ['EMEA', 'NA', 'APAC']],
    ['split with a separator', { fn: 'split', separator: ',' }, 'a, b', ['a', 'b']],
    ['join a list', { fn: 'join', separator: ' | ' }, ['a', 'b'], 'a | b'],
    ['concat skips empty values', 'concat', ['Ana', null, 'García'], 'Ana García'],
    ['first non-empty value', 'first', [null, 'x', 'y'], 'x'],
    ['trim makes blank text null', 'trim', '   ', null],
    ['lower works element by element on lists', 'lower', ['A', 'B'], ['a', 'b']],
  ] as const)('%s', (_name, spec, input, expected) => {
    const r = run(spec as TransformSpec, input, env({ CountryCode: 'DE' }));
    expect(r).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['number', 'abc', 'cannot read "abc" as a number'],
    ['datetime', 'yesterday', 'cannot read "yesterday" as a datetime'],
    ['email', 'not-an-email', 'cannot read "not-an-email" as an e-mail address'],
    ['phone', '12', 'cannot read "12" as a phone number'],
    ['currency', 'euro', '"euro" is not an ISO-4217 currency code'],
    ['boolean', 'maybe', 'cannot read "maybe" as a boolean'],
  ] as const)('%s rejects %s', (spec, input, message) => {
    expect(run(spec, input)).toEqual({ ok: false, message });
  });
});

describe('field specs', () => {
  const mapping: Mapping = {
    version: 1,
    provider: 'salesforce',
    defaults: { currency: 'USD', timeZone: 'UTC' },
    objects: {
      opp: {
        entity: 'opportunity',
        source: 'Opportunity',
        fields: {
          name: { from: ['Name', 'Account.Name'], transform: { fn: 'concat', separator: ' – ' } },
          currency: { const: 'EUR' },
          stage: 'StageName',
          isClosed: { from: 'StageName', map: { 'Closed Won': true, 'closed lost': true }, otherwise: false },
          isWon: { from: 'StageName', map: { 'Closed Won': true }, otherwise: false },
          amount: { from: 'Amount', transform: 'number', onInvalid: 'null' },
          createdAt: { from: 'CreatedDate', transform: 'datetime' },
          closedAt: { from: 'CloseDate', transform: 'datetime', when: { field: 'IsClosed', eq: true } },
          accountId: { from: 'Acct_Key__c', ref: { object: 'opp', by: 'externalId', field: 'Key__c' } },
        },
      },
    },
  };
  const record = {
    Id: '006A',
    Name: 'Deal',
    Account: { Name: 'Acme' },
    StageName: 'Closed Lost',
    Amount: 'n/a',
    IsClosed: true,
    CloseDate: '2024-05-01',
    CreatedDate: '2024-01-01T00:00:00Z',
    Acct_Key__c: 'ACME-1',
  };

  it('applies concat, const, case-insensitive value maps, otherwise, onInvalid null, when and external-id references', () => {
    const r = mapObject(mapping, 'opp', record, { connection: 'c' });
    expect(r.ok).toBe(true);
    const mapped = r.ok ? r.entities[0] : undefined;
    expect(mapped?.entity.entity).toMatchObject({
      name: 'Deal – Acme',
      currency: 'EUR',
      isClosed: true,
      isWon: false,
      amount: null,
      closedAt: '2024-05-01T00:00:00.000Z',
      accountId: 'ACME-1',
    });
    expect(mapped?.references).toEqual([
      { field: 'accountId', object: 'opp', by: 'externalId', externalIdField: 'Key__c', value: 'ACME-1' },
    ]);
  });

  it('a value missing from a map without otherwise is an issue at the map', () => {
    const strict: Mapping = {
      ...mapping,
      objects: {
        opp: {
          ...mapping.objects.opp!,
          fields: {
            ...mapping.objects.opp!.fields,
            isWon: { from: 'StageName', map: { 'Closed Won': true } },
          },
        },
      },
    };
    expect(mapObject(strict, 'opp', record, { connection: 'c' })).toMatchObject({
      ok: false,
      issues: [
        {
          path: 'objects.opp.fields.isWon.map',
          message: 'no value for "Closed Lost" (known: Closed Won; or set otherwise)',
        },
      ],
    });
  });
});
