/** The signed HubSpot deliveries every webhook bench run sends (bench/webhooks.ts and its load children). */
import { createHmac } from 'node:crypto';

export const BENCH_HUBSPOT_SECRET = 'bench-client-secret';

function batches(count: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < count; b += 1) {
    const events = Array.from({ length: 100 }, (_, i) => ({
      eventId: b * 100 + i,
      subscriptionId: 12345,
      portalId: 62515,
      appId: 54321,
      occurredAt: 1_700_000_000_000 + b,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: b * 100 + i + 1,
      propertyName: 'email',
      propertyValue: `person${b * 100 + i}@example.com`,
      changeSource: 'CRM_UI',
    }));
    out.push(JSON.stringify(events));
  }
  return out;
}

const BODIES = batches(2_000);

/** Signed deliveries in turn: a distinct batch each time, v3-signed over a fresh timestamp. */
export function signedDeliveries(
  url: string,
  path: string,
): () => { body: string; headers: Record<string, string> } {
  let next = 0;
  const target = `${url}${path}`;
  return () => {
    const body = BODIES[next % BODIES.length] ?? '[]';
    next += 1;
    const timestamp = Date.now();
    const signature = createHmac('sha256', BENCH_HUBSPOT_SECRET)
      .update(`POST${target}${body}${timestamp}`)
      .digest('base64');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': String(timestamp),
      },
    };
  };
}
