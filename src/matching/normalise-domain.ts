/**
 * Normalises a website URL or bare domain to its host name: `https://www.Acme.com/about` → `acme.com`.
 * Returns null for values without a dot.
 */
export function normaliseDomain(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let host = raw.trim().toLowerCase();
  if (host === '') return null;
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.replace(/:\d+$/, '').replace(/\.$/, '');
  host = host.replace(/^www\d*\./, '');
  if (!host.includes('.') || /\s/.test(host)) return null;
  return host;
}
