/** What the "Why?" page shows for one record; built by pure functions, rendered by src/http/why. */
export interface WhyView {
  /** e.g. "Why is this lead flagged as a duplicate?" */
  readonly title: string;
  /** The record in words: "Lead Jon Smith", "Opportunity Wayne Enterprises – Platform". */
  readonly record: string;
  readonly decision: { readonly text: string; readonly tone: WhyTone };
  /** Plain sentences, most important first. */
  readonly evidence: readonly string[];
  /** Oldest first; dates as ISO strings, shown as days. */
  readonly timeline: readonly TimelineEvent[];
  readonly credit: CreditSplit | null;
  readonly comparison: Comparison | null;
  /** When the decision was last made (ISO), or null when unknown. */
  readonly decidedAt: string | null;
}

export type WhyTone = 'ok' | 'bad' | 'warn' | 'info';

export interface TimelineEvent {
  readonly at: string;
  readonly text: string;
}

export interface CreditBar {
  readonly partner: string;
  readonly role: 'sourced' | 'influenced';
  /** 0–100. */
  readonly percent: number;
  /** "60,000.00 USD", or null when the deal has no amount. */
  readonly amount: string | null;
}

export interface CreditSplit {
  /** One sentence on how the split was made. */
  readonly how: string;
  readonly bars: readonly CreditBar[];
}

export interface ComparisonRow {
  readonly label: string;
  readonly left: string | null;
  readonly right: string | null;
  /** The value both records share: highlighted. */
  readonly same: boolean;
}

export interface Comparison {
  readonly leftTitle: string;
  readonly rightTitle: string;
  readonly rows: readonly ComparisonRow[];
}

/** Oldest first, by instant (dates and date-times of any offset); events at the same instant keep their order. */
export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  const time = (at: string): number => Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);
  return events
    .map((e, i) => ({ e, i, t: time(e.at) }))
    .sort((x, y) => x.t - y.t || x.i - y.i)
    .map(({ e }) => e);
}
