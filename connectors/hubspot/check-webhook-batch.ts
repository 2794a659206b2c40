import { WebhookPayloadError, type ErrorIssue } from '../../src/core/errors/index.js';
import { parseJsonBody } from '../webhook-payload-issues.js';

const MAX_EVENTS = 100;

function isId(value: unknown): boolean {
  return (
    // Safe integers only, as the full schema (zod `.int()`) demands: a huge number is not an id.
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && /^\d+$/.test(value))
  );
}

/**
 * The cheap check the request path affords: a JSON array of 1..100 objects, each with the fields every
 * event needs, of the right types. The full per-event schema (`parseHubspotEvents`) runs in the ingest
 * job, so intake cost stays flat however rich the events are. Returns the portal ids of the batch.
 */
// https://developers.hubspot.com/docs/api/webhooks — batches of up to 100 events
export function checkHubspotWebhookBatch(rawBody: Buffer): {
  readonly portalIds: ReadonlySet<string>;
  readonly events: number;
} {
  const body = parseJsonBody(rawBody, 'HubSpot webhook');
  if (!Array.isArray(body) || body.length === 0 || body.length > MAX_EVENTS) {
    throw new WebhookPayloadError('HubSpot webhook payload must be a JSON array of 1 to 100 events', {
      issues: [{ path: '', message: `expected an array of 1..${MAX_EVENTS} events` }],
    });
  }
  const issues: ErrorIssue[] = [];
  const portalIds = new Set<string>();
  body.forEach((event: unknown, i) => {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      issues.push({ path: String(i), message: 'expected an event object' });
      return;
    }
    const e = event as Record<string, unknown>;
    const type = e['subscriptionType'] ?? e['eventType'];
    if (typeof type !== 'string' || !type.includes('.'))
      issues.push({ path: `${i}.subscriptionType`, message: 'expected <object>.<action>' });
    if (!isId(e['portalId'])) issues.push({ path: `${i}.portalId`, message: 'expected a numeric id' });
    else portalIds.add(String(e['portalId']));
    if (!isId(e['eventId'])) issues.push({ path: `${i}.eventId`, message: 'expected a numeric id' });
    if (!isId(e['appId'])) issues.push({ path: `${i}.appId`, message: 'expected a numeric id' });
    const at = e['occurredAt'];
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0)
      issues.push({ path: `${i}.occurredAt`, message: 'expected epoch milliseconds' });
    if (e['objectId'] !== undefined && !isId(e['objectId']))
      issues.push({ path: `${i}.objectId`, message: 'expected a numeric id' });
  });
  if (issues.length > 0) {
    throw new WebhookPayloadError(`HubSpot webhook payload is invalid (${issues.length} issue(s))`, {
      issues: issues.slice(0, 50),
    });
  }
  return { portalIds, events: body.length };
}
