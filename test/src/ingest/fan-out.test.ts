import { describe, expect, it } from 'vitest';
import type { Opportunity, PartnerTouch } from '../../../src/domain/entities.js';
import {
  decisionTargets,
  fanOut,
  openOrRecentlyClosed,
  type FanOutReaders,
} from '../../../src/ingest/fan-out.js';
import type { JobScheduler } from '../../../src/queue/job-scheduler.js';
import type { Mirror, MirrorChange } from '../../../src/store/mirror.js';
import type { RelationIndex } from '../../../src/store/relation-index.js';

const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const source = { connection: 'c', objectType: 'Partner', id: 'x' };

const touch = (id: string, opportunityId: string | null, accountId: string | null): PartnerTouch => ({
  id,
  partnerId: 'P1',
  opportunityId,
  accountId,
  kind: 'opportunity_partner',
  occurredAt: '2026-05-01T00:00:00.000Z',
  source,
});
const change = (t: PartnerTouch, kind: MirrorChange['change'] = 'created'): MirrorChange => ({
  kind: 'touch',
  id: t.id,
  change: kind,
  entity: kind === 'removed' ? null : { kind: 'touch', entity: t },
  previous: kind === 'removed' ? { kind: 'touch', entity: t } : null,
});
const opp = (id: string, closedDaysAgo: number | null): Opportunity => ({
  id,
  name: id,
  accountId: 'A1',
  amount: 1,
  currency: 'USD',
  stage: closedDaysAgo === null ? 'Open' : 'Closed Won',
  isClosed: closedDaysAgo !== null,
  isWon: closedDaysAgo !== null,
  createdAt: '2025-01-01T00:00:00.000Z',
  closedAt: closedDaysAgo === null ? null : new Date(NOW - closedDaysAgo * DAY).toISOString(),
  sourceLeadId: null,
  partnerId: null,
  refs: [{ connection: 'c', objectType: 'Opportunity', id }],
});

describe('fan-out of touches', () => {
  it('an opportunity touch schedules its opportunity; an account-only touch names its account', () => {
    const t = decisionTargets([change(touch('T1', 'O1', 'A9')), change(touch('T2', null, 'A1'), 'removed')]);
    expect(t.opportunityIds).toEqual(['O1']);
    expect(t.touchAccountIds).toEqual(['A1']);
  });

  it('keeps open opportunities and those closed within 90 days', () => {
    const opps = [opp('open', null), opp('recent', 10), opp('edge', 90), opp('old', 91)];
    expect(openOrRecentlyClosed(opps, NOW)).toEqual(['open', 'recent', 'edge']);
  });

  it('schedules attribution for the open and recently closed opportunities of a touched account', async () => {
    const scheduled: string[][] = [];
    const scheduler = {
      detectDuplicates: async () => undefined,
      reviewRegistrations: async () => undefined,
      attributeDeals: async (_c: string, ids: readonly string[]) => {
        scheduled.push([...ids]);
      },
    } as unknown as JobScheduler;
    const opps = new Map([opp('O-open', null), opp('O-recent', 5), opp('O-old', 400)].map((o) => [o.id, o]));
    const readers: FanOutReaders = {
      now: () => NOW,
      relations: {
        opportunitiesOfAccounts: async (_c: string, accounts: readonly string[]) =>
          accounts.includes('A1') ? [...opps.keys()] : [],
      } as unknown as RelationIndex,
      mirror: {
        getMany: async (_c: string, _k: string, ids: readonly string[]) =>
          ids.map((id) => {
            const o = opps.get(id);
            return o === undefined ? null : { kind: 'opportunity', entity: o };
          }),
      } as unknown as Mirror,
    };
    const counts = await fanOut(scheduler, 'c', [change(touch('T2', null, 'A1'))], readers);
    expect(scheduled).toEqual([['O-open', 'O-recent']]);
    expect(counts.opportunities).toBe(2);
  });
});
