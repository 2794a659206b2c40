import { Router } from 'express';
import { postHubspotWebhook } from './routes/post-hubspot-webhook.js';
import {
  postSalesforceChangeEvents,
  postSalesforceOutboundMessage,
} from './routes/post-salesforce-webhook.js';
import type { WebhookDeps } from './routes/webhook-deps.js';

/** Mounted under /webhooks, after express.raw: handlers see the exact bytes the CRM signed. */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/hubspot/:connection', postHubspotWebhook(deps));
  router.post('/salesforce/:connection', postSalesforceOutboundMessage(deps));
  router.post('/salesforce/:connection/events', postSalesforceChangeEvents(deps));
  return router;
}
