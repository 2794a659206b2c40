import type { WhyLinkInput } from '../../src/why-link/verify-why-link.js';

/** A link as the route receives it: path parts and query, parsed back from the URL we wrote. */
export function whyInputOf(url: string): WhyLinkInput {
  const u = new URL(url, 'http://x');
  const [, , connection, object, recordId] = u.pathname.split('/').map(decodeURIComponent);
  return {
    connection,
    object,
    recordId,
    kid: u.searchParams.get('kid'),
    signature: u.searchParams.get('signature'),
  };
}
