import { createHmac } from 'node:crypto';

/** HubSpot v3: base64(HMAC-SHA256(secret, method + uri + body + timestamp)), computed here independently. */
export function hubspotV3Headers(
  secret: string,
  uri: string,
  body: string,
  timestamp = Date.now(),
): Record<string, string> {
  const signature = createHmac('sha256', secret)
    .update(`POST${uri}${body}${timestamp}`, 'utf8')
    .digest('base64');
  return {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': String(timestamp),
  };
}

/** Our CDC relay header: `t=<ms>,v1=<hex hmac of "<t>.<body>">`. */
export function relayHeaders(secret: string, body: string, timestamp = Date.now()): Record<string, string> {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return { 'content-type': 'application/json', 'x-partnersync-signature': `t=${timestamp},v1=${v1}` };
}
