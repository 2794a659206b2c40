import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Lower-cased, trimmed e-mail, or null when it is not one. */
export function normaliseEmail(value: string): string | null {
  const s = value
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? s : null;
}

/** The host of a website or domain (`https://www.Acme.com/x` → `acme.com`), or null. */
export function domainFromWebsite(value: string): string | null {
  const s = value.trim();
  if (s === '' || s.includes('@') || /\s/.test(s)) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`).hostname;
  } catch {
    return null;
  }
  const domain = host.replace(/^www\d*\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) && !/^[\d.]+$/.test(domain) ? domain : null;
}

/** The domain of an e-mail address (`bob@Acme.com` → `acme.com`), or null. */
export function domainFromEmail(value: string): string | null {
  const email = normaliseEmail(value);
  if (email === null) return null;
  return domainFromWebsite(email.slice(email.lastIndexOf('@') + 1));
}

/** Either of the above, whichever the value looks like. */
export function normaliseDomain(value: string): string | null {
  return value.includes('@') ? domainFromEmail(value) : domainFromWebsite(value);
}

export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

/** E.164 (`+14155550100`), or null when the number is not possible for the region. */
export function toE164(value: string, country: string | undefined): string | null {
  const upper = country?.toUpperCase();
  const defaultCountry = upper !== undefined && isCountryCode(upper) ? upper : undefined;
  const parsed = parsePhoneNumberFromString(
    value,
    defaultCountry === undefined ? undefined : { defaultCountry },
  );
  return parsed?.isPossible() === true ? parsed.number : null;
}
