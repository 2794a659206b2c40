import type { SalesforceChangeEvent } from '../webhook-change-event.js';
import { sameSalesforceId } from './same-salesforce-id.js';

export interface OwnSalesforceWriter {
  /** The `client=` value we send in `Sforce-Call-Options` on every write. */
  readonly clientId?: string;
  /** The Salesforce user our connection writes as (15 or 18 characters). */
  readonly integrationUserId?: string;
}

// https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm
// changeOrigin: `com/salesforce/api/<api>/<version>;client=<clientId>` when the write set Sforce-Call-Options.
function clientOf(changeOrigin: string): string | undefined {
  for (const part of changeOrigin.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith('client=')) return trimmed.slice('client='.length).replace(/\/+$/, '');
  }
  return undefined;
}

/** True when the change was written by our own connection, so syncing it back would echo our write. */
export function isOwnSalesforceChange(
  event: Pick<SalesforceChangeEvent, 'changeOrigin' | 'commitUser'>,
  own: OwnSalesforceWriter,
): boolean {
  if (own.clientId !== undefined && own.clientId !== '' && event.changeOrigin !== undefined) {
    if (clientOf(event.changeOrigin) === own.clientId) return true;
  }
  if (own.integrationUserId !== undefined && event.commitUser !== undefined) {
    return sameSalesforceId(event.commitUser, own.integrationUserId);
  }
  return false;
}
