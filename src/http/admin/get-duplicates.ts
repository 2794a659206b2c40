import { z } from 'zod';
import { PairReview, pairKey } from '../../matching/pair-review.js';
import { sideBySide } from '../../matching/side-by-side.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute, type AdminRoute } from './admin-route.js';
import { ConnectionParams } from './admin-schemas.js';
import type { DuplicateReviewDeps } from './duplicate-review.js';

export const DuplicatesQuery = z.strictObject({
  status: z.enum(['possible', 'duplicate', 'all']).default('possible'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const Side = z.object({
  id: z.string(),
  kind: z.enum(['lead', 'contact']).nullable(),
  name: z.string().nullable(),
});
export const DuplicatesResponse = z.object({
  connection: z.string(),
  pairs: z.array(
    z.object({
      record: Side,
      duplicateOf: Side,
      status: z.enum(['possible', 'duplicate']),
      score: z.number().nullable(),
      reason: z.string().nullable(),
      fields: z.array(
        z.object({
          field: z.string(),
          left: z.string().nullable(),
          right: z.string().nullable(),
          same: z.boolean(),
        }),
      ),
      review: PairReview.nullable(),
    }),
  ),
});

/**
 * GET /admin/connections/:id/duplicates — flagged pairs side by side (the record and the one it is
 * flagged against, field by field, shared values marked), for a review queue. Records the mirror no
 * longer has are left out.
 */
export function getDuplicatesRoute(deps: DuplicateReviewDeps): AdminRoute {
  const { duplicates, mirror, pairReviews: reviews } = deps.stores;
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/duplicates',
    summary: 'Flagged duplicate pairs side by side, with the fields they share',
    scope: 'any',
    params: ConnectionParams,
    query: DuplicatesQuery,
    response: DuplicatesResponse,
    errors: [404],
    async handle({ params, query }, admin) {
      connectionOrThrow(admin, params.id);
      const wanted = query.status === 'all' ? (['possible', 'duplicate'] as const) : [query.status];
      const flagged = await duplicates.flagged(params.id, wanted, query.limit);
      const ids = flagged.flatMap((f) => [f.id, f.status.duplicateOf ?? '']);
      const people = await mirror.getMany(params.id, 'person', ids);
      const found = await reviews.get(
        params.id,
        flagged.map((f) => [f.id, f.status.duplicateOf ?? ''] as const),
      );
      const pairs = flagged.flatMap((f, i) => {
        const left = people[2 * i]?.entity;
        const right = people[2 * i + 1]?.entity;
        const { duplicateStatus: status, duplicateOf } = f.status;
        if (left === undefined || right === undefined || duplicateOf === null) return [];
        if (status !== 'possible' && status !== 'duplicate') return [];
        const side = (p: typeof left) => ({
          id: p.id,
          kind: p.kind,
          name: [p.firstName, p.lastName].filter((x) => x !== null && x !== '').join(' ') || null,
        });
        const key = pairKey(f.id, duplicateOf);
        return [
          {
            record: side(left),
            duplicateOf: side(right),
            status,
            score: f.status.duplicateScore,
            reason: f.status.duplicateReason,
            fields: sideBySide(left, right),
            review: found.get(key) ?? null,
          },
        ];
      });
      return { connection: params.id, pairs };
    },
  });
}
