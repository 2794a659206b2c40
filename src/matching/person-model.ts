import type { FsParameters } from './fellegi-sunter.js';

/** The fields compared for two people, in comparison-vector order. */
export const PERSON_FIELDS = [
  'email',
  'mailbox',
  'phone',
  'mobile',
  'externalId',
  'firstName',
  'lastName',
  'generation',
  'company',
  'companyDomain',
  'streetNumber',
  'street',
  'address2',
  'city',
  'postcode',
  'state',
  'dateOfBirth',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const PERSON_FIELD_INDEX: Readonly<Record<PersonField, number>> = Object.fromEntries(
  PERSON_FIELDS.map((f, i) => [f, i]),
) as Record<PersonField, number>;

/**
 * Fields whose agreement says two records share a setting (an employer, an office, a household), not
 * that they are one person: colleagues share all of them, and so do family members at one address.
 * Their summed weight is capped at {@link CONTEXT_CEILING_BITS}; see `person-score.ts`.
 */
export const CONTEXT_FIELDS: readonly PersonField[] = [
  'company',
  'companyDomain',
  'streetNumber',
  'street',
  'address2',
  'city',
  'postcode',
  'state',
];

/**
 * The log-odds (bits, prior included) that shared context alone can reach: even odds. Sharing an
 * employer, an office line and an address makes two records colleagues or family at best; only
 * evidence about the individual (names, a personal mailbox or line, birth date, a trusted id) decides
 * between "the same person" and "someone next to them".
 */
export const CONTEXT_CEILING_BITS = 0;

/**
 * The most disagreeing context (another employer, domain, city, street) takes off the prior, in bits:
 * log2(m / u) of "in another setting altogether", with m 0.1 (people change employer and move; a CRM
 * keeps their old and new records) and u 1. Counted field by field, the fields a move changes together
 * would be counted four or five times over against the person's own name, mobile or mailbox.
 */
export const CONTEXT_FLOOR_BITS = Math.log2(0.1);

/**
 * Default m/u probabilities for people, set by hand from CRM experience and checked on FEBRL: an
 * email, phone or trusted id match is near-conclusive; names and date of birth are strong; address
 * parts are moderate; a state agreeing says little. Disagreement on email is only mildly negative
 * (people use several addresses), but two personal mailboxes at one company domain are strong
 * evidence of two people, and so is a written-out first name that is neither alike nor a nickname
 * (a duplicate keeps its first name apart from typos, initials and nicknames: m 0.01). A Jr and a Sr
 * are two people: one person written once as Jr and once as Sr is a rare slip (m 1e-5). A shared
 * mobile number is stronger than a shared number that may be an office or household line. Fit your own with `estimateWeights`.
 */
export const DEFAULT_PERSON_PARAMETERS: FsParameters<PersonField> = {
  fields: PERSON_FIELDS,
  prior: 0.0001,
  contextCeilingBits: CONTEXT_CEILING_BITS,
  contextFloorBits: CONTEXT_FLOOR_BITS,
  levels: {
    email: {
      exact: { m: 0.85, u: 0.000001 },
      close: { m: 0.05, u: 0.02 },
      fuzzy: { m: 0.02, u: 0.00002 },
      different: { m: 0.15, u: 1 },
    },
    // fuzzy: two personal mailboxes at one company domain. different: numbered apart (deborah@,
    // deborah2@), which mail administrators do for a second person of the same name; u is taken among
    // the pairs whose names agree, as numbered mailboxes hardly occur between any others.
    mailbox: { fuzzy: { m: 0.03, u: 0.5 }, different: { m: 0.002, u: 0.5 } },
    phone: { exact: { m: 0.8, u: 0.0001 }, different: { m: 0.2, u: 1 } },
    // On top of `phone`: the shared number was typed as a mobile by at least one record. Among
    // duplicates sharing a number about one in three share a mobile; among different people sharing a
    // number (a switchboard, a family landline) a mobile is rare.
    mobile: { exact: { m: 0.3, u: 0.005 } },
    externalId: {
      exact: { m: 0.85, u: 0.000001 },
      close: { m: 0.1, u: 0.0005 },
      different: { m: 0.05, u: 1 },
    },
    firstName: {
      exact: { m: 0.75, u: 0.01 },
      close: { m: 0.15, u: 0.004 },
      fuzzy: { m: 0.09, u: 0.03 },
      different: { m: 0.01, u: 0.956 },
    },
    lastName: {
      exact: { m: 0.75, u: 0.002 },
      close: { m: 0.12, u: 0.002 },
      fuzzy: { m: 0.06, u: 0.02 },
      different: { m: 0.07, u: 0.976 },
    },
    generation: { exact: { m: 0.99, u: 0.6 }, different: { m: 0.00001, u: 0.4 } },
    company: {
      exact: { m: 0.7, u: 0.005 },
      close: { m: 0.1, u: 0.005 },
      fuzzy: { m: 0.05, u: 0.02 },
      different: { m: 0.1, u: 0.97 },
    },
    companyDomain: { exact: { m: 0.6, u: 0.01 }, different: { m: 0.2, u: 0.99 } },
    streetNumber: {
      exact: { m: 0.8, u: 0.02 },
      close: { m: 0.08, u: 0.02 },
      different: { m: 0.12, u: 0.96 },
    },
    street: {
      exact: { m: 0.75, u: 0.001 },
      close: { m: 0.12, u: 0.003 },
      fuzzy: { m: 0.05, u: 0.02 },
      different: { m: 0.08, u: 0.976 },
    },
    address2: {
      exact: { m: 0.7, u: 0.005 },
      close: { m: 0.12, u: 0.01 },
      fuzzy: { m: 0.05, u: 0.03 },
      different: { m: 0.13, u: 0.955 },
    },
    city: {
      exact: { m: 0.8, u: 0.02 },
      close: { m: 0.1, u: 0.005 },
      fuzzy: { m: 0.03, u: 0.02 },
      different: { m: 0.07, u: 0.965 },
    },
    postcode: { exact: { m: 0.8, u: 0.01 }, close: { m: 0.1, u: 0.05 }, different: { m: 0.1, u: 0.94 } },
    state: { exact: { m: 0.9, u: 0.3 }, close: { m: 0.05, u: 0.01 }, different: { m: 0.05, u: 0.69 } },
    dateOfBirth: {
      exact: { m: 0.75, u: 0.0001 },
      close: { m: 0.15, u: 0.003 },
      fuzzy: { m: 0.03, u: 0.02 },
      different: { m: 0.07, u: 0.977 },
    },
  },
};
