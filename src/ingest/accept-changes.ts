import type { CrmChangeEvent } from '../../connectors/webhook-change-event.js';
import { isOwnChange, isWholeTypeChange } from '../../connectors/is-own-change.js';
import type { ChangeInbox } from '../store/change-inbox.js';
import { changeTargets } from './change-targets.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';

export interface AcceptedChanges {
  readonly received: number;
  readonly echoes: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** Events naming many records of a type at once: that type's incremental sync should run now. */
  readonly resyncObjectTypes: readonly string[];
}

/** Drops our own writes, records the rest in the connection's inbox (deduplicated), one Redis call. */
export async function acceptChanges(
  inbox: ChangeInbox,
  connection: WebhookConnection,
  events: readonly CrmChangeEvent[],
): Promise<AcceptedChanges> {
  const own = events.filter((e) => isOwnChange(e, connection));
  const foreign = events.filter((e) => !isOwnChange(e, connection));
  const wildcard = foreign.filter(isWholeTypeChange);
  const targets = changeTargets(foreign.filter((e) => !isWholeTypeChange(e)));
  const accepted = await inbox.record(connection.id, targets);
  return {
    received: events.length,
    echoes: own.length,
    accepted,
    duplicates: targets.length - accepted,
    resyncObjectTypes: [...new Set(wildcard.map((e) => e.objectType))],
  };
}
