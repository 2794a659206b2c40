import { afterEach, describe, expect, it, vi } from 'vitest';
import { mergeRecords } from '../../connectors/sandbox/hubspot/merge.js';
import { adminActor as hsAdmin } from '../../connectors/sandbox/hubspot/portal.js';
import { allJobs } from '../../jobs/index.js';
import { startDedupeHarness, type DedupeHarness } from './dedupe-harness.js';
import { HS_FIELDS, seedHubspotPeople, shownFields, type Ids } from './dedupe-scenario.js';

const HS_TYPES = ['contacts'];

let harness: DedupeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const idOf = (ids: Ids, label: string): string => {
  const ref = ids.get(label);
  if (ref === undefined) throw new Error(`seed has no ${label}`);
  return ref.id;
};

/** Incremental listings end one whole second before now: let the change fall inside the window. */
const pastWindow = (): Promise<void> => new Promise((r) => setTimeout(r, 2_100));

interface Merged {
  readonly survivorId: string;
  readonly goneIds: readonly string[];
  /** Ids our tool asked to write after the merge. */
  readonly writtenIds: readonly string[];
}

/** Seeds, flags Jon as Jonathan's duplicate, then a rep merges Jonathan into Jon in HubSpot. */
async function mergeFlaggedPair(mintNewId: boolean, webhooks: boolean): Promise<Merged> {
  let ids: Ids = new Map();
  const h = await startDedupeHarness(allJobs, ({ hs, clock }) => (ids = seedHubspotPeople(hs, clock)), {
    hubspotWebhooks: webhooks,
  });
  harness = h;
  await h.sync({ hs: HS_TYPES });
  expect(shownFields(h.hs.store, ids, HS_FIELDS)['jon']).toMatchObject({
    status: 'Duplicate',
    of: 'jonathan',
  });
  if (mintNewId) h.hs.portal.mergedIds.mintNewId.add('contacts');
  const connector = h.deps.connections.get('hs')?.connector;
  if (connector === undefined) throw new Error('no hs connection');
  const writes = vi.spyOn(connector, 'writeBatch');
  h.hs.webhooks.configure({ enabled: webhooks });
  const [jon, jonathan] = [idOf(ids, 'jon'), idOf(ids, 'jonathan')];
  const type = h.hs.portal.type('contacts');
  if (type === undefined) throw new Error('no contacts type');
  const ref = { primaryObjectId: jon, objectIdToMerge: jonathan };
  const survivor = mergeRecords(h.hs.portal, h.hs.associations, type, ref, hsAdmin);
  const goneIds = mintNewId ? [jon, jonathan] : [jonathan];
  return {
    survivorId: survivor.id,
    goneIds,
    get writtenIds() {
      return writes.mock.calls.flatMap(([, ws]) => ws.flatMap((w) => (w.id === undefined ? [] : [w.id])));
    },
  };
}

/** Everything our tool shows or holds after the merge names the survivor, never a merged-away id. */
async function expectSurvivorOnly(m: Merged): Promise<void> {
  const h = harness;
  if (h === undefined) throw new Error('no harness');
  const survivor = h.hs.store.get('contacts', m.survivorId);
  expect(survivor?.fields[HS_FIELDS.status]).toBe('Unique');
  expect(survivor?.fields[HS_FIELDS.of] ?? '').toBe('');
  const live = new Set(h.hs.store.list('contacts').map((r) => r.id));
  for (const gone of m.goneIds) expect(live.has(gone)).toBe(false);
  const dangling = h.hs.store
    .list('contacts')
    .map((r) => r.fields[HS_FIELDS.of])
    .filter((of) => typeof of === 'string' && of !== '' && !live.has(of));
  expect(dangling).toEqual([]);
  expect(m.writtenIds).toContain(m.survivorId);
  expect(m.writtenIds.filter((id) => m.goneIds.includes(id))).toEqual([]);
  const rejected = await h.deps.writeBack.rejections('hs');
  expect(rejected.filter((r) => m.goneIds.includes(r.id))).toEqual([]);
  const mirrored: string[] = [];
  for await (const { entity: p } of h.deps.mirror.scan('hs', 'person'))
    mirrored.push(...p.refs.filter((r) => r.connection === 'hs').map((r) => r.id));
  expect(mirrored.filter((id) => !live.has(id))).toEqual([]);
  expect(mirrored).toContain(m.survivorId);
}

describe.each([
  ['keeps the primary id', false],
  ['mints a new id', true],
])('a rep merges two contacts we flagged as duplicates; the merge %s', (_name, mintNewId) => {
  it('over webhooks: the survivor is redone and nothing points at a merged-away id', async () => {
    const m = await mergeFlaggedPair(mintNewId, true);
    const h = harness;
    if (h === undefined) throw new Error('no harness');
    const searches = h.hs.counters.get(/search/);
    // Our write-back echoes as webhooks too: let each round of deliveries settle.
    for (let round = 0; round < 3; round += 1) {
      await h.hs.webhooks.flush();
      await h.idle();
    }
    expect(h.hs.counters.get(/search/)).toBe(searches);
    await expectSurvivorOnly(m);
  });

  it('over the incremental sync: hs_merged_object_ids and the archived listing do the same', async () => {
    const m = await mergeFlaggedPair(mintNewId, false);
    const h = harness;
    if (h === undefined) throw new Error('no harness');
    expect(h.hs.store.get('contacts', m.survivorId)?.fields['hs_merged_object_ids']).toBe(
      m.goneIds.join(';'),
    );
    await pastWindow();
    await h.sync({ hs: HS_TYPES });
    await expectSurvivorOnly(m);
    // The listing reports the merge from the survivor's hs_merged_object_ids, not only the archived rows
    // (after the window passes our write of the survivor's new status).
    await pastWindow();
    const merges = [];
    const listing = h.deps.connections.get('hs')?.connector.listChanges('contacts', null, {
      signal: new AbortController().signal,
    });
    for await (const page of listing ?? []) merges.push(...page.merges);
    expect(merges).toEqual([
      expect.objectContaining({ survivorId: m.survivorId, mergedIds: [...m.goneIds] }),
    ]);
  });
});
