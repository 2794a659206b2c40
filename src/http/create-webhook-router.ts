import { Router } from 'express';
import { WEBHOOK_RECEIVERS } from '../../connectors/webhook-receivers.js';
import { postWebhook } from './routes/post-webhook.js';
import type { WebhookDeps } from './routes/webhook-deps.js';

/** Mounted under /webhooks, after express.raw: receivers see the exact bytes the CRM signed. */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  for (const receiver of WEBHOOK_RECEIVERS) {
    const channel = receiver.channel === '' ? '' : `/${receiver.channel}`;
    router.post(`/${receiver.provider}/:connection${channel}`, postWebhook(deps, receiver));
  }
  return router;
}
