import type { DealRegistration, Opportunity, Person } from '../domain/entities.js';
import type { SourcingCandidate } from './attribution-evidence.js';

export type SourcingResult =
  | { readonly kind: 'none'; readonly candidates: readonly SourcingCandidate[] }
  | {
      readonly kind: 'sourced';
      readonly partnerId: string;
      readonly winner: SourcingCandidate;
      readonly candidates: readonly SourcingCandidate[];
    }
  | {
      readonly kind: 'tie';
      readonly partnerIds: readonly string[];
      readonly candidates: readonly SourcingCandidate[];
    };

const LINKED_STATUSES: ReadonlySet<string> = new Set(['converted', 'approved']);

/**
 * Candidates: registrations converted into (linked to) the opportunity, dated by submission (first
 * come), and partner leads the opportunity came from, dated by lead creation. The earliest instant
 * wins; several different partners at that same instant are a tie (→ review).
 */
export function selectSourcingPartner(
  opportunity: Opportunity,
  registrations: readonly DealRegistration[],
  leads: readonly Person[],
): SourcingResult {
  const candidates: SourcingCandidate[] = [];
  for (const reg of registrations) {
    if (reg.opportunityId === opportunity.id && LINKED_STATUSES.has(reg.status)) {
      candidates.push({
        partnerId: reg.partnerId,
        via: 'registration',
        recordId: reg.id,
        at: reg.submittedAt,
      });
    }
  }
  for (const lead of leads) {
    const fromLead = lead.id === opportunity.sourceLeadId || lead.convertedOpportunityId === opportunity.id;
    if (fromLead && lead.partnerId !== null) {
      candidates.push({ partnerId: lead.partnerId, via: 'lead', recordId: lead.id, at: lead.createdAt });
    }
  }
  candidates.sort(compareCandidates);
  const first = candidates[0];
  if (first === undefined) return { kind: 'none', candidates };
  const firstMs = Date.parse(first.at);
  const earliest = candidates.filter((c) => Date.parse(c.at) === firstMs);
  const partnerIds = [...new Set(earliest.map((c) => c.partnerId))].sort();
  if (partnerIds.length > 1) return { kind: 'tie', partnerIds, candidates };
  return { kind: 'sourced', partnerId: first.partnerId, winner: first, candidates };
}

function compareCandidates(a: SourcingCandidate, b: SourcingCandidate): number {
  const dt = Date.parse(a.at) - Date.parse(b.at);
  if (dt !== 0) return dt;
  if (a.via !== b.via) return a.via === 'registration' ? -1 : 1;
  return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}
