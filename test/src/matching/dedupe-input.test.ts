import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { readDedupeRecords } from '../../../src/cli/dedupe-input.js';
import { DedupeInputError } from '../../../src/cli/dedupe-input-error.js';
import type { MatchRecord } from '../../../src/matching/match-record.js';
import { resolveColumns } from '../../../src/matching/resolve-columns.js';

async function read(text: string, format: 'csv' | 'jsonl' = 'csv', mapping = {}): Promise<MatchRecord[]> {
  const out: MatchRecord[] = [];
  for await (const r of readDedupeRecords(Readable.from([text]), { name: 'leads.csv', format, mapping }))
    out.push(r);
  return out;
}

async function failure(text: string, format: 'csv' | 'jsonl' = 'csv'): Promise<DedupeInputError> {
  try {
    await read(text, format);
  } catch (err) {
    if (err instanceof DedupeInputError) return err;
    throw err;
  }
  throw new Error('expected a DedupeInputError');
}

describe('resolveColumns', () => {
  it('recognises a HubSpot contacts export without flags', () => {
    const headers = [
      'Record ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Mobile Phone Number',
      'Company Name',
      'City',
      'Country/Region',
      'Website',
    ];
    expect(resolveColumns(headers).columns).toEqual({
      id: 0,
      firstName: 1,
      lastName: 2,
      email: 3,
      phone: 4,
      mobilePhone: 5,
      company: 6,
      city: 7,
      country: 8,
      website: 9,
    });
  });

  it('recognises a Salesforce export and marks Contact ID files as contacts', () => {
    const lead = resolveColumns(['Id', 'FirstName', 'LastName', 'Email', 'Company', 'Phone', 'Country']);
    expect(lead.columns).toMatchObject({
      id: 0,
      firstName: 1,
      lastName: 2,
      email: 3,
      company: 4,
      phone: 5,
      country: 6,
    });
    expect(lead.defaultKind).toBe('lead');
    expect(resolveColumns(['Contact ID', 'Email']).defaultKind).toBe('contact');
  });

  it('lets --map add fields the exports do not name', () => {
    const r = resolveColumns(['Id', 'DOB', 'Member No'], { dateOfBirth: 'DOB', externalId: 'member no' });
    expect(r.columns).toMatchObject({ dateOfBirth: 1, externalId: 2 });
    expect(resolveColumns(['Id'], { dateOfBirth: 'Birthday' }).missing).toEqual([
      { field: 'dateOfBirth', column: 'Birthday' },
    ]);
  });
});

describe('readDedupeRecords', () => {
  it('splits a full-name column when the file has no first or last name column', async () => {
    const resolution = resolveColumns(['Id', 'Full Name', 'Email', 'Title']);
    expect(resolution.fullName).toBe(1);
    expect(resolution.unused).toEqual(['Title']);
    expect(resolveColumns(['Id', 'Name', 'First Name']).fullName).toBeUndefined();
    const rows = await read(
      'Id,Name,Suffix\n1,"Smith, Jon",\n2,Dr. Robert J. Smith Jr.,\n3,Maria de la Cruz,III\n4,,\n',
    );
    expect(rows.map((r) => [r.firstName, r.lastName, r.suffix])).toEqual([
      ['Jon', 'Smith', null],
      ['Robert', 'Smith', 'Jr.'],
      ['Maria', 'de la Cruz', 'III'],
      [null, null, null],
    ]);
    const jsonl = await read('{"id":"1","name":"Ann O\'Neil"}\n', 'jsonl');
    expect(jsonl.map((r) => [r.firstName, r.lastName])).toEqual([['Ann', "O'Neil"]]);
  });

  it('streams CSV rows into match records', async () => {
    const records = await read(
      'Record ID,First Name,Email,Country/Region\n1,Bob,bob@acme.com,United States\n',
    );
    expect(records).toEqual([
      expect.objectContaining({
        id: '1',
        kind: 'lead',
        firstName: 'Bob',
        email: 'bob@acme.com',
        country: 'United States',
      }),
    ]);
  });

  it('reads JSON Lines with export or field names', async () => {
    const records = await read(
      '{"Record ID": 7, "First Name": "Ann"}\n\n{"id": "8", "lastName": "Lee"}\n',
      'jsonl',
    );
    expect(records.map((r) => [r.id, r.firstName, r.lastName])).toEqual([
      ['7', 'Ann', null],
      ['8', null, 'Lee'],
    ]);
  });

  it('names the file, line and column of a malformed CSV row', async () => {
    const err = await failure('Record ID,First Name,Email\n1,Bob,bob@acme.com\n2,"Ann"x,ann@acme.com\n');
    expect(err.line).toBe(3);
    expect(err.column).toBe('2 (First Name)');
    expect(err.message).toMatch(/^leads\.csv: line 3, column 2 \(First Name\): /);
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const err = await failure('Record ID,First Name\n1,Bob\n2,Ann,extra\n');
    expect(err.line).toBe(3);
    expect(err.message).toContain('line 3');
  });

  it('names the line and column of a row without an id', async () => {
    const err = await failure('Record ID,First Name\n1,Bob\n,Ann\n');
    expect(err).toMatchObject({ line: 3, column: 'Record ID' });
  });

  it('names the line and column of invalid JSON', async () => {
    const err = await failure('{"id": "1"}\n{"id": "2", oops}\n', 'jsonl');
    expect(err.line).toBe(2);
    expect(err.column).not.toBeNull();
  });

  it('refuses a file without an id column', async () => {
    const err = await failure('Name,Email\nBob,bob@acme.com\n');
    expect(err.message).toContain('no id column');
  });
});
