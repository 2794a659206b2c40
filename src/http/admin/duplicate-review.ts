import { z } from 'zod';
import { PairNotFlaggedError } from '../../core/errors/index.js';
import { PairReview } from '../../matching/pair-review.js';
import type { DuplicateStatus } from '../../matching/duplicate-status.js';
import type { DuplicateStore } from '../../store/duplicate-store.js';
import type { AdminRouteIo } from './admin-route-io.js';
import type { AdminActor } from './require-admin.js';

/** What the duplicate review routes use besides the admin deps. */
export type DuplicateReviewDeps = AdminRouteIo;

/** One flagged pair: the record that shows the flag and the record it names. */
export const PairBody = z.strictObject({
  recordId: z.string().min(1).max(255).meta({ description: 'The record that shows the flag.' }),
  duplicateOf: z
    .string()
    .min(1)
    .max(255)
    .meta({ description: 'The record its Duplicate Of field names (the one to keep).' }),
});

export const PairReviewResponse = z.object({
  connection: z.string(),
  review: PairReview,
});

/** Who a console/API review is recorded as: `admin` (ADMIN_TOKEN) or `connection:<id>` (its token). */
export function reviewerOf(actor: AdminActor): string {
  return actor.identity;
}

/** The record's current flag against `duplicateOf`; refuses a pair that is not flagged now. */
export async function currentFlag(
  store: DuplicateStore,
  connectionId: string,
  pair: z.infer<typeof PairBody>,
): Promise<DuplicateStatus> {
  const [status] = await store.statuses(connectionId, [pair.recordId]);
  const flagged =
    status !== null &&
    status !== undefined &&
    (status.duplicateStatus === 'possible' || status.duplicateStatus === 'duplicate') &&
    status.duplicateOf === pair.duplicateOf;
  if (!flagged)
    throw new PairNotFlaggedError(
      `${pair.recordId} is not flagged as a duplicate of ${pair.duplicateOf} on connection ${connectionId}`,
    );
  return status;
}
