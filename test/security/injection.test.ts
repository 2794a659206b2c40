import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HubspotClient } from '../../connectors/hubspot/client.js';
import { HubspotConnector } from '../../connectors/hubspot/connector.js';
import { filter, searchProperty, searchValue } from '../../connectors/hubspot/search-filter.js';
import { UNLIMITED_GATE } from '../../connectors/rate-budget.js';
import { SalesforceClient } from '../../connectors/salesforce/client.js';
import { SalesforceConnector } from '../../connectors/salesforce/connector.js';
import { soqlDateTime, soqlId, soqlIdentifier, soqlString } from '../../connectors/salesforce/soql.js';
import type { AttributionReport } from '../../src/report/attribution-report.js';
import { renderAttributionHtml } from '../../src/report/render-attribution-html.js';
import { renderAttributionCsv } from '../../src/report/render-attribution-text.js';
import { JSON_REPLY, queryOf, requestJson, useJsforceMock } from '../helpers/jsforce-mock.js';

const SOQL_PAYLOADS = [
  "x' OR Name != '",
  "\\' OR 1=1 --",
  "'; DELETE FROM Lead; '",
  "O'Brien\\",
  "a' AND Id IN (SELECT Id FROM User) AND Name = 'b",
  '\n\r\t\b\f"\'\\',
  "%' OR Name LIKE '%",
];

/** Reads one SOQL string literal from the start of `text`; returns its value and where it ended. */
function readSoqlLiteral(text: string): { value: string; end: number } {
  const unescape: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  if (text[0] !== "'") throw new Error('not a literal');
  let value = '';
  for (let i = 1; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '\\') {
      const next = text.charAt(i + 1);
      value += unescape[next] ?? next;
      i += 1;
    } else if (c === "'") return { value, end: i + 1 };
    else value += c;
  }
  throw new Error('unterminated literal');
}

describe('SOQL escaping of record data', () => {
  for (const payload of SOQL_PAYLOADS) {
    it(`keeps ${JSON.stringify(payload)} inside one string literal`, () => {
      const literal = soqlString(payload);
      expect(readSoqlLiteral(literal)).toEqual({ value: payload, end: literal.length });
    });
  }

  it('keeps any string inside one literal that decodes back to it (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const literal = soqlString(s);
        const read = readSoqlLiteral(literal);
        return read.value === s && read.end === literal.length;
      }),
      { seed: 8_004, numRuns: 2_000 },
    );
  });

  it('refuses ids, identifiers and dates carrying SOQL', () => {
    for (const payload of [
      ...SOQL_PAYLOADS,
      "001000000000001' OR Id != '",
      '001000000000001AAA OR Id != null',
    ]) {
      expect(() => soqlId(payload)).toThrow();
      expect(() => soqlIdentifier(payload)).toThrow();
    }
    for (const name of ['Lead WHERE Id != null', 'Name, (SELECT Id FROM Users)', 'Name FROM User --', 'Id;'])
      expect(() => soqlIdentifier(name)).toThrow();
    expect(() => soqlDateTime("2024-01-01T00:00:00Z' OR Id != '")).toThrow();
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          return /^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/.test(soqlDateTime(s));
        } catch {
          return true;
        }
      }),
      { seed: 8_004, numRuns: 2_000 },
    );
  });
});

const INSTANCE = 'https://acme.my.salesforce.example';
const V = '/services/data/v62.0';
const sfMock = useJsforceMock();
const NOW = Date.parse('2024-06-01T00:00:00Z');

function salesforce(fields: readonly string[]): SalesforceConnector {
  const client = new SalesforceClient({
    connectionId: 'sf-test',
    loginUrl: 'https://login.salesforce.example',
    apiVersion: '62.0',
    auth: { type: 'access_token', accessToken: '00Dxx!token', instanceUrl: INSTANCE },
    gate: UNLIMITED_GATE,
    now: () => NOW,
    refreshCooldownMs: 60_000,
  });
  return new SalesforceConnector(client, { now: () => NOW, fields: { Lead: fields } });
}

