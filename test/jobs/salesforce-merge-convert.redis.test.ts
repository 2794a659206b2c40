import { afterEach, describe, expect, it } from 'vitest';
import { adminActor as sfAdmin } from '../../connectors/sandbox/salesforce/org.js';
import { allJobs } from '../../jobs/index.js';
import { startDedupeHarness, type DedupeHarness } from './dedupe-harness.js';
import {
  SF_FIELDS,
  seedHubspotPeople,
  seedSalesforcePeople,
  shownFields,
  type Ids,
} from './dedupe-scenario.js';

const SF_TYPES = ['Lead', 'Contact'];
const HS_TYPES = ['contacts'];

let harness: DedupeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function seeded(): Promise<{ h: DedupeHarness; sfIds: Ids }> {
  let sfIds: Ids = new Map();
  const h = await startDedupeHarness(allJobs, ({ sf, hs, clock }) => {
    sfIds = seedSalesforcePeople(sf, clock);
    seedHubspotPeople(hs, clock);
  });
  harness = h;
  return { h, sfIds };
}

const idOf = (ids: Ids, label: string): string => {
  const ref = ids.get(label);
  if (ref === undefined) throw new Error(`seed has no ${label}`);
  return ref.id;
};

/** Incremental listings end one whole second before now: let the change fall inside the window. */
const pastWindow = (): Promise<void> => new Promise((r) => setTimeout(r, 2_100));

describe('Salesforce merges and converted leads', () => {
  it('a merge leaves the survivor’s duplicate flags right', async () => {
    const { h, sfIds } = await seeded();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    expect(shownFields(h.sf.store, sfIds, SF_FIELDS)['jon']).toMatchObject({
      status: 'Duplicate',
      of: 'jonathan',
    });
    // An admin merges Jonathan into Jon: Jon is the master, Jonathan goes to the recycle bin.
    h.sf.org.merge('Lead', idOf(sfIds, 'jon'), [idOf(sfIds, 'jonathan')], sfAdmin);
    const loser = h.sf.store.getAny('Lead', idOf(sfIds, 'jonathan'));
    expect(loser?.deletedAt).not.toBeNull();
    expect(loser?.fields['MasterRecordId']).toBe(idOf(sfIds, 'jon'));
    await pastWindow();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    const shown = shownFields(h.sf.store, sfIds, SF_FIELDS);
    // Jon no longer duplicates a record that is gone; nobody points at the merged-away record.
    expect(shown['jon']).toMatchObject({ status: 'Unique', of: null });
    expect(Object.values(shown).filter((s) => s.of === 'jonathan')).toEqual([]);
  });

  it('a converted lead is never written to; its contact carries the flags', async () => {
    const { h, sfIds } = await seeded();
    // Samuel (a duplicate of Sam) is converted before our first pass.
    const samuel = idOf(sfIds, 'samuel');
    const { contactId } = h.sf.org.convertLead(samuel, sfAdmin);
    const writesTo = new Map<string, number>();
    h.sf.store.onChange((c) => {
      if (c.actor.clientId === 'partnersync') writesTo.set(c.record.id, (writesTo.get(c.record.id) ?? 0) + 1);
    });
    const attempts = h.sf.counters.get(/composite\/sobjects/);
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    await pastWindow();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    expect(writesTo.get(samuel)).toBeUndefined();
    expect(h.sf.store.get('Lead', samuel)?.fields['PS_Duplicate_Status__c']).toBeUndefined();
    // The contact it became is a person of its own, flagged like any other.
    expect(h.sf.store.get('Contact', contactId)?.fields['PS_Duplicate_Status__c']).toMatch(
      /Duplicate|Unique/,
    );
    expect(h.sf.counters.get(/composite\/sobjects/)).toBeGreaterThan(attempts);
    // Recorded once per planned write for admins to see, not retried in a loop.
    const rejections = await h.deps.writeBack.rejections('sf');
    expect(rejections.filter((r) => r.id === samuel)).toEqual([
      expect.objectContaining({
        crmCode: 'CANNOT_UPDATE_CONVERTED_LEAD',
        // Salesforce's own answer names no contact: we ask which contact the refused lead became.
        message: expect.stringContaining(`its contact ${contactId} carries the fields`),
      }),
    ]);
  });

  it('a validation rule rejects a record alone, shown to admins, and it is not retried in a loop', async () => {
    const { h, sfIds } = await seeded();
    h.sf.org.validationRules.push({
      object: 'Lead',
      name: 'Taylor_Frozen',
      message: 'Taylor leads are frozen by the finance team',
      field: 'PS_Duplicate_Status__c',
      violated: (r) => r['LastName'] === 'Taylor' && r['PS_Duplicate_Status__c'] !== undefined,
    });
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    const shown = shownFields(h.sf.store, sfIds, SF_FIELDS);
    expect(shown['samuel']?.status).toBeUndefined();
    expect(shown['jon']).toMatchObject({ status: 'Duplicate', of: 'jonathan' });
    const rejected = (await h.deps.writeBack.rejections('sf')).filter((r) => r.objectType === 'Lead');
    expect(rejected.map((r) => r.id).sort()).toEqual([idOf(sfIds, 'sam'), idOf(sfIds, 'samuel')].sort());
    expect(rejected[0]).toMatchObject({
      crmCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Taylor leads are frozen by the finance team',
      fields: ['PS_Duplicate_Status__c'],
    });
    const writes = h.sf.counters.get(/composite\/sobjects/);
    await pastWindow();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    expect(h.sf.counters.get(/composite\/sobjects/)).toBe(writes);
  });
});
