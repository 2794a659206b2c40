import { z } from 'zod';
import type { RedisClient } from '../../queue/redis.js';
import type { JobScheduler } from '../../queue/job-scheduler.js';
import { decidePendingRegistration } from '../../../jobs/review-registration/decide-pending-registration.js';
import {
  loadReviewQueue,
  type PendingRegistration,
} from '../../../jobs/review-registration/load-review-queue.js';
import type { DealRegistration } from '../../domain/entities.js';
import type { RelationIndex } from '../../store/relation-index.js';
import type { KeySpace } from '../../store/keys.js';
import { createStores } from '../../store/stores.js';
import { connectionOrThrow } from './admin-deps.js';
import { type AdminRoute, defineAdminRoute } from './admin-route.js';
import { ConnectionParams, NoQuery } from './admin-schemas.js';

export const PendingRegistrationBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  customerCompany: z.string(),
  customerDomain: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  territory: z.string().nullable(),
  submittedAt: z.string(),
  reason: z.string().nullable(),
  conflicts: z.array(
    z.object({ kind: z.string(), severity: z.enum(['hard', 'ambiguous']), text: z.string() }),
  ),
  ruleChecks: z.array(z.object({ rule: z.string(), passed: z.boolean(), text: z.string() })),
});
export const ReviewQueueResponse = z.object({
  connection: z.string(),
  registrations: z.array(PendingRegistrationBody),
});

export const RegistrationVerdictBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'say why: the reason is written to the CRM with the decision')
    .max(200, 'at most 200 characters (the CRM reason field holds 255 with the decision text)'),
});
export const RegistrationVerdictParams = ConnectionParams.extend({ registrationId: z.string().min(1) });
export const RegistrationVerdictResponse = z.object({
  registration: z.object({
    id: z.string(),
    status: z.enum(['approved', 'rejected']),
    reason: z.string(),
    decidedAt: z.string().nullable(),
    expiresOn: z.string().nullable(),
  }),
  decidedBy: z.string(),
  writes: z.number().int().nonnegative(),
  issues: z.array(z.string()),
});

interface ReviewIo {
  readonly redis: RedisClient;
  readonly keys: KeySpace;
  readonly scheduler: JobScheduler;
  readonly now?: () => number;
}

function queueEntry(p: PendingRegistration): z.infer<typeof ReviewQueueResponse>['registrations'][number] {
  const r = p.registration;
  return {
    id: r.id,
    partnerId: r.partnerId,
    partnerName: p.partnerName,
    customerCompany: r.customerCompany,
    customerDomain: r.customerDomain,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    amount: r.amount,
    currency: r.currency,
    territory: r.territory,
    submittedAt: r.submittedAt,
    reason: p.reason,
    conflicts: [...p.conflicts],
    ruleChecks: [...p.ruleChecks],
  };
}

/** What the review job schedules after a decision, scheduled after a person's verdict too. */
async function scheduleAfterVerdict(
  scheduler: JobScheduler,
  relations: RelationIndex,
  connection: string,
  r: DealRegistration,
  verdict: 'approved' | 'rejected',
): Promise<void> {
  // Rivals for the same customer that still wait are reviewed again (this one is decided, so that
  // review skips it).
  await scheduler.reviewRegistrations(connection, [r.id]);
  if (verdict !== 'approved') return;
  // An approval can convert into an opportunity that already exists.
  const customer = { company: r.customerCompany, domain: r.customerDomain ?? r.contactEmail };
  const accounts = await relations.accountsOfCustomer(connection, customer);
  const opportunities = await relations.opportunitiesOfAccounts(connection, accounts);
  await scheduler.attributeDeals(connection, opportunities);
}

/**
 * The registration review queue of the admin API: list what waits for a person, and approve or reject
 * one with a reason. The verdict is stored like the review job's and written back to the CRM by the
 * normal write-back job.
 */
export function registrationReviewRoutes(io: ReviewIo): AdminRoute[] {
  const now = io.now ?? Date.now;
  const stores = createStores(io.redis, io.keys, { now });
  const { mirror, relations, decisions, leases } = stores;
  const rulesStore = stores.rules;

  const list = defineAdminRoute({
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
        new Date(now()).toISOString(),
      );
      return {
        connection: params.id,
        registrations: queue.map(queueEntry),
      };
    },
  });

  const verdictRoute = (verdict: 'approved' | 'rejected', word: 'approve' | 'reject') =>
    defineAdminRoute({
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
          { mapping: await runtime.mapping(), rules: rules.registration, now: new Date(now()).toISOString() },
        );
        if (done.writes > 0) await io.scheduler.writeBack(params.id);
        const r = done.registration;
        await scheduleAfterVerdict(io.scheduler, relations, params.id, r, verdict);
        deps.log.info(
          { connection: params.id, registration: r.id, status: r.status, actor: actor.identity },
          'registration decided from the review queue',
        );
        return {
          registration: {
            id: r.id,
            status: verdict,
            reason: r.reason ?? '',
            decidedAt: r.decidedAt,
            expiresOn: r.expiresOn,
          },
          decidedBy: actor.identity,
          writes: done.writes,
          issues: [...done.issues],
        };
      },
    });

  return [list, verdictRoute('approved', 'approve'), verdictRoute('rejected', 'reject')];
}