// A fresh deadline per call: one made at load time runs out while slow property tests run first.
const ctx = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(10_000) });

async function drainChanges(connector: SalesforceConnector, type: string): Promise<void> {
  const pages = connector.listChanges(type, null, ctx())[Symbol.asyncIterator]();
  while (!(await pages.next()).done) {
    // reading is enough
  }
}

describe('the Salesforce connector building requests from hostile data (nock)', () => {
  it('refuses an object type or field name carrying SOQL before any request is sent', async () => {
    await expect(drainChanges(salesforce(['Id']), 'Lead WHERE Id != null')).rejects.toThrow(
      /SOQL identifier/,
    );
    await expect(drainChanges(salesforce(['Id', 'Name FROM User --']), 'Lead')).rejects.toThrow(
      /SOQL identifier/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('sends only the expected query shape for a listing', async () => {
    const queries: string[] = [];
    sfMock()
      .get(INSTANCE)
      .intercept({ method: 'GET', path: (p) => p.startsWith(`${V}/queryAll?`) })
      .reply(
        200,
        ({ path }) => {
          queries.push(queryOf(path)['q'] ?? '');
          return { totalSize: 0, done: true, records: [] };
        },
        JSON_REPLY,
      );
    await drainChanges(salesforce(['Id', 'LastName']), 'Lead');
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(
      /^SELECT Id, SystemModstamp, IsDeleted, LastName FROM Lead WHERE SystemModstamp >= \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ AND SystemModstamp < \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ORDER BY SystemModstamp ASC, Id ASC$/,
    );
  });

  it('passes hostile record ids as JSON data when reading records', async () => {
    let sent: unknown;
    sfMock()
      .get(INSTANCE)
      .intercept({ method: 'POST', path: `${V}/composite/sobjects/Lead` })
      .reply(
        200,
        async ({ body }) => {
          sent = await requestJson(body);
          return [null, null];
        },
        JSON_REPLY,
      );
    const ids = ["001' OR Id != '", '"]} , "fields": ["Password"'];
    expect(await salesforce(['Id']).readBatch('Lead', ids, ctx())).toEqual([]);
    expect(sent).toEqual({ ids, fields: ['Id'] });
  });

  it('percent-encodes hostile ids in a delete URL so they cannot add parameters', async () => {
    let query: Record<string, unknown> = {};
    sfMock()
      .get(INSTANCE)
      .intercept({ method: 'DELETE', path: (p) => p.startsWith(`${V}/composite/sobjects?`) })
      .reply(
        200,
        ({ path }) => {
          query = queryOf(path);
          return [{ id: null, success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'bad id' }] }];
        },
        JSON_REPLY,
      );
    await salesforce(['Id']).deleteBatch('Lead', ['x&allOrNone=true&ids=001000000000001'], ctx());
    expect(query).toEqual({ ids: 'x&allOrNone=true&ids=001000000000001', allOrNone: 'false' });
  });
});

const HUBSPOT_PAYLOADS = [
  'a"b',
  "a'b",
  '"}],"operator":"NEQ","value":"x',
  '{"propertyName":"email","operator":"HAS_PROPERTY"}',
  'NEQ',
  '* OR 1=1',
  '\\"',
];

describe('HubSpot search filters built from hostile data', () => {
  for (const value of HUBSPOT_PAYLOADS) {
    it(`keeps ${JSON.stringify(value)} a plain value of one filter`, () => {
      const f = filter('email', 'EQ', value);
      expect(f).toEqual({ propertyName: 'email', operator: 'EQ', value });
      const wire = JSON.parse(JSON.stringify({ filterGroups: [{ filters: [f] }] })) as unknown;
      expect(wire).toEqual({
        filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value }] }],
      });
    });
  }

  it('keeps any printable value a plain value of one filter (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 300 })
          .filter((s) => !Array.from({ length: s.length }, (_v, i) => s.charCodeAt(i)).some((c) => c < 0x20)),
        (value) => {
          const wire = JSON.parse(JSON.stringify([filter('email', 'EQ', value)])) as unknown[];
          return (
            wire.length === 1 &&
            JSON.stringify(wire[0]) === JSON.stringify({ propertyName: 'email', operator: 'EQ', value })
          );
        },
      ),
      { seed: 8_004, numRuns: 2_000 },
    );
  });

  it('refuses property names that are not API names, control characters and over-long values', () => {
    for (const name of HUBSPOT_PAYLOADS.filter((p) => p !== 'NEQ'))
      expect(() => searchProperty(name)).toThrow();
    expect(() => searchProperty('email","operator":"HAS_PROPERTY')).toThrow();
    expect(() => searchValue('a\u0000b')).toThrow();
    expect(() => searchValue('a\nb')).toThrow();
    expect(() => searchValue('x'.repeat(1_001))).toThrow();
  });

  it('passes hostile record ids to HubSpot as JSON data (nock)', async () => {
    const BASE = 'https://api.hubapi.example';
    let sent: unknown;
    nock(BASE)
      .post('/crm/objects/2026-03/contacts/batch/read', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(200, { status: 'COMPLETE', results: [] });
    const client = new HubspotClient({
      connectionId: 'hs-test',
      baseUrl: BASE,
      auth: { type: 'private_app', accessToken: 'pat-token' },
      gate: UNLIMITED_GATE,
      now: () => NOW,
    });
    const connector = new HubspotConnector(client, { now: () => NOW, properties: { contacts: ['email'] } });
    const ids = ['1"}],"properties":["hs_password"]', "2' OR 1=1"];
    expect(await connector.readBatch('contacts', ids, ctx())).toEqual([]);
    expect(sent).toMatchObject({ inputs: ids.map((id) => ({ id })), properties: ['email'] });
  });
});

