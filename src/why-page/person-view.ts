import type { Person } from '../domain/entities.js';
import type { DuplicateStatus } from '../matching/duplicate-status.js';
import type { PairReview } from '../matching/pair-review.js';
import { SIDE_BY_SIDE_LABELS, sideBySide } from '../matching/side-by-side.js';
import { duplicateLikelihood } from '../explain/rep-words/index.js';
import { day, fullName } from './format.js';
import { sortTimeline, type Comparison, type WhyView } from './why-view.js';

/** What the page of a lead or contact is built from. */
export interface PersonWhyInput {
  readonly status: DuplicateStatus;
  readonly self: Person | null;
  /** The record it is flagged against (the one to keep), when the mirror still has it. */
  readonly other: Person | null;
  readonly reviews: readonly PairReview[];
}

const LABELS: Readonly<Record<string, string>> = SIDE_BY_SIDE_LABELS;

const kindOf = (p: Person | null): string => p?.kind ?? 'record';
const nameOf = (p: Person | null): string =>
  p === null ? 'the other record' : fullName(p.firstName, p.lastName, `this ${p.kind}`);
const sentence = (s: string): string =>
  `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.…]$/.test(s) ? '' : '.'}`;

/** "Very likely duplicate, 99 %: same email; same phone" → the reasons after the score, one sentence each. */
function reasonSentences(reason: string | null): string[] {
  if (reason === null) return [];
  const colon = reason.indexOf(': ');
  const body = colon >= 0 ? reason.slice(colon + 2) : reason;
  return body
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(sentence);
}

function reviewText(r: PairReview): string {
  const who = r.source === 'crm' ? 'a rep in the CRM' : 'an admin in partnersync';
  return r.verdict === 'dismissed'
    ? `Marked “Not a duplicate” by ${who}`
    : `Confirmed as a duplicate by ${who}`;
}

function comparisonOf(self: Person | null, other: Person | null): Comparison | null {
  if (self === null || other === null) return null;
  return {
    leftTitle: `This ${self.kind}: ${nameOf(self)}`,
    rightTitle: `The ${other.kind} to keep: ${nameOf(other)}`,
    rows: sideBySide(self, other).map((f) => ({ ...f, label: LABELS[f.field] ?? f.field })),
  };
}

function decisionOf(input: PersonWhyInput): Pick<WhyView, 'title' | 'decision'> {
  const { status, self, other } = input;
  const kind = kindOf(self);
  const score = status.duplicateScore === null ? '' : ` (${duplicateLikelihood(status.duplicateScore)})`;
  switch (status.duplicateStatus) {
    case 'duplicate':
      return {
        title: `Why is this ${kind} marked as a duplicate?`,
        decision: { tone: 'bad', text: `Duplicate of the ${kindOf(other)} ${nameOf(other)}${score}` },
      };
    case 'possible':
      return {
        title: `Why might this ${kind} be a duplicate?`,
        decision: {
          tone: 'warn',
          text: `Possibly the same person as the ${kindOf(other)} ${nameOf(other)}${score}`,
        },
      };
    case 'dismissed':
      return {
        title: `Why is this ${kind} marked “Not a duplicate”?`,
        decision: { tone: 'info', text: 'Not a duplicate: a person reviewed the match and dismissed it' },
      };
    case 'unique':
      return {
        title: `Why is this ${kind} not flagged as a duplicate?`,
        decision: { tone: 'ok', text: 'Unique: no other record matches it closely enough' },
      };
  }
}

/** Pure: the page of a lead or contact, its duplicate decision and the two records side by side. */
export function personView(input: PersonWhyInput, decidedAt: string | null = null): WhyView {
  const { self, other, status, reviews } = input;
  const flagged = status.duplicateStatus === 'duplicate' || status.duplicateStatus === 'possible';
  const keep = flagged
    ? [`The record to keep is ${nameOf(other)}: a contact is kept over a lead, then the older record.`]
    : [];
  const timeline = [
    ...(self === null ? [] : [{ at: self.createdAt, text: `This ${self.kind} was created` }]),
    ...(other === null || !flagged ? [] : [{ at: other.createdAt, text: `${nameOf(other)} was created` }]),
    ...reviews.map((r) => ({ at: r.at, text: reviewText(r) })),
  ];
  return {
    ...decisionOf(input),
    record: self === null ? 'A person' : `${self.kind === 'lead' ? 'Lead' : 'Contact'} ${nameOf(self)}`,
    evidence: [
      ...reasonSentences(status.duplicateReason),
      ...keep,
      ...reviews.map((r) => `${reviewText(r)} on ${day(r.at)}.`),
    ],
    timeline: sortTimeline(timeline),
    credit: null,
    comparison: flagged ? comparisonOf(self, other) : null,
    decidedAt,
  };
}
