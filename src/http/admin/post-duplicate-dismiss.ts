import { AdminNotFoundError } from '../../core/errors/index.js';
import type { DuplicateStatus } from '../../matching/duplicate-status.js';
import { connectionOrThrow } from './admin-deps.js';
import { dismissedStatusWrite } from './dismissed-status-write.js';
import { defineAdminRoute, type AdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';
import { PairBody, PairReviewResponse, consoleReview, type DuplicateReviewDeps } from './duplicate-review.js';
import { currentFlag } from './pair-checks.js';

/**
 * POST /admin/connections/:id/duplicates/dismiss — "Not a duplicate" for a flagged pair, from the
 * console or the API. It is the same dismissal as a rep's in the CRM (one store, one rule: the pair is
 * never flagged again), and the record's status field is written "Not a duplicate" so reps see it.
 */
export function postDuplicateDismissRoute(deps: DuplicateReviewDeps): AdminRoute {
  const { duplicates, mirror, pairReviews: reviews } = deps.stores;
  return defineAdminRoute({
    method: 'post',
    path: '/connections/:id/duplicates/dismiss',
    summary: 'Dismiss a possible duplicate ("Not a duplicate"): the pair is never flagged again',
    description:
      'Records the dismissal (who: the token, when: now) like a rep setting "Not a duplicate" in the CRM, writes that value to the record, and re-checks both records. 409 `pair_not_flagged` when the record is not flagged against `duplicateOf` (a pair already dismissed answers 200 with its first dismissal); 422 `mapping_invalid` when the mapping has no CRM value for `dismissed`.',
    scope: 'any',
    params: ConnectionParams,
    query: NoQuery,
    body: PairBody,
    response: PairReviewResponse,
    errors: [404, 409, 422],
    async handle({ params, body, actor }, admin) {
      const runtime = connectionOrThrow(admin, params.id);
      // Dismissing again (a second click, a retried request) answers with the first dismissal.
      const [earlier] = (await reviews.get(params.id, [[body.recordId, body.duplicateOf]])).values();
      if (earlier?.verdict === 'dismissed') return { connection: params.id, review: earlier };
      const flag = await currentFlag(duplicates, params.id, body);
      const person = (await mirror.get(params.id, 'person', body.recordId))?.entity ?? null;
      if (person === null)
        throw new AdminNotFoundError(`no person ${body.recordId} on connection ${params.id}`);
      const shown: DuplicateStatus = { ...flag, duplicateStatus: 'dismissed' };
      const request = dismissedStatusWrite(await runtime.mapping(), params.id, person, shown);
      const review = await reviews.dismiss(params.id, consoleReview(body, 'dismissed', actor, deps.now()));
      await deps.stores.writeBack.enqueue(params.id, [request]);
      await duplicates.save(params.id, body.recordId, shown);
      await deps.scheduler.writeBack(params.id);
      await deps.scheduler.detectDuplicates(params.id, [body.recordId, body.duplicateOf]);
      return { connection: params.id, review };
    },
  });
}
