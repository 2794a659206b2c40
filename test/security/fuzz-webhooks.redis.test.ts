import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSalesforceOutboundMessage } from '../../connectors/salesforce/webhook.js';
import { HUBSPOT_APP_ID, HUBSPOT_SECRET, ORG_ID, PORTAL_ID, RELAY_SECRET } from '../helpers/webhook-app.js';
import { PUBLIC, startSecurityApp, type SecurityApp } from './security-app.js';

const SEED = 0x5ec_8004;
const TOTAL = 10_000;
const CONCURRENCY = 24;

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

function hubspotEvent(i: number): Record<string, unknown> {
  return {
    eventId: 1_000 + i,
    subscriptionId: 7,
    portalId: Number(PORTAL_ID),
    appId: Number(HUBSPOT_APP_ID),
    occurredAt: 1_700_000_000_000 + i,
    subscriptionType: i % 2 === 0 ? 'contact.propertyChange' : 'deal.creation',
    attemptNumber: 0,
    objectId: 100 + i,
    propertyName: 'email',
    propertyValue: `p${i}@example.com`,
    changeSource: 'CRM_UI',
  };
}
const hubspotBatch = (rng: Rng): Record<string, unknown>[] =>
  Array.from({ length: 1 + int(rng, 4) }, (_v, i) => hubspotEvent(i));

function relayEvents(rng: Rng): Record<string, unknown>[] {
  return Array.from({ length: 1 + int(rng, 3) }, (_v, i) => ({
    schema: 's',
    payload: {
      ChangeEventHeader: {
        entityName: 'Lead',
        recordIds: [`00Q00000000000${i}AAA`],
        changeType: 'UPDATE',
        changeOrigin: 'com/salesforce/api/rest/62.0;client=SfdcInternalAPI/',
        transactionKey: `tx-${i}`,
        sequenceNumber: 1,
        commitTimestamp: 1_700_000_000_000,
        commitNumber: i,
        commitUser: '005000000000001AAA',
        changedFields: ['Email'],
      },
      Email: 'x@example.com',
    },
    event: { replayId: i },
  }));
}

const soap = (inner = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${ORG_ID}</OrganizationId>
   <ActionId>04k000000000001AAA</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D000000000001</EnterpriseUrl>
   <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D000000000001</PartnerUrl>
   <Notification>
    <Id>04l000000000001AAA</Id>
    <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>00Q000000000001AAA</sf:Id>
     <sf:LastName>Example</sf:LastName>${inner}
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

const randomBytes = (rng: Rng, max: number): Buffer =>
  Buffer.from(Array.from({ length: int(rng, max) }, () => int(rng, 256)));

/** A strict prefix of a JSON array or XML document is never well-formed. */
const truncate = (rng: Rng, text: string): Buffer => Buffer.from(text.slice(0, int(rng, text.length)));

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]];
function withInvalidUtf8(rng: Rng, text: string): Buffer {
  const at = int(rng, text.length + 1);
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from(pick(rng, INVALID_UTF8)),
    Buffer.from(text.slice(at)),
  ]);
}

/** Byte flips, inserts and deletes; kept only when the result is no longer JSON (checked with JSON.parse). */
function mutateJson(rng: Rng, text: string): Buffer {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const bytes = [...Buffer.from(text)];
    for (let n = 1 + int(rng, 6); n > 0; n -= 1) {
      const at = int(rng, bytes.length);
      const op = int(rng, 3);
      if (op === 0) bytes[at] = int(rng, 128);
      else if (op === 1) bytes.splice(at, 0, pick(rng, Array.from(Buffer.from('{}[]":,\\'))));
      else bytes.splice(at, 1);
    }
    const out = Buffer.from(bytes);
    try {
      JSON.parse(out.toString('utf8'));
    } catch {
      return out;
    }
  }
  return truncate(rng, text);
}

const WRONG_ID_VALUES = [
  '"x"',
  '""',
  'null',
  'true',
  '{}',
  '[]',
  '-1',
  '1.5',
  '"12a"',
  '1e400',
  '123456789012345678901234567890',
  '-0.0000001',
];
const WRONG_TYPE_VALUES = ['123', 'null', '"nodot"', '[]', '{}', 'true', '""'];

/** A valid batch with one required field given a wrong type or an out-of-range number (JSON text spliced). */
function wrongHubspotType(rng: Rng): Buffer {
  const events = hubspotBatch(rng);
  const i = int(rng, events.length);
  const field = pick(rng, ['eventId', 'portalId', 'appId', 'occurredAt', 'subscriptionType', 'objectId']);
  const event = events[i] as Record<string, unknown>;
  event[field] = '__WRONG__';
  const value = field === 'subscriptionType' ? pick(rng, WRONG_TYPE_VALUES) : pick(rng, WRONG_ID_VALUES);
  return Buffer.from(JSON.stringify(events).replace('"__WRONG__"', value));
}

