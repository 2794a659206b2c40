import { adminActor as hsAdmin } from '../../connectors/sandbox/hubspot/portal.js';
import { adminActor as sfAdmin } from '../../connectors/sandbox/salesforce/org.js';
import type { HubspotSandbox, SalesforceSandbox } from '../../connectors/sandbox/start-sandboxes.js';
import type { FieldValue } from '../../connectors/sandbox/store.js';

/** A clock the sandboxes read, shifted back while "old" records are created. */
export class SkewedClock {
  skewMs = 0;
  readonly now = (): number => Date.now() + this.skewMs;
}

const DAY = 86_400_000;

interface PersonSeed {
  readonly label: string;
  readonly ageDays: number;
  readonly kind: 'lead' | 'contact';
  readonly first: string;
  readonly last: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string;
}

/**
 * Duplicates of several kinds: a Lead (Bob, other phone format) duplicating an older Contact (Robert,
 * same company) plus a newer lead of the same person; plus-tag and case in an email; Gmail dots; and
 * a person with no duplicate.
 */
export const PEOPLE: readonly PersonSeed[] = [
  {
    label: 'robert-contact',
    ageDays: 300,
    kind: 'contact',
    first: 'Robert',
    last: 'Stone',
    email: 'robert.stone@acme.example',
    phone: '+1 415 555 0101',
    company: 'Acme Inc',
  },
  {
    label: 'bob-lead',
    ageDays: 200,
    kind: 'lead',
    first: 'Bob',
    last: 'Stone',
    email: null,
    phone: '(415) 555-0101',
    company: 'ACME',
  },
  {
    label: 'rob-lead',
    ageDays: 100,
    kind: 'lead',
    first: 'Rob',
    last: 'Stone',
    email: 'rob@acme.example',
    phone: '415.555.0101',
    company: 'Acme, Inc.',
  },
  {
    label: 'jonathan',
    ageDays: 90,
    kind: 'lead',
    first: 'Jonathan',
    last: 'Smith',
    email: 'jonathan.smith@globex.example',
    phone: null,
    company: 'Globex',
  },
  {
    label: 'jon',
    ageDays: 80,
    kind: 'lead',
    first: 'Jon',
    last: 'Smith',
    email: 'Jonathan.Smith+events@GLOBEX.example',
    phone: null,
    company: 'Globex Corp.',
  },
  {
    label: 'sam',
    ageDays: 70,
    kind: 'lead',
    first: 'Sam',
    last: 'Taylor',
    email: 'sam.taylor@gmail.com',
    phone: null,
    company: 'Freelance',
  },
  {
    label: 'samuel',
    ageDays: 60,
    kind: 'lead',
    first: 'Samuel',
    last: 'Taylor',
    email: 'samtaylor@gmail.com',
    phone: null,
    company: 'Freelance',
  },
  {
    label: 'priya',
    ageDays: 50,
    kind: 'lead',
    first: 'Priya',
    last: 'Natarajan',
    email: 'priya@umbrella.example',
    phone: null,
    company: 'Umbrella Health',
  },
];

export type Ids = Map<string, { objectType: string; id: string }>;

export function seedSalesforcePeople(sb: SalesforceSandbox, clock: SkewedClock): Ids {
  const ids: Ids = new Map();
  const account = sb.store.create('Account', { Name: 'Acme Inc', Website: 'https://acme.example' }, sfAdmin);
  for (const p of PEOPLE) {
    clock.skewMs = -p.ageDays * DAY;
    const common = { FirstName: p.first, LastName: p.last, Email: p.email, Phone: p.phone };
    const rec =
      p.kind === 'contact'
        ? sb.store.create('Contact', { ...common, AccountId: account.id }, sfAdmin)
        : sb.store.create('Lead', { ...common, Company: p.company, Status: 'Open - Not Contacted' }, sfAdmin);
    ids.set(p.label, { objectType: rec.type, id: rec.id });
  }
  clock.skewMs = 0;
  return ids;
}

export function seedHubspotPeople(sb: HubspotSandbox, clock: SkewedClock): Ids {
  const ids: Ids = new Map();
  for (const p of PEOPLE) {
    clock.skewMs = -p.ageDays * DAY;
    const rec = sb.store.create(
      'contacts',
      {
        firstname: p.first,
        lastname: p.last,
        email: p.email,
        phone: p.phone,
        company: p.company,
        lifecyclestage: p.kind === 'contact' ? 'customer' : 'lead',
      },
      hsAdmin,
    );
    ids.set(p.label, { objectType: 'contacts', id: rec.id });
  }
  clock.skewMs = 0;
  return ids;
}

export interface Shown {
  readonly status: FieldValue | undefined;
  readonly of: string | null;
  readonly score: FieldValue | undefined;
  readonly reason: FieldValue | undefined;
}

/** What each seeded person shows in the CRM, with `duplicateOf` ids turned back into labels. */
export function shownFields(
  store: SalesforceSandbox['store'],
  ids: Ids,
  names: { status: string; of: string; score: string; reason: string },
): Record<string, Shown> {
  const labelOf = new Map([...ids].map(([label, r]) => [r.id, label]));
  const out: Record<string, Shown> = {};
  for (const [label, ref] of ids) {
    const fields = store.getAny(ref.objectType, ref.id)?.fields ?? {};
    const of = fields[names.of];
    out[label] = {
      status: fields[names.status],
      of: typeof of === 'string' && of !== '' ? (labelOf.get(of) ?? `?${of}`) : null,
      score: fields[names.score],
      reason: fields[names.reason],
    };
  }
  return out;
}

export const SF_FIELDS = {
  status: 'PS_Duplicate_Status__c',
  of: 'PS_Duplicate_Of__c',
  score: 'PS_Duplicate_Likelihood__c',
  reason: 'PS_Duplicate_Reason__c',
};
export const HS_FIELDS = {
  status: 'ps_duplicate_status',
  of: 'ps_duplicate_of',
  score: 'ps_duplicate_likelihood',
  reason: 'ps_duplicate_reason',
};
