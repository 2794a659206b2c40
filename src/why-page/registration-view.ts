import type { DealRegistration } from '../domain/entities.js';
import type { RegistrationRecord } from '../store/decision-store.js';
import { day } from './format.js';
import { conflictSentence, ruleSentence, type EvidenceNames } from './registration-evidence.js';
import { sortTimeline, type TimelineEvent, type WhyTone, type WhyView } from './why-view.js';

/** What the page of a deal registration is built from. */
export interface RegistrationWhyInput extends EvidenceNames {
  readonly decision: RegistrationRecord;
  /** The registration as last read from the CRM. */
  readonly registration: DealRegistration;
}

const TITLES: Readonly<Record<RegistrationRecord['status'], readonly [string, WhyTone]>> = {
  approved: ['Why was this registration approved?', 'ok'],
  converted: ['Why was this registration converted?', 'ok'],
  rejected: ['Why was this registration rejected?', 'bad'],
  pending_review: ['Why is this registration waiting for review?', 'warn'],
  expired: ['Why did this registration expire?', 'info'],
  submitted: ['Where is this registration?', 'info'],
};

function decisionText(input: RegistrationWhyInput, first: string | undefined): string {
  const { decision: d, registration: r } = input;
  const partner = input.partner(r.partnerId);
  const opp = d.opportunityId === null ? undefined : input.opportunities.get(d.opportunityId);
  switch (d.status) {
    case 'approved':
      return `Approved: ${partner} holds ${r.customerCompany}${d.expiresOn === null ? '' : ` until ${day(d.expiresOn)}`}`;
    case 'converted':
      return `Converted: it became the opportunity ${opp === undefined ? 'for this customer' : `“${opp.name}”`}`;
    case 'rejected':
      return `Rejected${first === undefined ? '' : `: ${first.replace(/\.$/, '')}`}`;
    case 'pending_review':
      return 'Waiting for a person to review it';
    case 'expired':
      return `Expired${d.expiresOn === null ? '' : ` on ${day(d.expiresOn)}`}: no opportunity was opened in time`;
    case 'submitted':
      return 'Submitted, not decided yet';
  }
}

function timelineOf(input: RegistrationWhyInput): TimelineEvent[] {
  const { decision: d, registration: r } = input;
  const events: TimelineEvent[] = [
    { at: r.submittedAt, text: `${input.partner(r.partnerId)} registered ${r.customerCompany}` },
  ];
  for (const c of d.evidence?.conflicts ?? []) {
    const other = input.registrations.get(c.recordId);
    if (other !== undefined)
      events.push({
        at: other.submittedAt,
        text: `${input.partner(other.partnerId)} registered ${other.customerCompany}`,
      });
    const opp = input.opportunities.get(c.recordId);
    if (opp !== undefined)
      events.push({ at: opp.createdAt, text: 'An open opportunity for this customer was created' });
  }
  const converted = d.opportunityId === null ? undefined : input.opportunities.get(d.opportunityId);
  if (converted !== undefined) {
    events.push({ at: converted.createdAt, text: `The opportunity “${converted.name}” was created` });
    if (converted.closedAt !== null)
      events.push({
        at: converted.closedAt,
        text: converted.isWon ? 'The opportunity was won' : 'The opportunity was lost',
      });
  }
  events.push({ at: d.decidedAt, text: `Decided: ${d.status.replace('_', ' ')}` });
  if (d.expiresOn !== null && d.status === 'approved')
    events.push({ at: d.expiresOn, text: 'Protection ends' });
  return sortTimeline(events);
}

/** What settled a registration whose decision named no conflict. */
function outcomeSentence(input: RegistrationWhyInput): string {
  const { decision: d, registration: r } = input;
  const opp = d.opportunityId === null ? undefined : input.opportunities.get(d.opportunityId);
  switch (d.status) {
    case 'converted':
      return `An opportunity for ${r.customerCompany} was opened${opp === undefined ? '' : ` on ${day(opp.createdAt)}`} while this registration protected it, so the registration became that opportunity and its partner is credited with sourcing it.`;
    case 'approved':
      return `No earlier registration and no open opportunity for ${r.customerCompany} was found, so ${input.partner(r.partnerId)} holds the customer.`;
    case 'expired':
      return 'The protection period ended before an opportunity was opened for this customer.';
    default:
      return 'No conflicting registration or open opportunity was found.';
  }
}

/** Pure: the page of a deal registration, its decision, conflicts and rule checks in plain words. */
export function registrationView(input: RegistrationWhyInput): WhyView {
  const { decision: d, registration: r } = input;
  const conflicts = (d.evidence?.conflicts ?? []).map((c) => conflictSentence(c, r, input));
  const rules = (d.evidence?.ruleChecks ?? []).map(ruleSentence);
  const people = d.existingPeople.length;
  const extra = [
    ...(conflicts.length === 0 ? [outcomeSentence(input)] : []),
    ...(people === 0
      ? []
      : [`${people} lead or contact with this contact or company already exists in the CRM.`]),
    ...(d.decidedBy === undefined ? [] : ['Decided by a person from the review queue.']),
  ];
  const failed = (d.evidence?.ruleChecks ?? []).filter((c) => !c.passed).map(ruleSentence);
  const [title, tone] = TITLES[d.status];
  return {
    title,
    record: `Deal registration: ${r.customerCompany}, by ${input.partner(r.partnerId)}`,
    decision: { tone, text: decisionText(input, conflicts[0] ?? failed[0]) },
    evidence: [...conflicts, ...rules, ...extra],
    timeline: timelineOf(input),
    credit: null,
    comparison: null,
    decidedAt: d.decidedAt,
  };
}
