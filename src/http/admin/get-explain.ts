import { z } from 'zod';
import { AdminNotFoundError } from '../../core/errors/index.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute, type AdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';

/**
 * `opportunity`/`deal` → the attribution; `registration` → the registration decision; `person`
 * (`lead`, `contact`) → the duplicate status and the reviews of its pairs (who dismissed or confirmed
 * which pair, and when).
 */
const PERSON_OBJECTS = ['person', 'people', 'lead', 'leads', 'contact', 'contacts'] as const;
export const ExplainParams = ConnectionParams.extend({
  object: z.enum([
    'opportunity',
    'opportunities',
    'deal',
    'deals',
    'registration',
    'registrations',
    ...PERSON_OBJECTS,
  ]),
  recordId: z.string().min(1).max(255),
});

export const ExplainResponse = z.object({
  connection: z.string(),
  object: z.enum(['opportunity', 'registration', 'person']),
  recordId: z.string(),
  explanation: z.unknown().meta({
    description:
      'The decision last applied and its evidence: sourcing rule and registration, counted and excluded touches, model, window, junction rows and mapping version (opportunity); conflicts, rule checks and matching people (registration); `{ status, reviews }` (person): the duplicate fields last decided and every dismissal or confirmation of one of its pairs with `by` (CRM user id or admin), `at` and `source` (crm | console).',
  }),
});

/**
 * GET /admin/connections/:id/explain/:object/:recordId — the decision last applied to one record and
 * its evidence. Mounted through `createAdminRouter(deps, { extraRoutes: [explainRoute(…)] })`.
 */
export function explainRoute(io: Pick<AdminRouteIo, 'stores'>): AdminRoute {
  const { decisions, duplicates, pairReviews: reviews } = io.stores;
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/explain/:object/:recordId',
    summary:
      'Explain the attribution of an opportunity/deal, the decision on a registration, or a person’s duplicate status and who dismissed or confirmed its pairs',
    scope: 'any',
    params: ExplainParams,
    query: NoQuery,
    response: ExplainResponse,
    errors: [404],
    async handle({ params }, admin) {
      connectionOrThrow(admin, params.id);
      if ((PERSON_OBJECTS as readonly string[]).includes(params.object)) {
        const [status] = await duplicates.statuses(params.id, [params.recordId]);
        const pairs = await reviews.ofRecord(params.id, params.recordId);
        if ((status ?? null) === null && pairs.length === 0)
          throw new AdminNotFoundError(
            `no duplicate status or review stored for ${params.recordId} on connection ${params.id}`,
          );
        const explanation = { status: status ?? null, reviews: pairs };
        return { connection: params.id, object: 'person' as const, recordId: params.recordId, explanation };
      }
      const kind: 'registration' | 'opportunity' = params.object.startsWith('registration')
        ? 'registration'
        : 'opportunity';
      const record = await decisions.get(params.id, kind, params.recordId);
      if (record === null)
        throw new AdminNotFoundError(
          `no ${kind} decision stored for ${params.recordId} on connection ${params.id}`,
        );
      return { connection: params.id, object: kind, recordId: params.recordId, explanation: record };
    },
  });
}
