import type { Person } from '../domain/entities.js';

/** The fields an admin compares when deciding whether two people are one. */
const FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'mobilePhone',
  'company',
  'title',
  'city',
  'country',
] as const;

/** How each compared field is named on a page. */
export const SIDE_BY_SIDE_LABELS: Readonly<Record<(typeof FIELDS)[number], string>> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  mobilePhone: 'Mobile',
  company: 'Company',
  title: 'Title',
  city: 'City',
  country: 'Country',
};

export interface SideBySideField {
  readonly field: (typeof FIELDS)[number];
  readonly left: string | null;
  readonly right: string | null;
  /** Both present and equal once case, spacing and (phones) punctuation are ignored. */
  readonly same: boolean;
}

const folded = (field: string, v: string): string =>
  field === 'phone' || field === 'mobilePhone'
    ? v.replace(/\D/g, '').slice(-10)
    : v.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Pure: two people field by field, marking the values they share. */
export function sideBySide(left: Person, right: Person): SideBySideField[] {
  return FIELDS.map((field) => {
    const l = left[field];
    const r = right[field];
    const same = l !== null && r !== null && l !== '' && folded(field, l) === folded(field, r);
    return { field, left: l, right: r, same };
  });
}
