import { decidePendingRegistration } from '../../../jobs/review-registration/decide-pending-registration.js';
import { connectionOrThrow } from './admin-deps.js';
import { type AdminRoute, defineAdminRoute } from './admin-route.js';
import type { AdminRouteIo } from './admin-route-io.js';
import { NoQuery } from './admin-schemas.js';
import {
  RegistrationVerdictBody,
  RegistrationVerdictParams,
  RegistrationVerdictResponse,
} from './registration-review-schemas.js';
import { scheduleAfterVerdict } from './schedule-after-verdict.js';

/**
 * POST /admin/connections/:id/registrations/:registrationId/approve|reject — a person's verdict with a
 * reason, stored like the review job's and written back to the CRM by the normal write-back job.
 */
export function registrationVerdictRoute(
  io: AdminRouteIo,
  verdict: 'approved' | 'rejected',
  word: 'approve' | 'reject',
): AdminRoute {
  const { mirror, relations, decisions, leases, rules: rulesStore } = io.stores;
  return defineAdminRoute({
    method: 'post',
    path: `/connections/:id/registrations/:registrationId/${word}`,
    summary: `${word === 'approve' ? 'Approve' : 'Reject'} a registration waiting for review, with a reason`,
    description:
      'Recorded like the automatic review (decision store, lifecycle rules) and written back to the CRM ' +
      'by the write-back job; the next automatic review leaves it alone. 409 registration_not_pending ' +
      'when the registration is not pending_review.',
    scope: 'any',
    params: RegistrationVerdictParams,
    query: NoQuery,
    body: RegistrationVerdictBody,
    response: RegistrationVerdictResponse,
    errors: [404, 409],
    async handle({ params, body, actor }, deps) {
      const runtime = connectionOrThrow(deps, params.id);
      const rules = await rulesStore.get(params.id);
      const done = await decidePendingRegistration(
        { leases, mirror, decisions, writeBack: deps.writeBack },
        params.id,
        { registrationId: params.registrationId, verdict, note: body.reason, actor: actor.identity },
        {
          mapping: await runtime.mapping(),
          rules: rules.registration,
          now: new Date(io.now()).toISOString(),
        },
      );
      if (done.writes > 0) await io.scheduler.writeBack(params.id);
      const r = done.registration;
      await scheduleAfterVerdict(io.scheduler, relations, params.id, r, verdict);
      deps.log.info(
        { connection: params.id, registration: r.id, status: r.status, actor: actor.identity },
        'registration decided from the review queue',
      );
      const { id, reason, decidedAt, expiresOn } = r;
      const registration = { id, status: verdict, reason: reason ?? '', decidedAt, expiresOn };
      return { registration, decidedBy: actor.identity, writes: done.writes, issues: [...done.issues] };
    },
  });
}
