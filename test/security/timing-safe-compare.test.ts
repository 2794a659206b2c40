import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyHubspotSignature } from '../../connectors/hubspot/verify-signature.js';
import { signRelayPayload, verifyRelaySignature } from '../../connectors/salesforce/relay-signature.js';
import { createTokenResolver } from '../../src/http/admin/require-admin.js';
import { hubspotV3Headers } from '../helpers/sign.js';

// A pass-through spy: the real timingSafeEqual runs and decides; the test only counts and inspects calls.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const spy = vi.mocked(crypto.timingSafeEqual);
beforeEach(() => {
  spy.mockClear();
});

const asBuffer = (v: unknown): Buffer => Buffer.from(v as Uint8Array);

describe('admin token comparison', () => {
  const resolve = createTokenResolver({
    adminToken: 'all-connections-admin-token-0123456789',
    connections: [
      { id: 'sf', adminToken: 'salesforce-only-admin-token-0123456789' },
      { id: 'hs', adminToken: 'hubspot-only-admin-token-012345678901' },
      { id: 'none', adminToken: undefined },
    ],
  });

  for (const [name, token] of [
    ['the all-connections token', 'all-connections-admin-token-0123456789'],
    ['a connection token', 'hubspot-only-admin-token-012345678901'],
    ['a wrong token of another length', 'x'],
    ['a wrong token sharing a long prefix', 'all-connections-admin-token-012345678X'],
  ] as const) {
    it(`compares ${name} against every configured token in constant time, equal lengths only`, () => {
      resolve(token);
      expect(spy).toHaveBeenCalledTimes(3);
      for (const [a, b] of spy.mock.calls) {
        expect(asBuffer(a).length).toBe(64);
        expect(asBuffer(b).length).toBe(64);
        // Digests, never the token bytes themselves.
        expect(asBuffer(a).toString('utf8')).not.toContain(token);
      }
    });
  }

  it('resolves the right actor and nothing for a wrong token', () => {
    expect(resolve('salesforce-only-admin-token-0123456789')).toEqual({
      scope: 'connection',
      connectionId: 'sf',
      identity: 'connection:sf',
    });
    expect(resolve('salesforce-only-admin-token-012345678')).toBeNull();
  });
});

describe('webhook signature comparison', () => {
  it('checks a HubSpot v3 signature with timingSafeEqual', () => {
    const body = '[]';
    const uri = 'https://partnersync.example.com/webhooks/hubspot/hs-1';
    const now = Date.now();
    const headers = hubspotV3Headers('secret', uri, body, now);
    const tampered = {
      ...headers,
      'x-hubspot-signature-v3': `${headers['x-hubspot-signature-v3']?.slice(0, -2) ?? ''}AA`,
    };
    expect(() =>
      verifyHubspotSignature({
        method: 'POST',
        url: uri,
        rawBody: Buffer.from(body),
        headers: tampered,
        clientSecret: 'secret',
        now,
      }),
    ).toThrow();
    expect(spy).toHaveBeenCalled();
  });

  it('checks every relay v1 signature against every secret with timingSafeEqual', () => {
    const now = Date.now();
    const rawBody = Buffer.from('[]');
    const header = `${signRelayPayload('old', rawBody, now)},v1=${'0'.repeat(64)}`;
    verifyRelaySignature({
      rawBody,
      headers: { 'x-partnersync-signature': header },
      secret: ['new', 'old'],
      now,
    });
    expect(spy).toHaveBeenCalledTimes(4);
  });
});

describe('safeEqual (the outbound-message ?token= check)', () => {
  it('compares in constant time whatever the lengths: digests of equal length, never an early exit', async () => {
    const { safeEqual } = await import('../../connectors/safe-equal.js');
    for (const [received, expected] of [
      ['', 'relay-secret-for-tests-000000'],
      ['x', 'relay-secret-for-tests-000000'],
      ['relay-secret-for-tests-000000-and-more', 'relay-secret-for-tests-000000'],
    ] as const) {
      spy.mockClear();
      expect(safeEqual(received, expected)).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
      const [a, b] = spy.mock.calls[0] ?? [];
      expect(asBuffer(a).length).toBe(asBuffer(b).length);
      expect(asBuffer(b).toString('utf8')).not.toContain(expected);
    }
    expect(safeEqual('relay-secret-for-tests-000000', 'relay-secret-for-tests-000000')).toBe(true);
  });
});
