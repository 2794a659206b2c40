import type { ProvisionItem } from '../../port.js';
import { clientCredentialsToken, type ClientCredentials } from './client-credentials.js';
import { journalFetch, type JournalHttpOptions } from './journal-http.js';
import { subscriptionChange, type WantedSubscription } from './subscription-plan.js';
import {
  SubscriptionList,
  SubscriptionResponse,
  SUBSCRIPTIONS_PATH,
  SUBSCRIPTIONS_READ_SCOPE,
  SUBSCRIPTIONS_WRITE_SCOPE,
  type SubscriptionUpsert,
} from './subscription-schemas.js';

export interface JournalSubscriptionTarget extends ClientCredentials, JournalHttpOptions {
  readonly portalId: number;
}

/** A call that failed, as one line naming the endpoint (and the scope, when HubSpot says one is missing). */
class SubscriptionCallError extends Error {}

async function callJson(
  target: JournalSubscriptionTarget,
  token: () => Promise<string>,
  call: { method: 'GET' | 'POST'; scope: string; body?: SubscriptionUpsert },
): Promise<unknown> {
  let bearer: string;
  try {
    bearer = await token();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new SubscriptionCallError(`POST /oauth/2026-03/token (client credentials): ${message}`);
  }
  const endpoint = `${call.method} ${SUBSCRIPTIONS_PATH}`;
  try {
    const headers = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
    const init = { method: call.method, headers, ...(call.body ? { body: JSON.stringify(call.body) } : {}) };
    return await (await journalFetch(`${target.baseUrl}${SUBSCRIPTIONS_PATH}`, init, target)).json();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const scope = /403|MISSING_SCOPES/.test(message)
      ? `; the app's client-credentials token needs the scope ${call.scope}`
      : '';
    throw new SubscriptionCallError(`${endpoint}: ${message}${scope}`);
  }
}

const item = (w: WantedSubscription, status: ProvisionItem['status'], detail?: string): ProvisionItem => ({
  kind: 'subscription',
  name: `${w.type}.journal`,
  status,
  ...(detail === undefined || detail === '' ? {} : { detail }),
});

/**
 * Lists the app's journal subscriptions and upserts, per wanted type, the OBJECT subscription whose
 * actions or properties differ (the POST is an upsert). Idempotent: a second run reports `existed`.
 * A refused call becomes a failed item naming the endpoint and the scope it needs.
 * https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/subscriptions/guide
 */
export async function ensureJournalSubscriptions(
  target: JournalSubscriptionTarget,
  wanted: readonly WantedSubscription[],
  dryRun: boolean,
): Promise<ProvisionItem[]> {
  const scopes = dryRun ? [SUBSCRIPTIONS_READ_SCOPE] : [SUBSCRIPTIONS_READ_SCOPE, SUBSCRIPTIONS_WRITE_SCOPE];
  const token = clientCredentialsToken(target, target, scopes);
  const get = () => token.get();
  let existing: readonly SubscriptionResponse[];
  try {
    const listed = await callJson(target, get, { method: 'GET', scope: SUBSCRIPTIONS_READ_SCOPE });
    existing = SubscriptionList.parse(listed).results;
  } catch (err) {
    return wanted.map((w) => item(w, 'failed', describe(err, `GET ${SUBSCRIPTIONS_PATH}`)));
  }
  const items: ProvisionItem[] = [];
  for (const w of wanted) {
    const change = subscriptionChange(w, target.portalId, existing);
    const detail = change.kind === 'update' ? change.detail : undefined;
    if (change.kind === 'existed') items.push(item(w, 'existed'));
    else if (dryRun) items.push(item(w, change.kind === 'create' ? 'would_create' : 'would_update', detail));
    else {
      const body: SubscriptionUpsert = {
        subscriptionType: 'OBJECT',
        portalId: target.portalId,
        objectTypeId: w.objectTypeId,
        actions: w.actions,
        objectIds: [],
        properties: w.properties,
      };
      try {
        const answer = await callJson(target, get, {
          method: 'POST',
          scope: SUBSCRIPTIONS_WRITE_SCOPE,
          body,
        });
        SubscriptionResponse.parse(answer);
        items.push(item(w, change.kind === 'create' ? 'created' : 'updated', detail));
      } catch (err) {
        items.push(item(w, 'failed', describe(err, `POST ${SUBSCRIPTIONS_PATH}`)));
      }
    }
  }
  return items;
}

/** A failed call's line; a vendor answer of the wrong shape names the endpoint too. */
function describe(err: unknown, endpoint: string): string {
  if (err instanceof SubscriptionCallError) return err.message;
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `${endpoint}: unexpected answer (${message ?? ''})`;
}
