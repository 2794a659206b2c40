import { describe, expect, it } from 'vitest';
import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../../src/core/errors/index.js';
import type { ChangeCursor, CrmConnector, ProviderRecord } from '../../connectors/port.js';

/** Drives a fake CRM (nock fixtures or a sandbox) for one connector under test. */
export interface ConformanceDriver {
  readonly batchSize: number;
  readonly objectType: string;
  /** Ids the fake CRM accepts, in order. */
  ids(n: number): string[];
  /** A change listing of `upserts` modified records over several pages, plus `deleted` ids. */
  changes(upserts: number, deleted: readonly string[]): void;
  /** Update writes; records at `failAt` fail validation. Returns the number of HTTP requests seen. */
  updates(failAt: readonly number[]): () => number;
  /** The next batch read fails this way. */
  readFails(kind: 'rate_limit' | 'server_error' | 'unauthorized' | 'hang'): void;
  /** Whether the token endpoint was called (after `unauthorized`). */
  refreshed(): boolean;
}

const ctx = (timeoutMs = 5_000) => ({ signal: new AbortController().signal, timeoutMs });

export function runConformance(
  name: string,
  make: () => { connector: CrmConnector; driver: ConformanceDriver },
): void {
  describe(`${name} conforms to the CrmConnector port`, () => {
    it('lists every change across pages, ends, and reports deletes with a serialisable cursor', async () => {
      const { connector, driver } = make();
      const deleted = driver.ids(3).map((id) => id.replace(/.$/, 'X'));
      driver.changes(2 * driver.batchSize + 7, deleted);
      const seen: ProviderRecord[] = [];
      let cursor: ChangeCursor | null = null;
      for await (const page of connector.listChanges(driver.objectType, null, ctx())) {
        seen.push(...page.records);
        cursor = page.cursor;
      }
      expect(seen.filter((r) => !r.deleted)).toHaveLength(2 * driver.batchSize + 7);
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
      const { connector, driver } = make();
      const n = 2 * driver.batchSize + 50;
      const requests = driver.updates([1, driver.batchSize + 3]);
      const writes = driver.ids(n).map((id) => ({ id, fields: { ps_note: `v-${id}` } }));
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
      const { connector, driver } = make();
      driver.readFails('rate_limit');
      const err = await connector.readBatch(driver.objectType, driver.ids(2), ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrmRateLimitError);
      expect((err as CrmRateLimitError).retryAfterMs).toBeGreaterThan(0);
    });

    it('turns a 5xx into CrmTransientError', async () => {
      const { connector, driver } = make();
      driver.readFails('server_error');
      await expect(connector.readBatch(driver.objectType, driver.ids(2), ctx())).rejects.toBeInstanceOf(
        CrmTransientError,
      );
    });

    it('refreshes once on 401, then fails with CrmAuthError naming the connection', async () => {
      const { connector, driver } = make();
      driver.readFails('unauthorized');
      const err = await connector.readBatch(driver.objectType, driver.ids(2), ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrmAuthError);
      expect((err as Error).message).toContain(connector.connectionId);
      expect(driver.refreshed()).toBe(true);
    });

    it('times out a hanging call as CrmTransientError', async () => {
      const { connector, driver } = make();
      driver.readFails('hang');
      const started = Date.now();
      await expect(connector.readBatch(driver.objectType, driver.ids(2), ctx(300))).rejects.toBeInstanceOf(
        CrmTransientError,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });
}
