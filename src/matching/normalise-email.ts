/** A normalised email address, split for blocking and company evidence. */
export interface NormalisedEmail {
  /** Lower-case, plus-tag removed, gmail dots removed, googlemail.com → gmail.com. */
  readonly address: string;
  readonly local: string;
  readonly domain: string;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Normalises an email address so that the spellings one mailbox receives compare equal: case,
 * surrounding whitespace and angle brackets, `+tags`, and Gmail's ignored dots. Returns null for
 * anything that is not shaped like an address.
 */
export function normaliseEmail(raw: string | null | undefined): NormalisedEmail | null {
  if (raw == null) return null;
  const trimmed = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<|>$/g, '')
    .toLowerCase();
  if (!SHAPE.test(trimmed)) return null;
  const at = trimmed.lastIndexOf('@');
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.replaceAll('.', '');
  }
  if (local === '') return null;
  return { address: `${local}@${domain}`, local, domain };
}
