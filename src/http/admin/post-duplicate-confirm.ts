import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute, type AdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';
import { PairBody, PairReviewResponse, consoleReview, type DuplicateReviewDeps } from './duplicate-review.js';
import { currentFlag, dismissedError } from './pair-checks.js';

/**
 * POST /admin/connections/:id/duplicates/confirm — an admin confirms a flagged pair is one person.
 * From then on the pair counts as a duplicate whatever it scores (while it still matches at all), so
 * the rep sees status "Duplicate" of the record to keep, with "confirmed by …" ahead of the reasons.
 * A pair someone dismissed cannot be confirmed: a dismissal is final.
 */
export function postDuplicateConfirmRoute(deps: DuplicateReviewDeps): AdminRoute {
  const { duplicates, pairReviews: reviews } = deps.stores;
  return defineAdminRoute({
    method: 'post',
    path: '/connections/:id/duplicates/confirm',
    summary: 'Confirm a possible duplicate: the record shows "Duplicate", confirmed by the admin',
    description:
      '409 `pair_not_flagged` when the record is not flagged against `duplicateOf`; 409 `pair_dismissed` when the pair was dismissed (by a rep or an admin): that answer is final.',
    scope: 'any',
    params: ConnectionParams,
    query: NoQuery,
    body: PairBody,
    response: PairReviewResponse,
    errors: [404, 409],
    async handle({ params, body, actor }, admin) {
      connectionOrThrow(admin, params.id);
      const [earlier] = (await reviews.get(params.id, [[body.recordId, body.duplicateOf]])).values();
      if (earlier?.verdict === 'dismissed') throw dismissedError(body, earlier);
      await currentFlag(duplicates, params.id, body);
      const review = await reviews.confirm(params.id, consoleReview(body, 'confirmed', actor, deps.now()));
      if (review.verdict === 'dismissed') throw dismissedError(body, review);
      await deps.scheduler.detectDuplicates(params.id, [body.recordId, body.duplicateOf]);
      return { connection: params.id, review };
    },
  });
}
