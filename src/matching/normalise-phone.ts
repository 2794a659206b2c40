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

/** A phone as the matcher keeps it: E.164 when its country is known, and its national digits always. */
export interface PhoneNumber {
  /** `+14155550101`; null when the number is national and no country could be read for it. */
  readonly e164: string | null;
  /** The national significant number (`4155550101`, `2079460018`): no country code, no trunk prefix. */
  readonly national: string;
  /**
   * Typed in a mobile field (Salesforce `MobilePhone`, HubSpot `mobilephone`): a line one person
   * carries, unlike an office switchboard or a household landline. Set by `prepareRecord`.
   */
  readonly mobile?: boolean;
}

/**
 * Reads a phone for matching. Numbers written internationally, or nationally in a known country, get
 * their E.164 form (a number libphonenumber finds possible but not valid for its plan is still kept:
 * CRMs hold numbers from plans newer than any metadata). A national number with no country keeps only
 * its national digits (extension cut, trunk prefix 0 or the North American 1 removed), so it can still
 * meet the same number written internationally in another record, which then tells its country.
 */
export function readPhone(raw: string | null | undefined, country: string | null): PhoneNumber | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || !/\d{4}/.test(trimmed.replace(/\D/g, ''))) return null;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const withPlus = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const defaultCountry: CountryCode | undefined =
    country !== null && isSupportedCountry(country) ? country : undefined;
  if (international || defaultCountry !== undefined) {
    const parsed = parsePhoneNumberFromString(
      withPlus,
      defaultCountry === undefined ? undefined : { defaultCountry },
    );
    if (parsed !== undefined && (parsed.isValid() || (international && parsed.isPossible())))
      return { e164: parsed.number, national: parsed.nationalNumber };
  }
  let digits = trimmed.split(/\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i)[0]?.replace(/\D/g, '') ?? '';
  if (international) return null;
  digits = digits.replace(/^0+/, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length >= 6 ? { e164: null, national: digits } : null;
}
