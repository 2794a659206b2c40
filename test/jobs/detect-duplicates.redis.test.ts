import { afterEach, describe, expect, it } from 'vitest';
import { adminActor as hsAdmin } from '../../connectors/sandbox/hubspot/portal.js';
import { adminActor as sfAdmin } from '../../connectors/sandbox/salesforce/org.js';
import { detectDuplicates } from '../../jobs/detect-duplicates/detect-duplicates.js';
import { allJobs } from '../../jobs/index.js';
import { createLogger } from '../../src/core/logger.js';
import { createDuplicateStore } from '../../src/store/duplicate-store.js';
import { startDedupeHarness, type DedupeHarness } from './dedupe-harness.js';
import {
  HS_FIELDS,
  SF_FIELDS,
  seedHubspotPeople,
  seedSalesforcePeople,
  shownFields,
  type Ids,
  type Shown,
} from './dedupe-scenario.js';

const SF_TYPES = ['Lead', 'Contact'];
const HS_TYPES = ['contacts'];
const WRITES = /composite\/sobjects|batch\/update/;

let harness: DedupeHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function seeded(jobs = allJobs): Promise<{ h: DedupeHarness; sfIds: Ids; hsIds: Ids }> {
  let sfIds: Ids = new Map();
  let hsIds: Ids = new Map();
  const h = await startDedupeHarness(jobs, ({ sf, hs, clock }) => {
    sfIds = seedSalesforcePeople(sf, clock);
    hsIds = seedHubspotPeople(hs, clock);
  });
  harness = h;
  return { h, sfIds, hsIds };
}

/** Status and survivor per person; the same in both CRMs. */
const EXPECTED: Record<string, [string, string | null]> = {
  'robert-contact': ['Unique', null],
  'bob-lead': ['Duplicate', 'robert-contact'],
  'rob-lead': ['Duplicate', 'robert-contact'],
  jonathan: ['Unique', null],
  jon: ['Duplicate', 'jonathan'],
  sam: ['Unique', null],
  samuel: ['Duplicate', 'sam'],
  priya: ['Unique', null],
};
const REASONS: Record<string, RegExp> = {
  'bob-lead':
    /^(Very likely|Likely|Possible) duplicate, \d+ %: same phone; same last name Stone;.*first name Robert ≈ Bob \(nickname\)/,
  'rob-lead':
    /^(Very likely|Likely|Possible) duplicate, \d+ %: same phone; same last name Stone;.*first name Robert ≈ Rob \(nickname\)/,
  jon: /^(Very likely|Likely|Possible) duplicate, \d+ %: same (email|mailbox \(ignoring [^)]*\)); same last name Smith; company Globex = Globex Corp\.;.*Jonathan ≈ Jon/,
  samuel:
    /^(Very likely|Likely|Possible) duplicate, \d+ %: same (email|mailbox \(ignoring [^)]*\)); same last name Taylor; same company Freelance; first name Sam ≈ Samuel/,
};

function expectShown(shown: Record<string, Shown>): void {
  const statuses = Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, [v.status, v.of]]));
  expect(statuses).toEqual(EXPECTED);
  for (const [label, v] of Object.entries(shown)) {
    if (v.status === 'Unique') {
      expect([null, '', undefined]).toContain(v.reason);
      continue;
    }
    // The likelihood a rep reads: a whole percentage.
    expect(Number(v.score)).toBeGreaterThanOrEqual(90);
    expect(String(v.reason).length).toBeLessThanOrEqual(255);
    expect(String(v.reason)).toMatch(REASONS[label] ?? /./);
  }
}

const ctx = {
  log: createLogger({ level: 'silent' }),
  signal: new AbortController().signal,
  jobId: 't',
  attemptsMade: 0,
};

describe('detect-duplicates', () => {
  it('flags duplicates in both CRMs with reasons, links across CRMs, and writes nothing when run again', async () => {
    const { h, sfIds, hsIds } = await seeded();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    expectShown(shownFields(h.sf.store, sfIds, SF_FIELDS));
    expectShown(shownFields(h.hs.store, hsIds, HS_FIELDS));
    const priya = await createDuplicateStore(h.deps.redis, h.deps.keys).links(
      'sf',
      sfIds.get('priya')?.id ?? '',
    );
    const hsPriya = await createDuplicateStore(h.deps.redis, h.deps.keys).links(
      'hs',
      hsIds.get('priya')?.id ?? '',
    );
    expect(hsPriya).toMatchObject([{ connection: 'sf', id: sfIds.get('priya')?.id, decision: 'duplicate' }]);
    expect(priya).toMatchObject([{ connection: 'hs', id: hsIds.get('priya')?.id, decision: 'duplicate' }]);

    const before = h.sf.counters.get(WRITES) + h.hs.counters.get(WRITES);
    expect(before).toBeGreaterThan(0);
    for (const [conn, ids] of [
      ['sf', sfIds],
      ['hs', hsIds],
    ] as const)
      await h.deps.scheduler.detectDuplicates(
        conn,
        [...ids.values()].map((r) => r.id),
      );
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    expect(h.sf.counters.get(WRITES) + h.hs.counters.get(WRITES)).toBe(before);
  });

  it('gives the same fields when records are checked one by one in reverse order', async () => {
    const { h, sfIds, hsIds } = await seeded(allJobs.filter((j) => j.name !== detectDuplicates.name));
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES }, ['dedupe']);
    for (const [conn, ids] of [
      ['sf', sfIds],
      ['hs', hsIds],
    ] as const) {
      for (const { id } of [...ids.values()].reverse())
        await detectDuplicates.run({ connection: conn, personIds: [id] }, h.deps, ctx);
      await h.deps.scheduler.writeBack(conn);
    }
    await h.idle(['dedupe']);
    expectShown(shownFields(h.sf.store, sfIds, SF_FIELDS));
    expectShown(shownFields(h.hs.store, hsIds, HS_FIELDS));
  });

  it('re-flags the others against the next survivor when the survivor is deleted', async () => {
    const { h, sfIds, hsIds } = await seeded();
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    const sfRobert = sfIds.get('robert-contact');
    const hsRobert = hsIds.get('robert-contact');
    if (sfRobert === undefined || hsRobert === undefined) throw new Error('seed');
    h.sf.store.softDelete(sfRobert.objectType, sfRobert.id, sfAdmin);
    h.hs.store.softDelete(hsRobert.objectType, hsRobert.id, hsAdmin);
    // Incremental listings end one whole second before now, so let the deletes fall inside the window.
    await new Promise((r) => setTimeout(r, 2_100));
    await h.sync({ sf: SF_TYPES, hs: HS_TYPES });
    for (const [store, ids, names] of [
      [h.sf.store, sfIds, SF_FIELDS],
      [h.hs.store, hsIds, HS_FIELDS],
    ] as const) {
      const shown = shownFields(store, ids, names);
      expect(shown['bob-lead']?.status).toBe('Unique');
      expect(shown['rob-lead']).toMatchObject({ status: 'Duplicate', of: 'bob-lead' });
      expect(String(shown['rob-lead']?.reason)).toMatch(/same phone; same last name Stone/);
    }
  });
});
