import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDedupeRecords } from '../../src/cli/dedupe-input.js';
import { DedupeInputError } from '../../src/cli/dedupe-input-error.js';
import { HUBSPOT_SECRET, ORG_ID, PORTAL_ID, RELAY_SECRET } from '../helpers/webhook-app.js';
import { HS_TOKEN, startAdminHarness, type AdminHarness } from '../src/http/admin/admin-harness.js';
import { longestBlockMs } from './event-loop-probe.js';
import { PUBLIC, startSecurityApp, type SecurityApp } from './security-app.js';

// Property-based: for every input format, any body gives 4xx or success, never 5xx, and the event loop is
// never held for 100 ms. Runs are bounded so CI stays fast; FUZZ_RUNS raises them locally.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const SEED = 0x5ec_0016;
const MAX_BLOCK_MS = 100;

const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
const bytes = fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b));
const text = (arb: fc.Arbitrary<string>): fc.Arbitrary<Buffer> => arb.map((s) => Buffer.from(s));

const hubspotEvent = fc.record(
  {
    eventId: fc.oneof(fc.nat(), fc.string(), fc.constant(null)),
    portalId: fc.oneof(fc.constant(Number(PORTAL_ID)), fc.nat(), fc.string()),
    appId: fc.oneof(fc.nat(), fc.jsonValue()),
    occurredAt: fc.oneof(fc.nat(), fc.double(), fc.string()),
    subscriptionType: fc.oneof(fc.constantFrom('contact.propertyChange', 'deal.creation', 'x'), fc.string()),
    objectId: fc.oneof(fc.nat(), fc.string(), fc.jsonValue()),
    propertyName: fc.string(),
    propertyValue: fc.jsonValue(),
    __proto__: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const hubspotBody = fc.oneof(
  text(fc.array(hubspotEvent, { maxLength: 120 }).map((e) => JSON.stringify(e))),
  text(fc.json()),
  text(deepJson),
  bytes,
);

const header = fc.record(
  {
    entityName: fc.oneof(fc.constantFrom('Lead', 'Contact'), fc.string()),
    recordIds: fc.oneof(fc.array(fc.string(), { maxLength: 5 }), fc.jsonValue()),
    changeType: fc.oneof(fc.constantFrom('CREATE', 'UPDATE', 'DELETE', 'GAP_OVERFLOW'), fc.string()),
    transactionKey: fc.string(),
    sequenceNumber: fc.oneof(fc.nat(), fc.jsonValue()),
    commitTimestamp: fc.oneof(fc.nat(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const relayBody = fc.oneof(
  text(
    fc
      .array(
        fc.record({
          payload: fc.tuple(header, fc.dictionary(fc.string(), fc.jsonValue())).map(([h, rest]) => ({
            ...rest,
            ChangeEventHeader: h,
          })),
        }),
        { maxLength: 20 },
      )
      .map((e) => JSON.stringify(e)),
  ),
  text(
    fc
      .tuple(header, deepJson)
      .map(([h, deep]) => `{"payload":{"ChangeEventHeader":${JSON.stringify(h)},"X":${deep}}}`),
  ),
  text(fc.json()),
  bytes,
);

const xmlText = fc.string().map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
const fieldName = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
  fc.constantFrom('__proto__', 'constructor', 'Id'),
);
const sobject = fc
  .tuple(
    fc.constantFrom('Lead', 'Contact', 'Lead; DELETE', ''),
    fc.array(fc.tuple(fieldName, xmlText), { maxLength: 30 }),
  )
  .map(
    ([type, fields]) =>
      `<sObject xsi:type="sf:${type}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">${fields.map(([n, v]) => `<sf:${n}>${v}</sf:${n}>`).join('')}</sObject>`,
  );
const notificationXml = fc
  .tuple(fc.oneof(fc.constant('04l000000000001AAA'), xmlText), sobject, fc.integer({ min: 0, max: 4_000 }))
  .map(
    ([id, inner, wide]) =>
      `<Notification><Id>${id}</Id>${inner.replace('</sObject>', `${'<sf:W>v</sf:W>'.repeat(wide)}</sObject>`)}</Notification>`,
  );
const outboundBody = fc.oneof(
  text(
    fc
      .array(notificationXml, { maxLength: 12 })
      .map(
        (ns) =>
          `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${ORG_ID}</OrganizationId><ActionId>04k000000000001AAA</ActionId><EnterpriseUrl>e</EnterpriseUrl><PartnerUrl>p</PartnerUrl>${ns.join('')}</notifications></soapenv:Body></soapenv:Envelope>`,
      ),
  ),
  text(fc.integer({ min: 1, max: 50_000 }).map((d) => `${'<a>'.repeat(d)}${'</a>'.repeat(d)}`)),
  text(fc.string()),
  bytes,
);

function signedHubspot(app: SecurityApp, path: string, body: Buffer): Record<string, string> {
  const timestamp = String(app.now);
  const signature = createHmac('sha256', HUBSPOT_SECRET)
    .update(`POST${PUBLIC}${path}`)
    .update(body)
    .update(timestamp)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': timestamp,
  };
}
function signedRelay(app: SecurityApp, body: Buffer): Record<string, string> {
  const t = String(app.now);
  const v1 = createHmac('sha256', RELAY_SECRET).update(`${t}.`).update(body).digest('hex');
  return { 'content-type': 'application/json', 'x-partnersync-signature': `t=${t},v1=${v1}` };
}

async function status(url: string, init: RequestInit): Promise<number> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
}

/**
 * Runs the property; each input is handled under an event-loop probe (the generators' own work between
 * inputs is not the service's), and the longest block over the run must stay under MAX_BLOCK_MS.
 */
async function fuzz<T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>): Promise<void> {
  let longest = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      const { blockedMs } = await longestBlockMs(() => check(value));
      longest = Math.max(longest, blockedMs);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  expect(longest).toBeLessThan(MAX_BLOCK_MS);
}

const neverServerError = (code: number): void => {
  expect(code === 200 || code === 204 || (code >= 400 && code < 500)).toBe(true);
};

describe('fuzzed webhook bodies: 4xx or success, never 5xx, loop never blocked', () => {
  let a: SecurityApp;
  beforeAll(async () => {
    a = await startSecurityApp();
  });
  afterAll(async () => {
    await a.close();
  });

  it('HubSpot body', async () => {
    const path = '/webhooks/hubspot/hs-1';
    await fuzz(hubspotBody, async (body) => {
      neverServerError(
        await status(`${a.url}${path}`, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: signedHubspot(a, path, body),
        }),
      );
    });
  });

  it('relay (CDC) body', async () => {
    await fuzz(relayBody, async (body) => {
      neverServerError(
        await status(`${a.url}/webhooks/salesforce/sf-1/events`, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: signedRelay(a, body),
        }),
      );
    });
  });

  it('outbound message', async () => {
    await fuzz(outboundBody, async (body) => {
      neverServerError(
        await status(`${a.url}/webhooks/salesforce/sf-1?token=${RELAY_SECRET}`, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: { 'content-type': 'text/xml' },
        }),
      );
    });
    expect(a.logText()).not.toContain('unhandled error');
  });
});

