import { z } from 'zod';

/**
 * Canonical entities. Every CRM record is mapped into one of these before any decision is
 * made, so matching, registration and attribution never see vendor field names. Timestamps are ISO-8601
 * strings in UTC; money is a number in the record's currency (major units) with an ISO-4217 code.
 */

export const Provider = z.enum(['salesforce', 'hubspot']);
export type Provider = z.infer<typeof Provider>;

/** Where an entity lives in a CRM. One canonical entity may carry refs from several connections. */
export const CrmRef = z.object({
  connection: z.string().min(1),
  objectType: z.string().min(1),
  id: z.string().min(1),
});
export type CrmRef = z.infer<typeof CrmRef>;

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO-4217 code, e.g. USD');

export const PartnerType = z.enum(['reseller', 'referral', 'si', 'msp', 'isv', 'influence']);
export type PartnerType = z.infer<typeof PartnerType>;

export const PartnerStatus = z.enum(['active', 'inactive', 'prospect']);
export type PartnerStatus = z.infer<typeof PartnerStatus>;

export const Partner = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: PartnerType,
  tier: z.string().nullable(),
  domains: z.array(z.string()),
  status: PartnerStatus,
  territories: z.array(z.string()).default([]),
  refs: z.array(CrmRef),
});
export type Partner = z.infer<typeof Partner>;

export const PersonKind = z.enum(['lead', 'contact']);
export type PersonKind = z.infer<typeof PersonKind>;

/** A Lead or a Contact: the unit of duplicate detection. */
export const Person = z.object({
  id: z.string().min(1),
  kind: PersonKind,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  company: z.string().nullable(),
  website: z.string().nullable(),
  title: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  state: z.string().nullable(),
  country: z.string().nullable(),
  accountId: z.string().nullable(),
  partnerId: z.string().nullable(),
  convertedOpportunityId: z.string().nullable(),
  /**
   * The CRM shows the rep's "Not a duplicate" on this record: the record it had been flagged against
   * (its Duplicate Of field), and who last changed the record and when (the first time this is seen,
   * that is the rep who dismissed the flag). Absent for mappings that do not read it.
   */
  duplicateDismissed: z.boolean().optional(),
  dismissedDuplicateOf: z.string().nullable().optional(),
  dismissedBy: z.string().nullable().optional(),
  dismissedAt: IsoDateTime.nullable().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  refs: z.array(CrmRef),
});
export type Person = z.infer<typeof Person>;

export const Account = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  isPartner: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  refs: z.array(CrmRef),
});
export type Account = z.infer<typeof Account>;

export const Opportunity = z.object({
  id: z.string().min(1),
  name: z.string(),
  accountId: z.string().nullable(),
  amount: z.number().nullable(),
  currency: Currency,
  stage: z.string(),
  isClosed: z.boolean(),
  isWon: z.boolean(),
  createdAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  /** The lead this opportunity was converted from, when the CRM records it. */
  sourceLeadId: z.string().nullable(),
  /** A partner set directly on the opportunity by the mapping (e.g. a Partner lookup field). */
  partnerId: z.string().nullable(),
  refs: z.array(CrmRef),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const RegistrationStatus = z.enum([
  'submitted',
  'approved',
  'rejected',
  'pending_review',
  'expired',
  'converted',
]);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const DealRegistration = z.object({
  id: z.string().min(1),
  partnerId: z.string().min(1),
  customerCompany: z.string().min(1),
  customerDomain: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactName: z.string().nullable(),
  amount: z.number().nullable(),
  currency: Currency,
  expectedClose: IsoDate.nullable(),
  territory: z.string().nullable(),
  status: RegistrationStatus,
  reason: z.string().nullable(),
  submittedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  expiresOn: IsoDate.nullable(),
  conflictWith: z.string().nullable(),
  opportunityId: z.string().nullable(),
  refs: z.array(CrmRef),
});
export type DealRegistration = z.infer<typeof DealRegistration>;

export const TouchKind = z.enum([
  'registration',
  'lead_source',
  'opportunity_partner',
  'association',
  'co_sell',
  'referral',
  'meeting',
  'other',
]);
export type TouchKind = z.infer<typeof TouchKind>;

/** Evidence that a partner was involved with an opportunity or account at a point in time. */
export const PartnerTouch = z.object({
  id: z.string().min(1),
  partnerId: z.string().min(1),
  opportunityId: z.string().nullable(),
  accountId: z.string().nullable(),
  kind: TouchKind,
  occurredAt: IsoDateTime,
  source: CrmRef,
});
export type PartnerTouch = z.infer<typeof PartnerTouch>;

export const EntityKind = z.enum(['partner', 'person', 'account', 'opportunity', 'registration', 'touch']);
export type EntityKind = z.infer<typeof EntityKind>;

export type CanonicalEntity =
  | { readonly kind: 'partner'; readonly entity: Partner }
  | { readonly kind: 'person'; readonly entity: Person }
  | { readonly kind: 'account'; readonly entity: Account }
  | { readonly kind: 'opportunity'; readonly entity: Opportunity }
  | { readonly kind: 'registration'; readonly entity: DealRegistration }
  | { readonly kind: 'touch'; readonly entity: PartnerTouch };
