import type { z } from 'zod';
import { PairDismissedError, PairNotFlaggedError } from '../../core/errors/index.js';
import type { DuplicateStatus } from '../../matching/duplicate-status.js';
import type { PairReview } from '../../matching/pair-review.js';
import type { DuplicateStore } from '../../store/duplicate-store.js';
import type { PairBody } from './duplicate-review.js';

/** A pair someone dismissed cannot be confirmed or flagged again: the answer names who and when. */
export function dismissedError(
  pair: { recordId: string; duplicateOf: string },
  review: PairReview,
): PairDismissedError {
  return new PairDismissedError(
    `${pair.recordId} and ${pair.duplicateOf} were dismissed by ${review.by ?? 'a rep'} at ${review.at} (${review.source}); a dismissal is final`,
  );
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