describe('fuzzed mapping uploads: 4xx or success, never 5xx, loop never blocked', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const yamlText = fc.oneof(
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.dictionary(fc.string(), fc.jsonValue()).map(
      (d) =>
        `provider: hubspot\nobjects:\n${Object.keys(d)
          .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(d[k])}`)
          .join('\n')}`,
    ),
    fc
      .integer({ min: 1, max: 9 })
      .map(
        (n) =>
          `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from({ length: n }, (_, i) => `b${i}: &b${i} [${Array.from({ length: 9 }, () => (i === 0 ? '*a' : `*b${i - 1}`)).join(',')}]`).join('\n')}`,
      ),
    fc.integer({ min: 1, max: 60_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  );
  const body = fc.oneof(
    yamlText.map((t) => JSON.stringify({ text: t })),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    deepJson,
    fc.string(),
  );

  it('PUT /admin/connections/:id/mapping', async () => {
    await fuzz(body, async (b) => {
      neverServerError(
        await status(`${h.url}/admin/connections/hs/mapping`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${HS_TOKEN}`, 'content-type': 'application/json' },
          body: b,
        }),
      );
    });
    expect(h.logText()).not.toContain('unhandled error');
  });
});

describe('fuzzed CSV imports: records or a DedupeInputError, never another error, loop never blocked', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom('"', '""', '\n', '\r\n', ',', 'a"b', '\uFEFF'));
  const csv = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('id,email,first_name,last_name,company', 'Id,Email', 'email', ''),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 40 }),
      )
      .map(([head, rows]) => `${head}\n${rows.map((r) => r.join(',')).join('\n')}`),
    fc.string(),
    fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  const jsonl = fc.oneof(
    fc.array(fc.jsonValue(), { maxLength: 20 }).map((vs) => vs.map((v) => JSON.stringify(v)).join('\n')),
    fc.integer({ min: 1, max: 100_000 }).map((d) => `{"id":"1","email":${'['.repeat(d)}${']'.repeat(d)}}`),
  );

  for (const [format, arb] of [
    ['csv', csv],
    ['jsonl', jsonl],
  ] as const) {
    it(format, async () => {
      await fuzz(arb, async (input) => {
        try {
          for await (const record of readDedupeRecords(Readable.from([Buffer.from(input)]), {
            name: 'in',
            format,
          }))
            expect(typeof record.id).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(DedupeInputError);
        }
      });
    });
  }
});
