import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/core/env.js';
import { verifyWhyLink } from '../../../src/why-link/verify-why-link.js';
import { signWhy, whyPath, whyUrl, type WhyTarget } from '../../../src/why-link/why-link.js';
import { whyLinksFromEnv } from '../../../src/why-link/why-links.js';
import { whyInputOf } from '../../helpers/why-link.js';

const key = { id: 'k1', secret: 'a-signing-secret-of-at-least-32-chars!' };
const target: WhyTarget = { connection: 'sf', object: 'registration', recordId: 'a0Y5g0000004V1REAU' };

describe('why links', () => {
  it('verifies a link it signed, for exactly that record', () => {
    expect(verifyWhyLink(key, whyInputOf(whyPath(key, target)))).toEqual({ ok: true, target });
  });

  it('survives record ids that need escaping', () => {
    const odd = { ...target, recordId: 'a/b?c=d&e f' };
    expect(verifyWhyLink(key, whyInputOf(whyPath(key, odd)))).toEqual({ ok: true, target: odd });
  });

  it('refuses a tampered signature, and the same signature on another record, object or connection', () => {
    const good = whyInputOf(whyPath(key, target));
    const sig = String(good.signature);
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    // The last character's two spare bits: the same bytes once decoded, yet not the link we wrote.
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spare = B64[B64.indexOf(sig.at(-1) ?? 'A') ^ 1] ?? 'A';
    const sameBytes = `${sig.slice(0, -1)}${spare}`;
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    for (const bad of [
      { ...good, signature: flipped },
      { ...good, signature: sameBytes },
      { ...good, recordId: 'a0Y5g0000004V1SEAU' },
      { ...good, object: 'opportunity' },
      { ...good, connection: 'hs' },
    ])
      expect(verifyWhyLink(key, bad)).toEqual({ ok: false, refusal: 'bad_signature' });
  });

  it('refuses a link signed with a rotated-out key, and one signed with another secret under the same id', () => {
    const rotated = { id: 'k2', secret: 'the-next-signing-secret-32-characters+' };
    const old = whyInputOf(whyPath(key, target));
    expect(verifyWhyLink(rotated, old)).toEqual({ ok: false, refusal: 'revoked' });
    expect(verifyWhyLink({ ...rotated, id: 'k1' }, old)).toEqual({ ok: false, refusal: 'bad_signature' });
    expect(verifyWhyLink(null, old)).toEqual({ ok: false, refusal: 'revoked' });
  });

  it.each([
    ['an unknown object', { object: 'ticket' }],
    ['no signature', { signature: null }],
    ['a short signature', { signature: 'abc' }],
    ['a signature with other characters', { signature: `${'+'.repeat(42)}=` }],
    ['an empty record id', { recordId: '' }],
    ['an over-long connection', { connection: 'c'.repeat(64) }],
    ['a key id given twice', { kid: ['k1', 'k1'] }],
  ])('calls %s malformed', (_name, change) => {
    const input = { ...whyInputOf(whyPath(key, target)), ...change };
    expect(verifyWhyLink(key, input)).toEqual({ ok: false, refusal: 'malformed' });
  });

  it('signs the key id too, and gives a different signature per key', () => {
    expect(signWhy(key, target)).not.toBe(signWhy({ ...key, id: 'k2' }, target));
    expect(signWhy(key, target)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('writes absolute links that fit a 255-character URL field, or none', () => {
    const url = whyUrl('https://ps.example.com/', key, target);
    expect(url).toBe(`https://ps.example.com${whyPath(key, target)}`);
    expect(whyUrl('https://ps.example.com', key, { ...target, recordId: 'x'.repeat(200) })).toBeNull();
  });

  it('is on only with WHY_LINK_SECRET, which needs PUBLIC_BASE_URL', () => {
    const secret = 'x'.repeat(32);
    expect(whyLinksFromEnv(parseEnv({}))).toBeNull();
    const links = whyLinksFromEnv(
      parseEnv({ WHY_LINK_SECRET: secret, WHY_LINK_KEY_ID: 'k9', PUBLIC_BASE_URL: 'https://ps.example.com' }),
    );
    expect(links?.key).toEqual({ id: 'k9', secret });
    expect(links?.urlOf(target)).toMatch(/^https:\/\/ps\.example\.com\/why\/sf\/registration\//);
    expect(() => parseEnv({ WHY_LINK_SECRET: secret })).toThrow(
      /PUBLIC_BASE_URL: required with WHY_LINK_SECRET/,
    );
    expect(() => parseEnv({ WHY_LINK_SECRET: 'short' })).toThrow(/WHY_LINK_SECRET: at least 32/);
    expect(() => parseEnv({ PUBLIC_BASE_URL: 'ftp://ps.example.com' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => parseEnv({ PUBLIC_BASE_URL: 'https://ps.example.com/?a=1' })).toThrow(/no query/);
  });
});
