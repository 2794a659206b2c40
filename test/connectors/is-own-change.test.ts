import { describe, expect, it } from 'vitest';
import { isOwnChange, isWholeTypeChange } from '../../connectors/is-own-change.js';
import type { HubspotChangeEvent, SalesforceChangeEvent } from '../../connectors/webhook-change-event.js';
import type { WebhookConnection } from '../../connectors/webhook-connection.js';

const base = { objectId: '1', kind: 'updated' as const, occurredAt: 1, eventId: 'e', dedupeKey: 'k' };
const hubspotEvent = (sourceId: string): HubspotChangeEvent => ({
  ...base,
  provider: 'hubspot',
  objectType: 'contact',
  portalId: '24681357',
  subscriptionType: 'contact.propertyChange',
  changeSource: 'INTEGRATION',
  appId: '3141592',
  sourceId,
  attemptNumber: 0,
});
const salesforceEvent = (extra: Partial<SalesforceChangeEvent>): SalesforceChangeEvent => ({
  ...base,
  provider: 'salesforce',
  objectType: 'Lead',
  source: 'cdc',
  needsReread: false,
  wildcard: false,
  ...extra,
});
const hubspot: WebhookConnection = {
  id: 'hs',
  provider: 'hubspot',
  clientSecret: 's',
  appId: '3141592',
  portalId: '24681357',
};
const salesforce: WebhookConnection = {
  id: 'sf',
  provider: 'salesforce',
  organizationId: undefined,
  sharedSecret: undefined,
  clientId: 'partnersync',
  integrationUserId: '005000000000001AAA',
};

describe('isOwnChange', () => {
  it('knows a HubSpot change written by our app, and not one by another app', () => {
    expect(isOwnChange(hubspotEvent('3141592'), hubspot)).toBe(true);
    expect(isOwnChange(hubspotEvent('999'), hubspot)).toBe(false);
    expect(isOwnChange(hubspotEvent('3141592'), { ...hubspot, appId: undefined })).toBe(false);
  });

  it('knows a Salesforce change by our client= call option or by our integration user', () => {
    const origin = 'com/salesforce/api/rest/66.0;client=partnersync';
    expect(isOwnChange(salesforceEvent({ changeOrigin: origin }), salesforce)).toBe(true);
    expect(isOwnChange(salesforceEvent({ commitUser: '005000000000001' }), salesforce)).toBe(true);
    expect(isOwnChange(salesforceEvent({ commitUser: '005000000000002' }), salesforce)).toBe(false);
  });

  it('never takes an event of the other CRM for ours', () => {
    expect(isOwnChange(hubspotEvent('3141592'), salesforce)).toBe(false);
    expect(isOwnChange(salesforceEvent({ commitUser: '005000000000001' }), hubspot)).toBe(false);
  });
});

describe('isWholeTypeChange', () => {
  it('is true only for a Salesforce event with wildcard record ids', () => {
    expect(isWholeTypeChange(salesforceEvent({ wildcard: true }))).toBe(true);
    expect(isWholeTypeChange(salesforceEvent({}))).toBe(false);
    expect(isWholeTypeChange(hubspotEvent('1'))).toBe(false);
  });
});
