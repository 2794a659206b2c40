import { z } from 'zod';
import { RegistrationStatus } from '../src/domain/entities.js';
import type { WriteBackEntity } from './write-back-spec.js';

/**
 * Our results that a mapping can write back, per write-back entity. Every field is optional:
 * a caller passes only what it decided; a target maps only what the admin wants written.
 */

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
/** The signed "Why?" page of the record; the write-back job fills it in (src/why-link). */
const WhyUrl = z.url().nullable();

export const PersonDecision = z
  .object({
    /** `dismissed`: "Not a duplicate", written only for a dismissal made in the admin console. */
    duplicateStatus: z.enum(['unique', 'possible', 'duplicate', 'dismissed']),
    duplicateOf: z.string().nullable(),
    /** The record to keep again, when it is a Lead / a Contact: one lookup per target object. */
    duplicateOfLead: z.string().nullable(),
    duplicateOfContact: z.string().nullable(),
    /** The record to keep by name, beside its id ("Jonathan Smith"). */
    duplicateOfName: z.string().nullable(),
    duplicateScore: z.number().min(0).max(1).nullable(),
    /** The match probability as the whole percentage a rep reads (0–99, never a certainty). */
    duplicatePercent: z.number().int().min(0).max(99).nullable(),
    duplicateReason: z.string().nullable(),
    partnerId: z.string().nullable(),
    whyUrl: WhyUrl,
  })
  .partial();
export type PersonDecision = z.infer<typeof PersonDecision>;

export const OpportunityDecision = z
  .object({
    partnerSourced: z.boolean(),
    sourcingPartnerId: z.string().nullable(),
    sourcingPartnerName: z.string().nullable(),
    partnerInfluenced: z.boolean(),
    influencingPartners: z.array(z.string()),
    attributionModel: z.string().nullable(),
    registrationId: z.string().nullable(),
    whyUrl: WhyUrl,
  })
  .partial();
export type OpportunityDecision = z.infer<typeof OpportunityDecision>;

export const RegistrationDecision = z
  .object({
    status: RegistrationStatus,
    reason: z.string().nullable(),
    decidedAt: IsoDateTime.nullable(),
    expiresOn: IsoDate.nullable(),
    conflictWith: z.string().nullable(),
    opportunityId: z.string().nullable(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    customerCompany: z.string(),
    customerDomain: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactName: z.string().nullable(),
    amount: z.number().nullable(),
    currency: z.string(),
    expectedClose: IsoDate.nullable(),
    territory: z.string().nullable(),
    submittedAt: IsoDateTime,
    whyUrl: WhyUrl,
  })
  .partial();
export type RegistrationDecision = z.infer<typeof RegistrationDecision>;

export const AttributionDecision = z
  .object({
    opportunityId: z.string(),
    partnerId: z.string(),
    role: z.enum(['sourced', 'influenced']),
    creditPercent: z.number().min(0).max(100),
    creditedAmount: z.number().nullable(),
    currency: z.string(),
    model: z.string(),
    evidence: z.string().nullable(),
  })
  .partial();
export type AttributionDecision = z.infer<typeof AttributionDecision>;

export const DECISION_SCHEMAS = {
  person: PersonDecision,
  opportunity: OpportunityDecision,
  registration: RegistrationDecision,
  attribution: AttributionDecision,
} as const satisfies Record<WriteBackEntity, z.ZodType>;

export interface DecisionFieldsByEntity {
  person: PersonDecision;
  opportunity: OpportunityDecision;
  registration: RegistrationDecision;
  attribution: AttributionDecision;
}
