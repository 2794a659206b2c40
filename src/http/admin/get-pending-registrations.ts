import type { z } from 'zod';
import {
  loadReviewQueue,
  type PendingRegistration,
} from '../../../jobs/review-registration/load-review-queue.js';
import { connectionOrThrow } from './admin-deps.js';
import { type AdminRoute, defineAdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';
import { PendingRegistrationBody, ReviewQueueResponse } from './registration-review-schemas.js';

/** The listed fields of the registration (zod drops the rest) with what the review found. */
function queueEntry(p: PendingRegistration): z.infer<typeof PendingRegistrationBody> {
  const { partnerName, reason } = p;
  const found = { partnerName, reason, conflicts: [...p.conflicts], ruleChecks: [...p.ruleChecks] };
  return PendingRegistrationBody.parse({ ...p.registration, ...found });
}

/** GET /admin/connections/:id/registrations/pending — what waits for a person, in words. */
export function pendingRegistrationsRoute(io: Pick<AdminRouteIo, 'stores' | 'now'>): AdminRoute {
  const { mirror, relations, decisions, rules: rulesStore } = io.stores;
  return defineAdminRoute({
    method: 'get',
    path: '/connections/:id/registrations/pending',
    summary: 'Registrations waiting for review, with their conflicts and rule checks in words',
    scope: 'any',
    params: ConnectionParams,
    query: NoQuery,
    response: ReviewQueueResponse,
    errors: [404],
    async handle({ params }, deps) {
      connectionOrThrow(deps, params.id);
      const rules = await rulesStore.get(params.id);
      const queue = await loadReviewQueue(
        { mirror, relations, decisions },
        params.id,
        rules.registration,
        new Date(io.now()).toISOString(),
      );
      return { connection: params.id, registrations: queue.map(queueEntry) };
    },
  });
}
