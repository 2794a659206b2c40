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

/** The URL the CRM called: the configured public base URL (behind a proxy) or the request's own host, plus the path. */
export function publicUrlOf(req: Request, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl === undefined) return `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
  const base = publicBaseUrl.replace(/\/+$/, '');
  return req.originalUrl.startsWith('/') ? `${base}${req.originalUrl}` : `${base}/${req.originalUrl}`;
}
