const GMAIL = new Set(['gmail.com', 'googlemail.com']);

function split(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/**
 * What "same email" means when the two visible addresses differ: they reach one mailbox once the
 * `+tag` or Gmail's ignored dots are set aside (https://support.google.com/mail/answer/7436150), or they
 * differ only in letter case. Returns "same email" when the addresses read the same.
 */
export function sameMailboxWords(left: string, right: string): string {
  const a = left.trim();
  const b = right.trim();
  if (a === b) return 'same email';
  const la = split(a.toLowerCase());
  const lb = split(b.toLowerCase());
  const untag = (local: string): string => local.replace(/\+.*$/, '');
  const ignored: string[] = [];
  if (untag(la.local) !== la.local || untag(lb.local) !== lb.local) ignored.push('the +tag');
  const gmail = GMAIL.has(la.domain) && GMAIL.has(lb.domain);
  if (gmail && untag(la.local).replaceAll('.', '') !== untag(la.local)) ignored.push('the dots');
  else if (gmail && untag(lb.local).replaceAll('.', '') !== untag(lb.local)) ignored.push('the dots');
  if (ignored.length === 0) return 'same email (ignoring letter case)';
  return `same mailbox (ignoring ${ignored.join(' and ')})`;
}
