import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** The records a "Why?" link can open: the write-back entities we decide on. */
export const WhyObject = z.enum(['person', 'opportunity', 'registration']);
export type WhyObject = z.infer<typeof WhyObject>;

/** One record of one connection: all a link grants access to. */
export interface WhyTarget {
  readonly connection: string;
  readonly object: WhyObject;
  readonly recordId: string;
}

/** The signing key: its id travels in the link, so a rotated-out key is told apart from tampering. */
export interface WhyKey {
  readonly id: string;
  readonly secret: string;
}

/** The longest link we write: a Salesforce URL field holds 255 characters. */
export const WHY_LINK_MAX_LENGTH = 255;

/** JSON of a fixed-order array: no record id can move text from one part into another. */
function message(keyId: string, t: WhyTarget): string {
  return JSON.stringify(['why-v1', keyId, t.connection, t.object, t.recordId]);
}

/** HMAC-SHA256 of the key id and the record, base64url (43 characters). */
export function signWhy(key: WhyKey, target: WhyTarget): string {
  return createHmac('sha256', key.secret).update(message(key.id, target)).digest('base64url');
}

/** Path and query of a record's link, under `/why/`. */
export function whyPath(key: WhyKey, t: WhyTarget): string {
  const parts = [t.connection, t.object, t.recordId].map(encodeURIComponent).join('/');
  const query = new URLSearchParams({ kid: key.id, signature: signWhy(key, t) });
  return `/why/${parts}?${query.toString()}`;
}

/** The absolute link written into the CRM; null when it would not fit a URL field. */
export function whyUrl(baseUrl: string, key: WhyKey, target: WhyTarget): string | null {
  const url = `${baseUrl.replace(/\/+$/, '')}${whyPath(key, target)}`;
  return url.length <= WHY_LINK_MAX_LENGTH ? url : null;
}
