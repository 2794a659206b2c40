import { MATCH_FIELDS } from './match-record.js';
import type { MatchField } from './match-record.js';

/**
 * Export headers recognised without flags, folded (lower-case, letters and digits only). Salesforce
 * report/Data Loader and HubSpot export spellings.
 */
const HEADER_ALIASES: Readonly<Record<MatchField, readonly string[]>> = {
  id: ['recordid', 'id', 'leadid', 'contactid', 'hsobjectid', 'objectid'],
  kind: ['kind', 'recordkind', 'objecttype'],
  createdAt: ['createddate', 'createdate', 'createdat', 'created'],
  firstName: ['firstname', 'givenname'],
  lastName: ['lastname', 'surname', 'familyname'],
  suffix: ['suffix', 'namesuffix', 'generation'],
  email: ['email', 'emailaddress', 'workemail', 'workemailaddress', 'primaryemail', 'businessemail'],
  phone: [
    'phone',
    'phonenumber',
    'businessphone',
    'workphone',
    'officephone',
    'telephone',
    'telephonenumber',
    'tel',
  ],
  mobilePhone: ['mobilephonenumber', 'mobilephone', 'mobile', 'mobilenumber', 'cellphone', 'cell'],
  company: [
    'company',
    'companyname',
    'companyaccount',
    'accountname',
    'account',
    'organization',
    'organisation',
    'organizationname',
    'organisationname',
    'businessname',
    'employer',
  ],
  website: ['website', 'websiteurl', 'companydomainname', 'domain', 'companywebsite'],
  streetNumber: ['streetnumber'],
  street: ['street', 'streetaddress', 'address', 'mailingstreet', 'address1', 'streetaddress1'],
  address2: ['address2', 'streetaddress2', 'addressline2'],
  city: ['city', 'mailingcity', 'town', 'citytown'],
  postalCode: [
    'postalcode',
    'zip',
    'zipcode',
    'zippostalcode',
    'postcode',
    'mailingpostalcode',
    'mailingzippostalcode',
    'postalcodezip',
  ],
  state: [
    'state',
    'stateregion',
    'stateprovince',
    'mailingstate',
    'mailingstateprovince',
    'province',
    'region',
  ],
  country: ['country', 'countryregion', 'mailingcountry', 'countryname'],
  dateOfBirth: ['dateofbirth', 'birthdate', 'dob'],
  externalId: ['externalid'],
};

/**
 * One column holding the whole name (a Salesforce report's "Full Name", a list's "Name"), used only
 * when the file has neither a first- nor a last-name column; its cells are split into both.
 */
const FULL_NAME_ALIASES = ['fullname', 'name', 'contactname', 'leadname', 'personname', 'contact'];

function fold(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ColumnResolution {
  /** Column index per field that was found. */
  readonly columns: Partial<Record<MatchField, number>>;
  /** `--map` entries that named a column not in the header. */
  readonly missing: readonly { readonly field: MatchField; readonly column: string }[];
  /** Headers that feed no field. */
  readonly unused: readonly string[];
  /** A column of whole names, split into first and last name (only when neither has a column). */
  readonly fullName?: number;
  /** A Salesforce "Contact ID" / HubSpot contacts export: records are contacts unless a kind column says otherwise. */
  readonly defaultKind: 'lead' | 'contact';
}

export function isMatchField(name: string): name is MatchField {
  return (MATCH_FIELDS as readonly string[]).includes(name);
}

/**
 * Maps a file's header row to match fields: explicit `--map field=Column` entries first, then the
 * Salesforce and HubSpot header spellings ("Record ID", "First Name", "Company Name",
 * "Country/Region", "Mobile Phone Number" …), case- and punctuation-insensitive. First match wins.
 */
export function resolveColumns(
  headers: readonly string[],
  mapping: Readonly<Partial<Record<MatchField, string>>> = {},
): ColumnResolution {
  const folded = headers.map(fold);
  const columns: Partial<Record<MatchField, number>> = {};
  const missing: { field: MatchField; column: string }[] = [];
  const taken = new Set<number>();
  for (const field of MATCH_FIELDS) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    let at = headers.indexOf(wanted);
    if (at < 0) at = folded.indexOf(fold(wanted));
    if (at < 0) missing.push({ field, column: wanted });
    else {
      columns[field] = at;
      taken.add(at);
    }
  }
  for (const field of MATCH_FIELDS) {
    if (columns[field] !== undefined || mapping[field] !== undefined) continue;
    for (const alias of HEADER_ALIASES[field]) {
      const at = folded.findIndex((h, i) => h === alias && !taken.has(i));
      if (at >= 0) {
        columns[field] = at;
        taken.add(at);
        break;
      }
    }
  }
  const idHeader = columns.id === undefined ? '' : (folded[columns.id] ?? '');
  let fullName: number | undefined;
  if (columns.firstName === undefined && columns.lastName === undefined) {
    const at = FULL_NAME_ALIASES.map((alias) =>
      folded.findIndex((h, i) => h === alias && !taken.has(i)),
    ).find((i) => i >= 0);
    if (at !== undefined) {
      fullName = at;
      taken.add(at);
    }
  }
  return {
    columns,
    missing,
    ...(fullName === undefined ? {} : { fullName }),
    unused: headers.filter((_, i) => !taken.has(i)),
    defaultKind: idHeader === 'contactid' ? 'contact' : 'lead',
  };
}