function report(names: readonly string[]): AttributionReport {
  return {
    from: '2026-01-01',
    to: '2026-01-31',
    basis: 'won',
    opportunities: names.length,
    rows: names.map((partnerName, i) => ({
      partnerId: i === 0 ? '=HYPERLINK("http://evil.example","x")' : `P${i}`,
      partnerName,
      currency: i === 1 ? '+USD' : 'USD',
      sourcedAmount: 100,
      sourcedDeals: 1,
      influencedAmount: -5,
      influencedDeals: 1,
    })),
  };
}

const FORMULAS = [
  '=1+1',
  '+SUM(A1:A2)',
  '-2+3',
  '@SUM(A1)',
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

describe('attribution CSV export', () => {
  it('neutralises every text cell a spreadsheet would run as a formula', () => {
    const csv = renderAttributionCsv(report(FORMULAS));
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows).toHaveLength(FORMULAS.length);
    rows.forEach((row, i) => {
      for (const column of ['partner_id', 'partner_name', 'currency'])
        expect(row[column], `${column} of row ${i}`).not.toMatch(/^[=+\-@\t\r]/);
      expect(row['partner_name']).toBe(`'${FORMULAS[i] ?? ''}`);
    });
    expect(rows[0]?.['partner_id']).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(rows[1]?.['currency']).toBe("'+USD");
  });

  it('leaves ordinary names and negative amounts as they are', () => {
    const rows = parse<Record<string, string>>(renderAttributionCsv(report(['Acme', 'Beta, "B" & Co'])), {
      columns: true,
    });
    expect(rows.map((r) => r['partner_name'])).toEqual(['Acme', 'Beta, "B" & Co']);
    expect(rows[0]?.['influenced_amount']).toBe('-5.00');
  });
});

describe('attribution HTML report', () => {
  const XSS = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</text><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>',
    '&lt;script&gt;',
  ];

  it('escapes partner names, currency and connection id everywhere they appear', () => {
    const r = report(XSS);
    const html = renderAttributionHtml(
      { ...r, rows: r.rows.map((row) => ({ ...row, currency: '<b>USD</b>' })) },
      '<script>x</script>',
    );
    // Raw tags only: the same words escaped as text are harmless.
    expect(html).not.toMatch(/<(script|img|iframe|foreignObject)|<svg onload|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp;lt;script&amp;gt;');
    expect(html).not.toContain('<b>USD</b>');
  });
});
