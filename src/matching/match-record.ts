import { z } from 'zod';

import type { Person } from '../domain/entities.js';

const Text = z.string().nullable().optional();

export const MatchRecordKind = z.enum(['lead', 'contact']);
export type MatchRecordKind = z.infer<typeof MatchRecordKind>;

/**
 * The flat record the matcher reads: a Lead or Contact from a CRM, an export row, or a FEBRL row.
 * Every field except `id` may be missing. `externalId` is a unique identifier the customer trusts
 * (a national id, a member number); `dateOfBirth` is `YYYYMMDD` or `YYYY-MM-DD`.
 */
export const MatchRecord = z.object({
  id: z.string().min(1),
  kind: MatchRecordKind.default('lead'),
  createdAt: Text,
  firstName: Text,
  lastName: Text,
  /** Generational suffix (Salesforce `Suffix`): Jr, Sr, II, III … */
  suffix: Text,
  email: Text,
  phone: Text,
  mobilePhone: Text,
  company: Text,
  website: Text,
  streetNumber: Text,
  street: Text,
  address2: Text,
  city: Text,
  postalCode: Text,
  state: Text,
  country: Text,
  dateOfBirth: Text,
  externalId: Text,
  /**
   * Region (ISO alpha-2) for reading national phone numbers when the record has no country: the
   * connection's default region, or the CLI's `--country`.
   */
  phoneRegion: Text,
});
export type MatchRecord = z.infer<typeof MatchRecord>;

/** The field names a CSV column or `--map` entry can fill. */
export const MATCH_FIELDS = [
  'id',
  'kind',
  'createdAt',
  'firstName',
  'lastName',
  'suffix',
  'email',
  'phone',
  'mobilePhone',
  'company',
  'website',
  'streetNumber',
  'street',
  'address2',
  'city',
  'postalCode',
  'state',
  'country',
  'dateOfBirth',
  'externalId',
] as const satisfies readonly (keyof MatchRecord)[];
export type MatchField = (typeof MATCH_FIELDS)[number];

/** The matcher's view of a canonical Lead or Contact. */
export function matchRecordFromPerson(person: Person): MatchRecord {
  return {
    id: person.id,
    kind: person.kind,
    createdAt: person.createdAt,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    phone: person.phone,
    mobilePhone: person.mobilePhone,
    company: person.company,
    website: person.website,
    street: person.street,
    city: person.city,
    postalCode: person.postalCode,
    state: person.state,
    country: person.country,
  };
}
