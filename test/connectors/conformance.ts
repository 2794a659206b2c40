import { describe, expect, it } from 'vitest';
import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../../src/core/errors/index.js';
import type { ChangeCursor, CrmConnector, ProviderRecord } from '../../connectors/port.js';

/** Drives a fake CRM (nock fixtures or a local sandbox) for one connector under test. */
export interface ConformanceDriver {
  readonly batchSize: number;
  readonly objectType: string;
  /** A field every record of `objectType` accepts a text value for. */
  readonly textField: string;
  /** How many modified records the listing test creates: enough for several vendor pages. */
  readonly listSize: number;
  /** Ids of `n` existing records, in order. */
  ids(n: number): Promise<string[]>;
  /** `upserts` modified records plus `deletes` deleted ones; returns the deleted ids. */
  changes(upserts: number, deletes: number): Promise<string[]>;
  /** Update writes of `ids`; records at `failAt` fail per record. Returns the number of write requests seen. */
  updates(ids: readonly string[], failAt: readonly number[]): Promise<() => number>;
  /** The next batch read fails this way. */
  readFails(kind: 'rate_limit' | 'server_error' | 'unauthorized' | 'hang'): Promise<void>;
  /** Whether the token endpoint was called (after `unauthorized`). */
  refreshed(): boolean;
}

const ctx = (timeoutMs = 5_000) => ({ signal: new AbortController().signal, timeoutMs });

export function runConformance(
  name: string,
  make: () => Promise<{ connector: CrmConnector; driver: ConformanceDriver }>,
): void {
  describe(`${name} conforms to the CrmConnector port`, () => {
    it('lists every change across pages, ends, and reports deletes with a serialisable cursor', async () => {
      const { connector, driver } = await make();
      const deleted = await driver.changes(driver.listSize, 3);
      const seen: ProviderRecord[] = [];
      let cursor: ChangeCursor | null = null;
      let pages = 0;
      for await (const page of connector.listChanges(driver.objectType, null, ctx())) {
        seen.push(...page.records);
        cursor = page.cursor;
        pages += 1;
      }
      expect(pages).toBeGreaterThan(1);
      expect(new Set(seen.filter((r) => !r.deleted).map((r) => r.id)).size).toBe(driver.listSize);
      expect(
        seen
          .filter((r) => r.deleted)
          .map((r) => r.id)
          .sort(),
      ).toEqual([...deleted].sort());
      expect(cursor).not.toBeNull();
      expect(JSON.parse(JSON.stringify(cursor))).toEqual(cursor);
    });

    it('writes in vendor-sized batches and reports partial failures per record', async () => {
      const { connector, driver } = await make();
      const n = 2 * driver.batchSize + 50;
      const ids = await driver.ids(n);
      const requests = await driver.updates(ids, [1, driver.batchSize + 3]);
      const writes = ids.map((id) => ({ id, fields: { [driver.textField]: `v-${id}` } }));
      const results = await connector.writeBatch(driver.objectType, writes, ctx());
      expect(requests()).toBe(3);
      expect(results).toHaveLength(n);
      expect(results.map((r) => r.index)).toEqual([...Array(n).keys()]);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected.map((r) => r.index)).toEqual([1, driver.batchSize + 3]);
      expect(rejected[0]).toMatchObject({ message: expect.stringMatching(/.+/) });
      expect(results.filter((r) => r.status === 'ok')).toHaveLength(n - 2);
    });

    it('turns a rate limit into CrmRateLimitError with a wait', async () => {
      const { connector, driver } = await make();
      const ids = await driver.ids(2);
      await driver.readFails('rate_limit');
      const err = await connector.readBatch(driver.objectType, ids, ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrmRateLimitError);
      expect((err as CrmRateLimitError).retryAfterMs).toBeGreaterThan(0);
    });

    it('turns a 5xx into CrmTransientError', async () => {
      const { connector, driver } = await make();
      const ids = await driver.ids(2);
      await driver.readFails('server_error');
      await expect(connector.readBatch(driver.objectType, ids, ctx())).rejects.toBeInstanceOf(
        CrmTransientError,
      );
    });

    it('refreshes once on 401, then fails with CrmAuthError naming the connection', async () => {
      const { connector, driver } = await make();
      const ids = await driver.ids(2);
      await driver.readFails('unauthorized');
      const err = await connector.readBatch(driver.objectType, ids, ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrmAuthError);
      expect((err as Error).message).toContain(connector.connectionId);
      expect(driver.refreshed()).toBe(true);
    });

    it('times out a hanging call as CrmTransientError', async () => {
      const { connector, driver } = await make();
      const ids = await driver.ids(2);
      await driver.readFails('hang');
      const started = Date.now();
      await expect(connector.readBatch(driver.objectType, ids, ctx(300))).rejects.toBeInstanceOf(
        CrmTransientError,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });
}
