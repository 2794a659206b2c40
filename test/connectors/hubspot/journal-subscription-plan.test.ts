import { describe, expect, it } from 'vitest';
import {
  subscriptionChange,
  wantedSubscription,
} from '../../../connectors/hubspot/journal/subscription-plan.js';
import type { SubscriptionResponse } from '../../../connectors/hubspot/journal/subscription-schemas.js';

const existing = (over: Partial<SubscriptionResponse>): SubscriptionResponse => ({
  id: 1,
  appId: 7,
  subscriptionType: 'OBJECT',
  objectTypeId: '0-1',
  portalId: 62515,
  actions: ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE'],
  properties: ['email', 'firstname'],
  objectIds: [],
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  ...over,
});

describe('journal subscription plan', () => {
  it('asks for association actions only where the mapping reads associations; properties deduplicated and sorted', () => {
    expect(wantedSubscription('deals', '0-3', ['b', 'a', 'b'], true)).toEqual({
      type: 'deals',
      objectTypeId: '0-3',
      actions: ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE', 'ASSOCIATION_ADDED', 'ASSOCIATION_REMOVED'],
      properties: ['a', 'b'],
    });
    expect(wantedSubscription('companies', '0-2', [], false).actions).not.toContain('ASSOCIATION_ADDED');
  });

  it('an existing subscription with the same actions and properties, in any order, needs nothing', () => {
    const wanted = wantedSubscription('contacts', '0-1', ['firstname', 'email'], false);
    const same = existing({ actions: ['RESTORE', 'MERGE', 'DELETE', 'UPDATE', 'CREATE'] });
    expect(subscriptionChange(wanted, 62515, [same])).toEqual({ kind: 'existed' });
  });

  it('says what an update changes; another portal or type is a create', () => {
    const wanted = wantedSubscription('contacts', '0-1', ['email', 'lastname'], false);
    expect(subscriptionChange(wanted, 62515, [existing({ objectIds: [5] })])).toEqual({
      kind: 'update',
      detail:
        'adds properties lastname; drops properties firstname; all objects (was limited to some objectIds)',
    });
    expect(subscriptionChange(wanted, 62515, [existing({ portalId: 1 })])).toEqual({ kind: 'create' });
    expect(subscriptionChange(wanted, 62515, [existing({ objectTypeId: '0-2' })])).toEqual({
      kind: 'create',
    });
  });
});