function wrongShape(rng: Rng): Buffer {
  return Buffer.from(
    pick(rng, [
      '[]',
      '{}',
      'null',
      '0',
      '"[]"',
      JSON.stringify({ events: [hubspotEvent(1)] }),
      JSON.stringify(Array.from({ length: 101 }, (_v, i) => hubspotEvent(i))),
      JSON.stringify([hubspotEvent(1), 5]),
      JSON.stringify([[hubspotEvent(1)]]),
      JSON.stringify([{ ...hubspotEvent(1), __proto__: { portalId: 1 } }]).replace('"portalId":62515,', ''),
      '[{"constructor":{"prototype":{"polluted":true}}}]',
      '\uFEFF[]',
    ]),
  );
}

function deepJson(rng: Rng): Buffer {
  const depth = pick(rng, [1_000, 10_000, 100_000]);
  const open = pick(rng, ['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  return Buffer.from(`${open.repeat(depth)}1${close.repeat(depth)}`);
}

/** A valid relay body with one header field given a value of the wrong type. */
function relayWrong(rng: Rng): Buffer {
  const events = relayEvents(rng);
  const header = (events[0] as { payload: { ChangeEventHeader: Record<string, unknown> } }).payload
    .ChangeEventHeader;
  const field = pick(rng, ['entityName', 'recordIds', 'changeType', 'commitTimestamp', 'transactionKey']);
  header[field] = pick<unknown>(rng, [null, {}, [{}], true]);
  return Buffer.from(JSON.stringify(events));
}

const XML_ATTACKS = [
  `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">&lol2;</soapenv:Envelope>`,
  `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&xxe;</soapenv:Body></soapenv:Envelope>`,
  `<?xml version="1.0"?><!doctype foo SYSTEM "http://127.0.0.1:1/evil.dtd"><foo/>`,
  soap('<![CDATA[<!ENTITY x "y">]]>'),
  soap('<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?>').replace(ORG_ID, '00D000000000009AAA'),
  soap().replace('<Notification>', '<Notification><Notification>'),
  soap().replace(/<Notification>[\s\S]*<\/Notification>/, ''),
  soap().replace('<sf:Id>00Q000000000001AAA</sf:Id>', ''),
  soap().replace('xsi:type="sf:Lead"', 'xsi:type="sf:Lead; DELETE"'),
  soap().replace('<Id>04l000000000001AAA</Id>', '<Id></Id>'),
  soap().replace(/<Notification>[\s\S]*<\/Notification>/, (n) => n.repeat(101)),
  '<a>',
  '',
  '<?xml version="1.0"?>',
];

function deepXml(rng: Rng): Buffer {
  const depth = pick(rng, [500, 5_000, 50_000]);
  if (rng() < 0.5) return Buffer.from(soap(`${'<sf:A>'.repeat(depth)}x${'</sf:A>'.repeat(depth)}`));
  return Buffer.from(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`);
}

interface Case {
  readonly route: 'hubspot' | 'outbound' | 'relay';
  readonly kind: string;
  readonly body: Buffer;
}

function hubspotCase(rng: Rng): Case {
  const valid = JSON.stringify(hubspotBatch(rng));
  const r = int(rng, 8);
  const [kind, body] =
    r === 0
      ? ['random bytes', randomBytes(rng, 2_048)]
      : r === 1
        ? ['truncated', truncate(rng, valid)]
        : r === 2
          ? ['mutated', mutateJson(rng, valid)]
          : r === 3
            ? ['wrong type', wrongHubspotType(rng)]
            : r === 4
              ? ['wrong shape', wrongShape(rng)]
              : r === 5
                ? ['invalid utf-8', withInvalidUtf8(rng, valid)]
                : r === 6 && rng() < 0.05
                  ? ['deep nesting', deepJson(rng)]
                  : ['wrong type', wrongHubspotType(rng)];
  return { route: 'hubspot', kind, body };
}

function relayCase(rng: Rng): Case {
  const valid = JSON.stringify(relayEvents(rng));
  const r = int(rng, 7);
  const [kind, body] =
    r === 0
      ? ['random bytes', randomBytes(rng, 2_048)]
      : r === 1
        ? ['truncated', truncate(rng, valid)]
        : r === 2
          ? ['mutated', mutateJson(rng, valid)]
          : r === 3
            ? ['invalid utf-8', withInvalidUtf8(rng, valid)]
            : r === 4 && rng() < 0.05
              ? ['deep nesting', deepJson(rng)]
              : r === 5
                ? ['wrong shape', wrongShape(rng)]
                : ['wrong type', relayWrong(rng)];
  return { route: 'relay', kind, body };
}

function outboundCase(rng: Rng): Case {
  const valid = soap();
  const r = int(rng, 6);
  const [kind, body] =
    r === 0
      ? ['random bytes', randomBytes(rng, 2_048)]
      : r === 1
        ? ['truncated', truncate(rng, valid)]
        : r === 2
          ? ['invalid utf-8', withInvalidUtf8(rng, valid)]
          : r === 3 && rng() < 0.1
            ? ['deep nesting', deepXml(rng)]
            : ['xml attack', Buffer.from(pick(rng, XML_ATTACKS))];
  return { route: 'outbound', kind, body };
}

let a: SecurityApp;
beforeAll(async () => {
  a = await startSecurityApp();
});
afterAll(async () => {
  await a.close();
});

async function send(c: Case): Promise<number> {
  let path: string;
  let headers: Record<string, string>;
  if (c.route === 'hubspot') {
    path = '/webhooks/hubspot/hs-1';
    // Signed over the exact bytes (which may not be UTF-8), so every body reaches the parsers.
    headers = signedHubspot(path, c.body);
  } else if (c.route === 'relay') {
    path = '/webhooks/salesforce/sf-1/events';
    headers = signedRelay(c.body);
  } else {
    path = `/webhooks/salesforce/sf-1?token=${RELAY_SECRET}`;
    headers = { 'content-type': 'text/xml' };
  }
  const res = await fetch(`${a.url}${path}`, { method: 'POST', body: new Uint8Array(c.body), headers });
  await res.arrayBuffer();
  return res.status;
}

function signedHubspot(path: string, body: Buffer): Record<string, string> {
  const timestamp = String(a.now);
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
function signedRelay(body: Buffer): Record<string, string> {
  const t = String(a.now);
  const v1 = createHmac('sha256', RELAY_SECRET).update(`${t}.`).update(body).digest('hex');
  return { 'content-type': 'application/json', 'x-partnersync-signature': `t=${t},v1=${v1}` };
}

describe('entity references in an outbound message', () => {
  it('are never expanded: an undeclared entity stays literal text', async () => {
    const message = soap('<sf:Email>&xxe;</sf:Email><sf:Title>&#x26;</sf:Title>');
    const intake = await intakeSalesforceOutboundMessage({
      rawBody: Buffer.from(message),
      orgId: ORG_ID,
      now: 0,
    });
    expect(intake.events[0]?.fields).toMatchObject({ Email: '&xxe;', Title: '&#x26;' });
  });
});

describe(`10,000 fuzzed webhook bodies (seed ${SEED})`, () => {
  it('are all refused with 4xx, enqueue nothing, and leave the server healthy', async () => {
    const rng = prng(SEED);
    const cases: Case[] = Array.from({ length: TOTAL }, (_v, i) =>
      i % 4 < 2 ? hubspotCase(rng) : i % 4 === 2 ? relayCase(rng) : outboundCase(rng),
    );
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const index = next;
          next += 1;
          const c = cases[index] as Case;
          const status = await send(c);
          const key = `${c.route} ${c.kind} → ${status}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          if (status < 400 || status >= 500)
            failures.push(
              `#${index} ${c.route}/${c.kind} → ${status}: ${c.body.toString('utf8').slice(0, 200)}`,
            );
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await a.pending()).toEqual({ spool: 0, hubspotInbox: 0, salesforceInbox: 0 });
    expect(a.ingestCalls).toEqual([]);
    expect(a.resyncCalls).toEqual([]);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    expect(a.logText()).not.toContain('unhandled error');
    // Every generator reached every route it was meant for.
    const kinds = new Set([...outcomes.keys()].map((k) => k.split(' → ')[0]));
    for (const k of [
      'hubspot deep nesting',
      'hubspot wrong type',
      'relay wrong type',
      'outbound xml attack',
      'outbound deep nesting',
      'hubspot invalid utf-8',
    ])
      expect(kinds).toContain(k);
  });

  it('still accepts a valid delivery afterwards (the refusals were not a broken route)', async () => {
    const body = Buffer.from(JSON.stringify([hubspotEvent(1)]));
    const res = await fetch(`${a.url}/webhooks/hubspot/hs-1`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: signedHubspot('/webhooks/hubspot/hs-1', body),
    });
    expect(res.status).toBe(204);
    expect(await a.spool.size('hs-1')).toBe(1);
  });
});
