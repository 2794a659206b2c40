import type { Request } from 'express';
import { UnknownConnectionError, WebhookPayloadError } from '../../core/errors/index.js';
import type { WebhookConnection } from '../../../connectors/webhook-connection.js';
import type { WebhookDeps } from './webhook-deps.js';

/** The raw request bytes that express.raw captured for /webhooks routes. */
export function rawBodyOf(req: Request): Buffer {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body;
  throw new WebhookPayloadError('request body is empty');
}

export function webhookConnection(
  deps: WebhookDeps,
  id: string,
  provider: WebhookConnection['provider'],
): WebhookConnection {
  const connection = deps.lookup(id);
  if (connection?.provider !== provider)
    throw new UnknownConnectionError(`no ${provider} connection named "${id}"`);
  return connection;
}
