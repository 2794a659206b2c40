import { timingSafeEqual } from 'node:crypto';
import { signWhy, WhyObject, type WhyKey, type WhyTarget } from './why-link.js';

/** Why a link was refused; `revoked`: signed with a key that is no longer the current one. */
export type WhyRefusal = 'malformed' | 'revoked' | 'bad_signature';

export type WhyVerdict =
  { readonly ok: true; readonly target: WhyTarget } | { readonly ok: false; readonly refusal: WhyRefusal };

/** What a request to a link carries, unparsed. */
export interface WhyLinkInput {
  readonly connection: unknown;
  readonly object: unknown;
  readonly recordId: unknown;
  readonly kid: unknown;
  readonly signature: unknown;
}

const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const text = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Pure: whether a link was signed by the current key for exactly this record. Only the current key is
 * accepted, so rotating it revokes every older link. The signature is compared in constant time.
 */
export function verifyWhyLink(current: WhyKey | null, input: WhyLinkInput): WhyVerdict {
  const object = WhyObject.safeParse(input.object);
  const { connection, recordId, kid, signature } = input;
  if (
    !object.success ||
    !text(connection, 63) ||
    !text(recordId, 255) ||
    !text(kid, 32) ||
    typeof signature !== 'string' ||
    !SIGNATURE.test(signature)
  )
    return { ok: false, refusal: 'malformed' };
  if (current === null || kid !== current.id) return { ok: false, refusal: 'revoked' };
  const target: WhyTarget = { connection, object: object.data, recordId };
  // The text is compared, not the decoded bytes: base64url's last character carries two spare bits, so
  // decoding would accept four spellings of one signature.
  const expected = Buffer.from(signWhy(current, target), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, refusal: 'bad_signature' };
  return { ok: true, target };
}
