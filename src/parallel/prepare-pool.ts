import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Piscina } from 'piscina';

import type { BatchPreparer } from '../matching/bulk-dedupe.js';
import type { PreparedFields } from '../matching/prepare-record.js';
import type { PrepareTask } from './prepare-records-worker.js';

/** A pool of worker threads that normalise records for `bulkDedupe` while the caller reads and blocks. */
export interface PreparePool {
  readonly prepareBatch: BatchPreparer;
  readonly threads: number;
  close(): Promise<void>;
}

/** Threads by default: one per core beside the thread that reads the file, at least one. */
export function defaultPrepareThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Starts `threads` worker threads (https://github.com/piscinajs/piscina). The worker module sits
 * beside this one, as `.ts` under tsx and as `.js` once built.
 */
export function createPreparePool(threads = defaultPrepareThreads()): PreparePool {
  const here = fileURLToPath(import.meta.url);
  const filename = new URL(`./prepare-records-worker${extname(here)}`, import.meta.url).href;
  // Run from TypeScript sources (tsx, vitest), a worker needs the TypeScript loader too.
  const loader =
    extname(here) === '.ts' && !process.execArgv.some((arg) => arg.includes('tsx'))
      ? ['--import', 'tsx']
      : [];
  const pool = new Piscina<PrepareTask, PreparedFields[]>({
    filename,
    minThreads: threads,
    maxThreads: threads,
    execArgv: [...process.execArgv, ...loader],
  });
  return {
    threads,
    prepareBatch: (records, defaultCountry) => pool.run({ records, defaultCountry }),
    close: () => pool.destroy(),
  };
}
