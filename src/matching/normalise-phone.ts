import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

/**
 * Normalises a phone number to E.164 (`+14155550123`) with libphonenumber, reading national numbers
 * in the record's country (ISO alpha-2, e.g. from {@link countryCode}). Extensions are dropped.
 * Returns null unless the number is valid for its country (libphonenumber `isValid`).
 */
export function normalisePhone(raw: string | null | undefined, country: string | null): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || !/\d{4}/.test(trimmed.replace(/\D/g, ''))) return null;
  const defaultCountry: CountryCode | undefined =
    country !== null && isSupportedCountry(country) ? country : undefined;
  const withPlus = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(
    withPlus,
    defaultCountry === undefined ? undefined : { defaultCountry },
  );
  if (parsed === undefined || !parsed.isValid()) return null;
  return parsed.number;
}
