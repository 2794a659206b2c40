import type { DecisionFieldsByEntity } from '../../mappings/index.js';

/**
 * Decisions used by preview to show what a write-back would look like on a record: every field set, so
 * every mapped CRM field shows up. Values are obviously samples; preview never writes them.
 */
export const SAMPLE_DECISIONS: DecisionFieldsByEntity = {
  person: {
    duplicateStatus: 'possible',
    duplicateOf: 'sample-duplicate-id',
    duplicateScore: 0.92,
    duplicateReason: 'sample: same email and phone',
    partnerId: 'sample-partner-id',
  },
  opportunity: {
    partnerSourced: true,
    sourcingPartnerId: 'sample-partner-id',
    partnerInfluenced: true,
    influencingPartners: ['sample-partner-id'],
    attributionModel: 'first_touch',
    registrationId: 'sample-registration-id',
  },
  registration: {
    status: 'approved',
    reason: 'sample: no conflicting registration',
    expiresOn: '2030-01-31',
    conflictWith: null,
    opportunityId: 'sample-opportunity-id',
    partnerId: 'sample-partner-id',
  },
  attribution: {
    role: 'sourced',
    creditPercent: 100,
    model: 'first_touch',
    evidence: 'sample',
  },
};
