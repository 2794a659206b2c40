import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Countries of the CRM benchmark: how their exports spell them, their cities and phone plans. */
export interface Place {
  readonly code: 'US' | 'GB' | 'DE' | 'FR' | 'CA' | 'AU';
  readonly callingCode: string;
  /** Spellings found in CRM country fields, most common first. */
  readonly spellings: readonly string[];
  readonly weight: number;
  readonly cities: readonly {
    readonly city: string;
    readonly state: string;
    readonly areas: readonly string[];
  }[];
  /** National significant number lengths after the area code. */
  readonly subscriberDigits: number;
  readonly mobilePrefixes: readonly string[];
  readonly mobileDigits: number;
  readonly legalForms: readonly string[];
  readonly tld: string;
  readonly postcode: (r: () => number) => string;
}

const digits = (r: () => number, n: number): string =>
  Array.from({ length: n }, (_, i) => String(i === 0 ? 2 + Math.floor(r() * 8) : Math.floor(r() * 10))).join(
    '',
  );

export const PLACES: readonly Place[] = [
  {
    code: 'US',
    callingCode: '1',
    spellings: ['United States', 'USA', 'US', 'United States of America', 'U.S.A.'],
    weight: 0.5,
    cities: [
      { city: 'New York', state: 'NY', areas: ['212', '646', '917'] },
      { city: 'San Francisco', state: 'CA', areas: ['415', '628'] },
      { city: 'Austin', state: 'TX', areas: ['512', '737'] },
      { city: 'Chicago', state: 'IL', areas: ['312', '773'] },
      { city: 'Boston', state: 'MA', areas: ['617', '857'] },
      { city: 'Seattle', state: 'WA', areas: ['206'] },
      { city: 'Denver', state: 'CO', areas: ['303', '720'] },
      { city: 'Atlanta', state: 'GA', areas: ['404', '678'] },
    ],
    subscriberDigits: 7,
    mobilePrefixes: [],
    mobileDigits: 0,
    legalForms: ['Inc', 'Inc.', 'Incorporated', 'LLC', 'L.L.C.', 'Corp', 'Corp.', 'Corporation', 'Co.', ''],
    tld: 'com',
    postcode: (r) => String(10000 + Math.floor(r() * 89999)),
  },
  {
    code: 'GB',
    callingCode: '44',
    spellings: ['United Kingdom', 'UK', 'GB', 'England', 'Great Britain'],
    weight: 0.15,
    cities: [
      { city: 'London', state: 'England', areas: ['207', '203'] },
      { city: 'Manchester', state: 'England', areas: ['161'] },
      { city: 'Edinburgh', state: 'Scotland', areas: ['131'] },
    ],
    subscriberDigits: 7,
    mobilePrefixes: ['7911', '7700', '7400', '7866'],
    mobileDigits: 6,
    legalForms: ['Ltd', 'Ltd.', 'Limited', 'PLC', 'plc', 'LLP', ''],
    tld: 'co.uk',
    postcode: (r) =>
      `${String.fromCharCode(65 + Math.floor(r() * 26))}${1 + Math.floor(r() * 9)} ${Math.floor(r() * 10)}${String.fromCharCode(65 + Math.floor(r() * 26))}${String.fromCharCode(65 + Math.floor(r() * 26))}`,
  },
  {
    code: 'DE',
    callingCode: '49',
    spellings: ['Germany', 'Deutschland', 'DE'],
    weight: 0.12,
    cities: [
      { city: 'Berlin', state: 'Berlin', areas: ['30'] },
      { city: 'München', state: 'Bayern', areas: ['89'] },
      { city: 'Hamburg', state: 'Hamburg', areas: ['40'] },
    ],
    subscriberDigits: 8,
    mobilePrefixes: ['151', '160', '170', '176'],
    mobileDigits: 8,
    legalForms: ['GmbH', 'AG', 'GmbH & Co. KG', 'SE', 'KG', ''],
    tld: 'de',
    postcode: (r) => String(10000 + Math.floor(r() * 89999)),
  },
  {
    code: 'FR',
    callingCode: '33',
    spellings: ['France', 'FR'],
    weight: 0.08,
    cities: [
      { city: 'Paris', state: 'Île-de-France', areas: ['1'] },
      { city: 'Lyon', state: 'Auvergne-Rhône-Alpes', areas: ['4'] },
    ],
    subscriberDigits: 8,
    mobilePrefixes: ['6', '7'],
    mobileDigits: 8,
    legalForms: ['SA', 'SAS', 'S.A.S.', 'SARL', ''],
    tld: 'fr',
    postcode: (r) => String(75000 + Math.floor(r() * 20)),
  },
  {
    code: 'CA',
    callingCode: '1',
    spellings: ['Canada', 'CA'],
    weight: 0.08,
    cities: [
      { city: 'Toronto', state: 'ON', areas: ['416', '647'] },
      { city: 'Vancouver', state: 'BC', areas: ['604', '778'] },
    ],
    subscriberDigits: 7,
    mobilePrefixes: [],
    mobileDigits: 0,
    legalForms: ['Inc.', 'Ltd.', 'Corp.', 'ULC', ''],
    tld: 'ca',
    postcode: (r) =>
      `M${1 + Math.floor(r() * 9)}${String.fromCharCode(65 + Math.floor(r() * 26))} ${Math.floor(r() * 10)}${String.fromCharCode(65 + Math.floor(r() * 26))}${Math.floor(r() * 10)}`,
  },
  {
    code: 'AU',
    callingCode: '61',
    spellings: ['Australia', 'AU'],
    weight: 0.07,
    cities: [
      { city: 'Sydney', state: 'NSW', areas: ['2'] },
      { city: 'Melbourne', state: 'VIC', areas: ['3'] },
    ],
    subscriberDigits: 8,
    mobilePrefixes: ['4'],
    mobileDigits: 8,
    legalForms: ['Pty Ltd', 'Pty. Ltd.', 'Limited', ''],
    tld: 'com.au',
    postcode: (r) => String(2000 + Math.floor(r() * 1999)),
  },
];

