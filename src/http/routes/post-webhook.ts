import type { RequestHandler } from 'express';
import type { RawWebhook, WebhookReceiver } from '../../../connectors/webhook-port.js';
import { ServiceUnavailableError } from '../../core/errors/index.js';
import { redisFailureOf } from '../../queue/redis-errors.js';
import { enqueueChanges } from './enqueue-changes.js';
import type { WebhookDeps } from './webhook-deps.js';
import { publicUrlOf, rawBodyOf, webhookConnection } from './webhook-request.js';

/**
 * POST /webhooks/<provider>/:connection[/<channel>] — the receiver verifies and parses the raw bytes
 * (no CRM call); its events go to the inbox, or its raw batch to the spool, and only then does the CRM
 * get the reply it expects. Per-record work happens in the ingest job.
 */
export function postWebhook(
  deps: WebhookDeps,
  receiver: WebhookReceiver,
): RequestHandler<{ connection: string }> {
  return async (req, res) => {
    const connection = webhookConnection(deps, req.params.connection, receiver.provider);
    const request: RawWebhook = {
      method: req.method,
      url: publicUrlOf(req, deps.publicBaseUrl),
      query: req.query,
      headers: req.headers,
      // Read when the receiver first needs it, so its configuration checks answer before a body check.
      get rawBody() {
        return rawBodyOf(req);
      },
      now: deps.now(),
    };
    const intake = await receiver.intake(connection, request);
    if (intake.kind === 'spool') await spool(deps, connection.id, request.rawBody, intake.replay);
    else {
      if (intake.skipped !== undefined)
        deps.log.warn({ connection: connection.id, skipped: intake.skipped.items }, intake.skipped.note);
      await enqueueChanges(deps, connection, intake.events);
    }
    const { reply } = intake;
    if (reply.body === undefined) res.status(reply.status).end();
    else
      res
        .status(reply.status)
        .type(reply.contentType ?? 'text/plain')
        .send(reply.body);
  };
}

async function spool(
  deps: WebhookDeps,
  connectionId: string,
  rawBody: Buffer,
  replay: Parameters<WebhookDeps['spool']['append']>[2],
): Promise<void> {
  try {
    const appended = await deps.spool.append(connectionId, rawBody, replay);
    if (!appended) deps.log.debug({ connection: connectionId }, 'replayed webhook request not spooled again');
    // A replay too: it is the CRM re-sending a request whose first try may have been spooled and then
    // cut off before its ingest was scheduled (503, a lost reply), which would strand the bytes.
    await deps.scheduleIngest(connectionId);
  } catch (err) {
    const failure = redisFailureOf(err);
    deps.log.warn(
      { err, connection: connectionId, redisFailure: failure.kind },
      `webhook not recorded: ${failure.reason}`,
    );
    throw new ServiceUnavailableError('cannot record the changes right now; retry later', { cause: err });
  }
}
