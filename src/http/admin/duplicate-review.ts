import { z } from 'zod';
import { orderedPair, PairReview } from '../../matching/pair-review.js';
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

/**
 * A verdict given in the console or the admin API, recorded as its token's identity: `admin`
 * (ADMIN_TOKEN) or `connection:<id>`.
 */
export function consoleReview(
  pair: z.infer<typeof PairBody>,
  verdict: 'dismissed' | 'confirmed',
  actor: AdminActor,
  now: number,
): PairReview {
  const at = new Date(now).toISOString();
  return {
    ...orderedPair(pair.recordId, pair.duplicateOf),
    verdict,
    by: actor.identity,
    at,
    source: 'console',
  };
}
