import type { Express } from 'express';
import { z } from 'zod';
import type { HsAuth } from './auth.js';
import { parseBody } from '../http-app.js';
import { hsError } from './errors.js';
import type { HsJournal } from './journal.js';
import { JOURNAL_ACTIONS, type HsJournalSubscriptions } from './journal-subscriptions.js';
import { HS_PORTAL_ID } from './portal.js';
import { requireJournalScope } from './routes-journal.js';

// https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide#authentication-and-scopes
export const SUBSCRIPTIONS_READ_SCOPE = 'developer.webhooks_journal.subscriptions.read';
export const SUBSCRIPTIONS_WRITE_SCOPE = 'developer.webhooks_journal.subscriptions.write';
const PATH = '/webhooks-journal/subscriptions/2026-03';

/**
 * `SubscriptionUpsertRequest` for OBJECT subscriptions: every field is listed as required.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks/webhooks-journal/create-subscription
 */
const UpsertRequest = z.object({
  subscriptionType: z.literal('OBJECT'),
  portalId: z.number().int(),
  objectTypeId: z.string().regex(/^\d+-\d+$/),
  actions: z.array(z.enum(JOURNAL_ACTIONS)).min(1),
  objectIds: z.array(z.number().int()),
  properties: z.array(z.string().min(1)),
});

/**
 * List (`{results}`, no paging) and upsert of the app's journal subscriptions, each behind its scope.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/subscriptions/get-subscriptions;
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/subscriptions/guide
 */
export function registerJournalSubscriptionRoutes(
  app: Express,
  auth: HsAuth,
  journal: HsJournal,
  subscriptions: HsJournalSubscriptions,
  knownTypeIds: () => readonly string[],
): void {
  app.get(PATH, requireJournalScope(auth, journal, SUBSCRIPTIONS_READ_SCOPE), (_req, res) => {
    res.json({ results: subscriptions.list() });
  });
  app.post(PATH, requireJournalScope(auth, journal, SUBSCRIPTIONS_WRITE_SCOPE), (req, res) => {
    const body = parseBody(req, UpsertRequest, (m) => hsError(400, 'VALIDATION_ERROR', m));
    // Undocumented answers, chosen to fail loudly: another portal (the app is installed on one here)
    // and an object type the portal does not have.
    if (body.portalId !== HS_PORTAL_ID)
      throw hsError(403, 'FORBIDDEN', `app is not installed on portal ${body.portalId}`);
    if (!knownTypeIds().includes(body.objectTypeId))
      throw hsError(400, 'VALIDATION_ERROR', `unknown objectTypeId ${body.objectTypeId}`);
    res.json(subscriptions.upsert(body));
  });
}
