import type { Account, DealRegistration, Opportunity, Partner } from '../domain/entities.js';
import type { Conflict } from './review-context.js';
import { repDate } from '../explain/rep-words/index.js';

/** The records a conflict can point at, so it can be told by their names rather than CRM ids. */
export interface ConflictRecords {
  readonly partners: readonly Partner[];
  readonly registrations: readonly DealRegistration[];
  readonly opportunities: readonly Opportunity[];
  readonly accounts: readonly Account[];
}

const STATUS_WORDS: Readonly<Record<DealRegistration['status'], string>> = {
  submitted: 'submitted and not yet reviewed',
  pending_review: 'waiting for review',
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  converted: 'converted',
};

function how(conflict: Conflict): string {
  if (conflict.via === 'domain') return 'same customer domain';
  return `company names match ${Math.round(conflict.score * 100)}%`;
}

/**
 * Pure: one conflict in words, naming the partner, customer and opportunity (never a CRM id), and how sure the customer match is.
 */
export function describeConflict(conflict: Conflict, records: ConflictRecords): string {
  const partnerName = (id: string | null): string =>
    id === null ? 'another partner' : (records.partners.find((p) => p.id === id)?.name ?? 'another partner');
  const severity = conflict.severity === 'hard' ? 'blocks approval' : 'needs a person to decide';
  if (conflict.kind === 'open_opportunity') {
    const opp = records.opportunities.find((o) => o.id === conflict.recordId);
    if (opp === undefined) return `An open opportunity of this customer (${how(conflict)}; ${severity})`;
    const account = records.accounts.find((a) => a.id === opp.accountId)?.name;
    const of = account === undefined ? '' : ` of ${account}`;
    return `Open opportunity “${opp.name}”${of}, created ${repDate(opp.createdAt)} before this registration (${how(conflict)}; ${severity})`;
  }
  const other = records.registrations.find((r) => r.id === conflict.recordId);
  const who = partnerName(conflict.partnerId);
  if (other === undefined) return `A registration by ${who} (${how(conflict)}; ${severity})`;
  const what = `registration for ${other.customerCompany} submitted ${repDate(other.submittedAt)}`;
  const status = STATUS_WORDS[other.status];
  switch (conflict.kind) {
    case 'protected_registration': {
      const until = other.expiresOn === null ? '' : ` until ${repDate(other.expiresOn)}`;
      return `${who} registered this customer first: their ${what} is approved and protected${until} (${how(conflict)}; ${severity})`;
    }
    case 'earlier_pending_registration':
      return `${who}'s ${what} is ${status} (${how(conflict)}; ${severity})`;
    case 'duplicate_registration':
      return `Same partner's ${what} is ${status} (${how(conflict)}; ${severity})`;
  }
}
