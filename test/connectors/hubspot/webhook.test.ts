import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isOwnHubspotChange } from '../../../connectors/hubspot/is-own-hubspot-change.js';
import type {
  HubspotSignatureVersion,
  VerifyHubspotSignatureOptions,
} from '../../../connectors/hubspot/webhook.js';
import {
  computeHubspotSignature,
  hubspotPublicUrl,
  intakeHubspotWebhook,
  parseHubspotEvents,
  verifyHubspotSignature,
} from '../../../connectors/hubspot/webhook.js';
import { WebhookAuthError, WebhookPayloadError } from '../../../src/core/errors/index.js';

interface Vector {
  id: string;
  origin: 'vendor' | 'derived';
  signatureVersion: HubspotSignatureVersion;
  clientSecret: string;
  method?: string;
  uri?: string;
  requestBody: string;
  timestamp?: string;
  expectedSignature: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/vendor/hubspot/signature-test-vectors.json', import.meta.url), 'utf8'),
) as { vectors: Vector[] };
const vectors = fixture.vectors;
const vector = (id: string): Vector => {
  const found = vectors.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no vector ${id}`);
  return found;
};

function headersFor(v: Vector): Record<string, string> {
  return v.signatureVersion === 'v3'
    ? { 'x-hubspot-signature-v3': v.expectedSignature, 'x-hubspot-request-timestamp': v.timestamp ?? '' }
    : { 'x-hubspot-signature': v.expectedSignature, 'x-hubspot-signature-version': v.signatureVersion };
}

function optionsFor(
  v: Vector,
  overrides: Partial<VerifyHubspotSignatureOptions> = {},
): VerifyHubspotSignatureOptions {
  return {
    method: v.method ?? 'POST',
    url: v.uri ?? 'https://www.example.com/webhook_uri',
    rawBody: Buffer.from(v.requestBody, 'utf8'),
    headers: headersFor(v),
    clientSecret: v.clientSecret,
    now: v.timestamp === undefined ? Date.now() : Number(v.timestamp) + 1_000,
    acceptVersions: [v.signatureVersion],
    ...overrides,
  };
}

const SECRET = 'test-client-secret';
const URL_ = 'https://sync.example.com/webhooks/hubspot/acme';
const NOW = 1_700_000_000_000;
const EVENT_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

/** Signs like HubSpot does, with node:crypto directly (independent of the code under test). */
function signV3(body: string, timestamp: number, url = URL_, secret = SECRET): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64');
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) };
}

function verifyV3(
  body: string,
  headers: Record<string, string>,
  overrides: Partial<VerifyHubspotSignatureOptions> = {},
) {
  return verifyHubspotSignature({
    method: 'POST',
    url: URL_,
    rawBody: Buffer.from(body, 'utf8'),
    headers,
    clientSecret: SECRET,
    now: NOW,
    ...overrides,
  });
}

function authMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookAuthError);
    return (err as Error).message;
  }
  throw new Error('expected a WebhookAuthError');
}

describe('HubSpot published signature vectors', () => {
  it.each(vectors.filter((v) => v.origin === 'vendor').map((v) => [v.id, v] as const))(
    'computes the vendor vector %s byte for byte',
    (_id, v) => {
      const input = {
        signatureVersion: v.signatureVersion,
        clientSecret: v.clientSecret,
        method: v.method ?? 'POST',
        uri: v.uri ?? '',
        rawBody: Buffer.from(v.requestBody, 'utf8'),
        ...(v.timestamp === undefined ? {} : { timestamp: v.timestamp }),
      };
      expect(computeHubspotSignature(input)).toBe(v.expectedSignature);
    },
  );

  it.each(
    vectors.filter((v) => v.origin === 'vendor' || !v.id.endsWith('-differs')).map((v) => [v.id, v] as const),
  )('accepts the vector %s when its version is configured and the clock is inside the window', (_id, v) => {
    expect(verifyHubspotSignature(optionsFor(v)).version).toBe(v.signatureVersion);
  });

  it('rejects the vendor v3 vector as stale at the real current time', () => {
    const v = vector('v3-fixed-timestamp');
    expect(authMessage(() => verifyHubspotSignature(optionsFor(v, { now: Date.now() })))).toMatch(/stale/);
  });

  it('treats the timestamp as its decimal string, so 15000000.0 is not the same timestamp', () => {
    const v = vector('v3-fixed-timestamp');
    const other = computeHubspotSignature({
      signatureVersion: 'v3',
      clientSecret: v.clientSecret,
      method: 'POST',
      uri: v.uri ?? '',
      rawBody: Buffer.from(v.requestBody),
      timestamp: '15000000.0',
    });
    expect(other).not.toBe(v.expectedSignature);
  });

  it('rejects a signature made for a trailing-slash URI or an http:// URI', () => {
    const base = vector('derived-v3-json-body');
    for (const id of ['derived-v3-trailing-slash-differs', 'derived-v3-http-scheme-differs']) {
      const v = vector(id);
      expect(v.expectedSignature).not.toBe(base.expectedSignature);
      const message = authMessage(() =>
        verifyHubspotSignature(optionsFor(v, { url: base.uri ?? '', headers: headersFor(v) })),
      );
      expect(message).toBe('HubSpot v3 signature mismatch');
    }
  });

  it('accepts a v3 signature over the %-decoded query (documented) and over the raw query (SDK behaviour)', () => {
    const v = vector('derived-v3-query-colon-decoded');
    const received = 'https://www.example.com/webhook_uri?name=a%3Ab';
    expect(verifyHubspotSignature(optionsFor(v, { url: received })).version).toBe('v3');
    const encoded = { ...v, expectedSignature: '4hdZHWtPYRSIsoSA5jstScFlLUUqfnT+3pUa6FE17Sk=' };
    expect(verifyHubspotSignature(optionsFor(encoded, { url: received })).version).toBe('v3');
  });

  it('hashes the raw UTF-8 bytes of the body', () => {
    const v = vector('derived-v3-utf8-body');
    expect(Buffer.from(v.requestBody, 'utf8').length).toBeGreaterThan(v.requestBody.length);
    expect(verifyHubspotSignature(optionsFor(v)).version).toBe('v3');
  });
});

describe('verifyHubspotSignature', () => {
  it('accepts a v3 signature made with the client secret over method, URL, body and timestamp', () => {
    expect(verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW - 1_000))).toEqual({
      version: 'v3',
      timestamp: NOW - 1_000,
    });
  });

  it('rejects a v3 signature when one byte of the body was changed', () => {
    const headers = signV3(EVENT_BODY, NOW);
    expect(authMessage(() => verifyV3(EVENT_BODY.replace('123', '124'), headers))).toBe(
      'HubSpot v3 signature mismatch',
    );
  });

  it('rejects a v3 signature older than five minutes', () => {
    expect(authMessage(() => verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW - 300_001)))).toMatch(/^stale/);
  });

  it('rejects a v3 signature dated more than five minutes in the future', () => {
    expect(authMessage(() => verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW + 300_001)))).toMatch(/future/);
  });

  it('accepts a v3 signature exactly at the edge of the window on either side', () => {
    expect(verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW - 300_000)).version).toBe('v3');
    expect(verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW + 300_000)).version).toBe('v3');
  });

  it('rejects a v3 signature made with another secret', () => {
    const headers = signV3(EVENT_BODY, NOW, URL_, 'someone-else');
    expect(authMessage(() => verifyV3(EVENT_BODY, headers))).toBe('HubSpot v3 signature mismatch');
  });

  it('rejects a signature of a different length without throwing a RangeError', () => {
    const headers = { ...signV3(EVENT_BODY, NOW), 'X-HubSpot-Signature-v3': 'short' };
    expect(authMessage(() => verifyV3(EVENT_BODY, headers))).toBe('HubSpot v3 signature mismatch');
  });

  it('names the missing header when no signature was sent', () => {
    expect(authMessage(() => verifyV3(EVENT_BODY, {}))).toBe('missing X-HubSpot-Signature-v3 header');
    const onlySignature = {
      'X-HubSpot-Signature-v3': signV3(EVENT_BODY, NOW)['X-HubSpot-Signature-v3'] ?? '',
    };
    expect(authMessage(() => verifyV3(EVENT_BODY, onlySignature))).toBe(
      'missing X-HubSpot-Request-Timestamp header',
    );
  });

  it('rejects a timestamp that is not an integer', () => {
    const headers = { ...signV3(EVENT_BODY, NOW), 'X-HubSpot-Request-Timestamp': `${NOW}.0` };
    expect(authMessage(() => verifyV3(EVENT_BODY, headers))).toMatch(/not an integer/);
  });

  it('rejects a valid v1 signature when only v3 is accepted', () => {
    const v = vector('v1-webhook-body');
    const message = authMessage(() => verifyHubspotSignature(optionsFor(v, { acceptVersions: ['v3'] })));
    expect(message).toBe('HubSpot signature v1 is not accepted for this connection');
  });

  it('does not fall back to v1 when a v3 signature is present but wrong', () => {
    const v = vector('v1-webhook-body');
    const headers = { ...headersFor(v), ...signV3(v.requestBody, NOW, URL_, 'wrong') };
    const message = authMessage(() =>
      verifyV3(v.requestBody, headers, { clientSecret: v.clientSecret, acceptVersions: ['v1', 'v3'] }),
    );
    expect(message).toBe('HubSpot v3 signature mismatch');
  });

  it('never puts the expected signature in the error message', () => {
    const expected = signV3(EVENT_BODY, NOW)['X-HubSpot-Signature-v3'] ?? '';
    const message = authMessage(() => verifyV3(EVENT_BODY, signV3(EVENT_BODY, NOW, URL_, 'wrong')));
    expect(message).not.toContain(expected);
  });

  it('builds the public URL from the configured base and the original URL', () => {
    expect(hubspotPublicUrl('https://sync.example.com/', '/webhooks/hubspot/acme?x=1')).toBe(
      'https://sync.example.com/webhooks/hubspot/acme?x=1',
    );
  });
});

// https://developers.hubspot.com/docs/api/webhooks — Example 2 (uses the doc's legacy `eventType` key).
const DOC_EXAMPLE = `[ { "objectId": 1246965, "propertyName": "lifecyclestage", "propertyValue": "subscriber", "changeSource": "ACADEMY", "eventId": 3816279340, "subscriptionId": 25, "portalId": 33, "appId": 1160452, "occurredAt": 1462216307945, "eventType":"contact.propertyChange", "attemptNumber": 0 },
  { "objectId": 1246978, "changeSource": "IMPORT", "eventId": 3816279480, "subscriptionId": 22, "portalId": 33, "appId": 1160452, "occurredAt": 1462216307945, "eventType": "contact.creation", "attemptNumber": 0 } ]`;

// api-notes §2.1 Example 3 [constructed].
const CONSTRUCTED = `[ {"eventId":100,"subscriptionId":200,"portalId":300,"appId":400,"occurredAt":1700000000000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":5001,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI"},
  {"eventId":101,"subscriptionId":201,"portalId":300,"appId":400,"occurredAt":1700000000001,"subscriptionType":"object.merge","objectTypeId":"0-1","attemptNumber":1,"objectId":6001,"primaryObjectId":6001,"mergedObjectIds":[6002],"newObjectId":6001,"numberOfPropertiesMoved":3,"changeSource":"CRM_UI"},
  {"eventId":102,"subscriptionId":202,"portalId":300,"appId":400,"occurredAt":1700000000002,"subscriptionType":"contact.associationChange","attemptNumber":0,"associationType":"CONTACT_TO_COMPANY","fromObjectId":6001,"toObjectId":7001,"associationRemoved":false,"isPrimaryAssociation":true,"changeSource":"CRM_UI"} ]`;

function event(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventId: 1,
    subscriptionId: 2,
    portalId: 3,
    appId: 4,
    occurredAt: 1_700_000_000_000,
    attemptNumber: 0,
    changeSource: 'CRM_UI',
    ...fields,
  };
}
const parse = (events: unknown): ReturnType<typeof parseHubspotEvents> =>
  parseHubspotEvents(Buffer.from(JSON.stringify(events)));

function payloadError(fn: () => unknown): WebhookPayloadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WebhookPayloadError) return err;
    throw err;
  }
  throw new Error('expected a WebhookPayloadError');
}

describe('parseHubspotEvents', () => {
  it('parses the SDK signature body into a created contact', () => {
    expect(parseHubspotEvents(Buffer.from(EVENT_BODY))).toEqual([
      expect.objectContaining({
        provider: 'hubspot',
        portalId: '62515',
        objectType: 'contact',
        objectId: '123',
        kind: 'created',
        occurredAt: 1564113600000,
        changeSource: 'CRM',
        appId: '54321',
        eventId: '1',
      }),
    ]);
  });

  it('accepts the Webhooks doc example that says eventType instead of subscriptionType', () => {
    const [changed, created] = parseHubspotEvents(Buffer.from(DOC_EXAMPLE));
    expect(changed).toMatchObject({
      subscriptionType: 'contact.propertyChange',
      kind: 'updated',
      objectId: '1246965',
      propertyName: 'lifecyclestage',
      propertyValue: 'subscriber',
      changeSource: 'ACADEMY',
    });
    expect(created).toMatchObject({ kind: 'created', objectId: '1246978', changeSource: 'IMPORT' });
  });

  it('parses a deal property change, a generic merge and an association change', () => {
    const [deal, merge, association] = parseHubspotEvents(Buffer.from(CONSTRUCTED));
    expect(deal).toMatchObject({
      objectType: 'deal',
      kind: 'updated',
      propertyName: 'dealstage',
      propertyValue: 'closedwon',
    });
    expect(merge).toMatchObject({
      objectType: 'contact',
      objectTypeId: '0-1',
      kind: 'merged',
      mergedIds: ['6002'],
      primaryId: '6001',
    });
    expect(association).toMatchObject({
      objectType: 'contact',
      objectId: '6001',
      kind: 'association',
      association: {
        type: 'CONTACT_TO_COMPANY',
        fromId: '6001',
        toId: '7001',
        removed: false,
        primary: true,
      },
    });
  });

  it.each([
    ['contact.creation', 'contact', 'created'],
    ['company.propertyChange', 'company', 'updated'],
    ['deal.deletion', 'deal', 'deleted'],
    ['ticket.merge', 'ticket', 'merged'],
    ['product.restore', 'product', 'restored'],
    ['line_item.associationChange', 'line_item', 'association'],
    ['contact.privacyDeletion', 'contact', 'privacy_deleted'],
    ['conversation.newMessage', 'conversation', 'updated'],
  ])('maps %s to a %s %s event', (subscriptionType, objectType, kind) => {
    const [parsed] = parse([
      event({
        subscriptionType,
        objectId: 9,
        propertyName: 'name',
        propertyValue: 'x',
        mergedObjectIds: [8],
        primaryObjectId: 9,
        associationType: 'X_TO_Y',
        fromObjectId: 9,
        toObjectId: 10,
      }),
    ]);
    expect(parsed).toMatchObject({ objectType, kind, objectId: '9' });
  });

  it.each([
    ['object.creation', '0-2', 'company', 'created'],
    ['object.propertyChange', '0-3', 'deal', 'updated'],
    ['object.deletion', '2-1234567', '2-1234567', 'deleted'],
    ['object.restore', '0-136', 'lead', 'restored'],
  ])('maps the generic %s with objectTypeId %s to %s', (subscriptionType, objectTypeId, objectType, kind) => {
    const [parsed] = parse([
      event({ subscriptionType, objectTypeId, objectId: 9, propertyName: 'p', propertyValue: 'v' }),
    ]);
    expect(parsed).toMatchObject({ objectType, objectTypeId, kind });
  });

  it('gives the same dedupe key to a redelivered event even when eventId and attemptNumber change', () => {
    const first = parse([
      event({
        subscriptionType: 'contact.propertyChange',
        objectId: 5,
        propertyName: 'email',
        propertyValue: 'a@x.com',
      }),
    ]);
    const again = parse([
      event({
        eventId: 77,
        attemptNumber: 3,
        subscriptionType: 'contact.propertyChange',
        objectId: 5,
        propertyName: 'email',
        propertyValue: 'a@x.com',
      }),
    ]);
    expect(again[0]?.dedupeKey).toBe(first[0]?.dedupeKey);
    expect(first[0]?.dedupeKey).toMatch(/^hubspot-[0-9a-f]{40}$/);
  });

  it('gives different dedupe keys to distinct changes that share an eventId', () => {
    const base = {
      subscriptionType: 'contact.propertyChange',
      objectId: 5,
      propertyName: 'email',
      propertyValue: 'a@x.com',
    };
    const keys = parse([
      event(base),
      event({ ...base, propertyValue: 'b@x.com' }),
      event({ ...base, propertyName: 'phone' }),
      event({ ...base, occurredAt: 1_700_000_000_001 }),
      event({ ...base, objectId: 6 }),
      event({
        subscriptionType: 'contact.associationChange',
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 5,
        toObjectId: 7,
        associationRemoved: false,
      }),
      event({
        subscriptionType: 'contact.associationChange',
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 5,
        toObjectId: 7,
        associationRemoved: true,
      }),
      event({ subscriptionType: 'contact.merge', objectId: 5, primaryObjectId: 5, mergedObjectIds: [8] }),
      event({ subscriptionType: 'contact.merge', objectId: 5, primaryObjectId: 5, mergedObjectIds: [9] }),
    ]).map((e) => e.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects a body that is not JSON, an empty batch and a batch of 101 events', () => {
    expect(payloadError(() => parseHubspotEvents(Buffer.from('not json'))).issues).toEqual([
      { path: '', message: 'invalid JSON' },
    ]);
    expect(payloadError(() => parse([])).issues?.[0]?.path).toBe('');
    const many = Array.from({ length: 101 }, (_, i) =>
      event({ subscriptionType: 'contact.creation', objectId: i }),
    );
    expect(payloadError(() => parse(many)).issues?.[0]?.path).toBe('');
    expect(parse(many.slice(0, 100))).toHaveLength(100);
  });

  it('reports zod issues with the path of the bad field', () => {
    const err = payloadError(() =>
      parse([
        event({ subscriptionType: 'contact.creation', objectId: 1 }),
        event({ subscriptionType: 'contact.explode', objectId: 'abc' }),
      ]),
    );
    expect(err.httpStatus).toBe(400);
    expect(err.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['1.subscriptionType', '1.objectId']),
    );
  });

  it('requires objectTypeId on generic object events and propertyName on property changes', () => {
    const err = payloadError(() =>
      parse([
        event({ subscriptionType: 'object.creation', objectId: 1 }),
        event({ subscriptionType: 'deal.propertyChange', objectId: 1 }),
      ]),
    );
    expect(err.issues?.map((i) => i.path)).toEqual(['0.objectTypeId', '1.propertyName']);
  });
});

describe('intakeHubspotWebhook and echo detection', () => {
  it('verifies then parses, and replies 204', () => {
    const intake = intakeHubspotWebhook({
      method: 'POST',
      url: URL_,
      rawBody: Buffer.from(EVENT_BODY),
      headers: signV3(EVENT_BODY, NOW),
      clientSecret: SECRET,
      now: NOW,
    });
    expect(intake.events).toHaveLength(1);
    expect(intake.reply).toEqual({ status: 204 });
  });

  it('does not parse the body when the signature is bad', () => {
    const options = {
      method: 'POST',
      url: URL_,
      rawBody: Buffer.from('not json'),
      headers: signV3('x', NOW),
      clientSecret: SECRET,
      now: NOW,
    };
    expect(() => intakeHubspotWebhook(options)).toThrow(WebhookAuthError);
  });

  it('recognises a change written by our own app and nothing else', () => {
    expect(isOwnHubspotChange({ changeSource: 'INTEGRATION', sourceId: '400' }, { appId: 400 })).toBe(true);
    expect(isOwnHubspotChange({ changeSource: 'INTEGRATION', sourceId: '401' }, { appId: 400 })).toBe(false);
    expect(isOwnHubspotChange({ changeSource: 'CRM_UI', sourceId: 'userId:400' }, { appId: 400 })).toBe(
      false,
    );
    expect(isOwnHubspotChange({ changeSource: 'INTEGRATION' }, { appId: 400 })).toBe(false);
  });
});
