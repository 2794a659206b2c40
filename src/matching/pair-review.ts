import { z } from 'zod';
import type { PersonMatch } from './match-people.js';

/**
 * A person's answer about one flagged pair. `dismissed`: "Not a duplicate", set by a rep in the CRM
 * (`source: crm`) or by an admin in the console (`source: console`); final. `confirmed`: an admin
 * confirmed the pair is one person from the console.
 */
export const PairReview = z.object({
  /** The two records, in key order (see `pairKey`). */
  a: z.string().min(1),
  b: z.string().min(1),
  verdict: z.enum(['dismissed', 'confirmed']),
  /** The CRM user id (rep) or the admin actor; null when the CRM did not say. */
  by: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  source: z.enum(['crm', 'console']),
});
export type PairReview = z.infer<typeof PairReview>;

/** One key for a pair in either order, so (x, y) and (y, x) find the same review. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x} ${y}` : `${y} ${x}`;
}

export function orderedPair(x: string, y: string): { a: string; b: string } {
  return x < y ? { a: x, b: y } : { a: y, b: x };
}

/**
 * Pure: a record's matches as reviews leave them. A dismissed pair is dropped whatever it scores
 * (whichever model, thresholds or evidence produced it), so it can never be flagged again; a confirmed
 * pair that still matches counts as a duplicate, with who confirmed it ahead of the reasons. A
 * confirmed pair that no longer matches at all is not flagged: its evidence is gone.
 */
export function applyPairReviews(
  matches: readonly PersonMatch[],
  reviews: ReadonlyMap<string, PairReview>,
): PersonMatch[] {
  const out: PersonMatch[] = [];
  for (const m of matches) {
    const review = reviews.get(pairKey(m.leftId, m.rightId));
    if (review === undefined) out.push(m);
    else if (review.verdict === 'confirmed')
      out.push({
        ...m,
        decision: 'duplicate',
        reasonText: `confirmed by ${review.by ?? 'an admin'}; ${m.reasonText}`,
      });
  }
  return out;
}

/**
 * Pure: whether a record keeps "Not a duplicate" instead of what matching now says. It does when
 * matching finds nothing left to flag (its dismissed pair no longer counts) and the CRM shows the
 * dismissal, or we last left it dismissed (a console dismissal whose write has not come back yet).
 * Writing "Unique" there would overwrite the rep's answer with ours. A new flag against another
 * record is written: that pair was never dismissed.
 */
export function keepsDismissal(
  computed: string,
  previous: string | null,
  crmShowsDismissal: boolean,
): boolean {
  return computed === 'unique' && (crmShowsDismissal || previous === 'dismissed');
}

/** What a record shows, as far as dismissals care. */
export interface ShownDismissal {
  readonly id: string;
  readonly duplicateDismissed?: boolean | undefined;
  readonly dismissedDuplicateOf?: string | null | undefined;
  readonly dismissedBy?: string | null | undefined;
  readonly dismissedAt?: string | null | undefined;
  readonly updatedAt: string;
}

/**
 * Pure: the dismissals the CRM shows on these records. The pair is the record and the one its
 * Duplicate Of field names; when a rep cleared that field too, the record we last flagged it against
 * (`lastFlaggedOf`, same order as `records`). Who and when are the CRM's (the record's last editor and
 * change time as read); a record whose other side is unknown dismisses nothing.
 */
export function crmDismissals(
  records: readonly ShownDismissal[],
  lastFlaggedOf: readonly (string | null)[],
): PairReview[] {
  const out: PairReview[] = [];
  records.forEach((r, i) => {
    if (r.duplicateDismissed !== true) return;
    const shown = r.dismissedDuplicateOf?.trim() ?? '';
    const of = shown !== '' ? shown : (lastFlaggedOf[i] ?? null);
    if (of === null || of === r.id) return;
    out.push({
      ...orderedPair(r.id, of),
      verdict: 'dismissed',
      by: r.dismissedBy ?? null,
      at: r.dismissedAt ?? r.updatedAt,
      source: 'crm',
    });
  });
  return out;
}
