import type { FsParameters } from './fellegi-sunter.js';

/** The fields compared for two people, in comparison-vector order. */
export const PERSON_FIELDS = [
  'email',
  'phone',
  'externalId',
  'firstName',
  'lastName',
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
 * Default m/u probabilities for people, set by hand from CRM experience and checked on FEBRL: an
 * email, phone or trusted id match is near-conclusive; names and date of birth are strong; address
 * parts are moderate; a state agreeing says little. Disagreement on email is only mildly negative
 * (people use several addresses), on date of birth strongly so. Fit your own with `estimateWeights`.
 */
export const DEFAULT_PERSON_PARAMETERS: FsParameters<PersonField> = {
  fields: PERSON_FIELDS,
  prior: 0.0001,
  levels: {
    email: {
      exact: { m: 0.85, u: 0.000001 },
      close: { m: 0.05, u: 0.02 },
      different: { m: 0.15, u: 1 },
    },
    phone: { exact: { m: 0.8, u: 0.0001 }, different: { m: 0.2, u: 1 } },
    externalId: {
      exact: { m: 0.85, u: 0.000001 },
      close: { m: 0.1, u: 0.0005 },
      different: { m: 0.05, u: 1 },
    },
    firstName: {
      exact: { m: 0.75, u: 0.01 },
      close: { m: 0.12, u: 0.004 },
      fuzzy: { m: 0.06, u: 0.03 },
      different: { m: 0.07, u: 0.956 },
    },
    lastName: {
      exact: { m: 0.75, u: 0.002 },
      close: { m: 0.12, u: 0.002 },
      fuzzy: { m: 0.06, u: 0.02 },
      different: { m: 0.07, u: 0.976 },
    },
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
