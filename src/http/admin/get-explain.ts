import type { RedisClient } from '../../queue/redis.js';
import { z } from 'zod';
import { AdminNotFoundError } from '../../core/errors/index.js';
import { createDecisionStore } from '../../store/decision-store.js';
import type { KeySpace } from '../../store/keys.js';
import { connectionOrThrow } from './admin-deps.js';
import { defineAdminRoute, type AdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';

/** Where the decisions live (the admin deps do not carry Redis). */
export interface ExplainDeps {
  readonly redis: RedisClient;
  readonly keys: KeySpace;
}

/** `opportunity`/`deal` → the attribution; `registration` → the registration decision. */
export const ExplainParams = ConnectionParams.extend({
  object: z.enum(['opportunity', 'opportunities', 'deal', 'deals', 'registration', 'registrations']),
  recordId: z.string().min(1).max(255),
});

export const ExplainResponse = z.object({
  connection: z.string(),
  object: z.enum(['opportunity', 'registration']),
  recordId: z.string(),
  explanation: z.unknown().meta({
    description:
      'The decision last applied and its evidence: sourcing rule and registration, counted and excluded touches, model, window, junction rows and mapping version (opportunity); conflicts, rule checks and matching people (registration).',
  }),
});

/**
 * GET /admin/connections/:id/explain/:object/:recordId — the decision last applied to one record and
 * its evidence. Mounted through `createAdminRouter(deps, { extraRoutes: [explainRoute(…)] })`.
 */
export function explainRoute(deps: ExplainDeps): AdminRoute {
  const decisions = createDecisionStore(deps.redis, deps.keys);
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/explain/:object/:recordId',
    summary: 'Explain the attribution of an opportunity/deal or the decision on a registration',
    scope: 'any',
    params: ExplainParams,
    query: NoQuery,
    response: ExplainResponse,
    errors: [404],
    async handle({ params }, admin) {
      connectionOrThrow(admin, params.id);
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