/** A valid national significant number (libphonenumber `isValid`) in the place: a landline, or a mobile. */
export function phoneNumber(r: () => number, place: Place, area: string, mobile: boolean): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const prefix =
      mobile && place.mobilePrefixes.length > 0
        ? (place.mobilePrefixes[Math.floor(r() * place.mobilePrefixes.length)] ?? '')
        : area;
    const rest = digits(r, mobile && place.mobileDigits > 0 ? place.mobileDigits : place.subscriberDigits);
    const national = `${prefix}${rest}`;
    const parsed = parsePhoneNumberFromString(`+${place.callingCode}${national}`);
    if (parsed?.isValid() === true) return national;
  }
  throw new Error(`no valid number found for ${place.code} ${area}`);
}

/**
 * Writes a number the way people type it into a CRM: national with or without punctuation,
 * international with spaces, E.164, dots, or with an extension.
 */
export function formatPhone(r: () => number, place: Place, national: string): string {
  const parsed = parsePhoneNumberFromString(`+${place.callingCode}${national}`);
  if (parsed === undefined) return national;
  const roll = r();
  if (roll < 0.35) return parsed.formatNational();
  if (roll < 0.6) return parsed.formatInternational();
  if (roll < 0.72) return parsed.number;
  if (roll < 0.82) return parsed.formatNational().replace(/\D/g, '');
  if (roll < 0.9) return parsed.formatInternational().replace(/\s/g, '.').replace('+', '+').replace('.', ' ');
  if (roll < 0.95) return `${parsed.formatNational()} x${100 + Math.floor(r() * 900)}`;
  return `00${place.callingCode} ${national}`;
}
