import { describe, expect, it } from 'vitest';
import {
  lagMs,
  nextPosition,
  spoolReplayKey,
} from '../../../src/ingest/hubspot-journal/journal-bookkeeping.js';

const DAY = 24 * 3_600_000;
const now = 10 * DAY;

describe('journal offset bookkeeping', () => {
  it('starts at the earliest entry when nothing is committed', () => {
    expect(nextPosition(undefined, now)).toEqual({ read: { from: 'earliest' } });
  });

  it('reads after the committed offset while its entry is within 3 days', () => {
    const committed = { offset: 'o-1', at: now - 1000, occurredAt: now - 3 * DAY + 1 };
    expect(nextPosition(committed, now)).toEqual({ read: { after: 'o-1' } });
  });

  it('calls an offset whose entry is older than 3 days expired, by the entry time, else the commit time', () => {
    expect(nextPosition({ offset: 'o', at: now, occurredAt: now - 3 * DAY - 1 }, now)).toEqual({
      expired: true,
    });
    expect(nextPosition({ offset: 'o', at: now - 3 * DAY - 1 }, now)).toEqual({ expired: true });
    expect(nextPosition({ offset: 'o', at: now - 3 * DAY }, now)).toEqual({ read: { after: 'o' } });
  });

  it('names each body of an entry by offset and part, kept past retention, in safe key characters', () => {
    const a = spoolReplayKey('3c90c3cc-0d44-4b50-8888-8dd25736052a', 0);
    expect(a.requestKey).toBe('hubspot-journal-3c90c3cc-0d44-4b50-8888-8dd25736052a-0');
    expect(spoolReplayKey('3c90c3cc-0d44-4b50-8888-8dd25736052a', 1).requestKey).not.toBe(a.requestKey);
    expect(spoolReplayKey('a/b:c', 0).requestKey).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(a.ttlMs).toBeGreaterThan(3 * DAY);
  });

  it('lag is the time since the newest change read, never negative', () => {
    expect(lagMs(now - 1500, now)).toBe(1500);
    expect(lagMs(now + 10, now)).toBe(0);
    expect(lagMs(undefined, now)).toBe(0);
  });
});
