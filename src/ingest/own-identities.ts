import type { Logger } from '../core/logger.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';
import type { ConnectionRegistry } from '../queue/pipeline-deps.js';

export interface OwnIdentities {
  /** The connection with the user id our credentials act as, once learned; starts learning it otherwise. */
  withIdentity(connection: WebhookConnection): WebhookConnection;
  /** Starts learning every connection's identity now (in the background). */
  warm(): void;
}

/**
 * Learns, per Salesforce connection, which user our token belongs to (token identity URL or the
 * UserInfo endpoint, through the connector), so change notifications of our own writes, whose
 * `commitUser` / `LastModifiedById` is that user, are recognised as echoes. Never blocks a webhook:
 * until the identity is known, the `client=` tag of CDC events still recognises our writes, and an
 * unrecognised echo only costs an idempotent re-read. A failed attempt is retried after `retryMs`.
 */
export function ownIdentities(
  connections: ConnectionRegistry,
  log: Logger,
  opts: { readonly now?: () => number; readonly retryMs?: number; readonly timeoutMs?: number } = {},
): OwnIdentities {
  const now = opts.now ?? Date.now;
  const known = new Map<string, string>();
  const attempted = new Map<string, number>();
  const learn = (id: string): void => {
    const runtime = connections.get(id);
    const identity = runtime?.connector.identity?.bind(runtime.connector);
    if (identity === undefined || known.has(id)) return;
    const last = attempted.get(id);
    if (last !== undefined && now() - last < (opts.retryMs ?? 60_000)) return;
    attempted.set(id, now());
    const signal = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    identity({ signal }).then(
      (who) => {
        known.set(id, who.userId);
      },
      (err: unknown) => {
        log.warn({ err, connection: id }, 'could not learn the Salesforce user of this connection yet');
      },
    );
  };
  return {
    withIdentity(connection) {
      // Only connectors whose CRM marks changes with the acting user can tell us who we are.
      if (connection.provider !== 'salesforce') return connection;
      const userId = known.get(connection.id);
      if (userId === undefined) {
        learn(connection.id);
        return connection;
      }
      return { ...connection, integrationUserId: userId };
    },
    warm() {
      for (const runtime of connections.list()) learn(runtime.config.id);
    },
  };
}
