import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Where `dedupe` puts its pairs CSV, one line at a time while the pairs are scored (a synchronous
 * loop: nothing reaches an asynchronous stream until it ends). `finish` makes the output whole;
 * `abandon` leaves nothing behind, so a failed run never leaves a half-written file.
 */
export interface PairsOutput {
  add(line: string): void;
  finish(): Promise<void>;
  abandon(): void;
}

/** Bytes gathered before each write to the file. */
const FLUSH_AT = 1 << 20;

/**
 * Writes to a hidden file beside `path` as the lines come, and renames it to `path` when finished:
 * a million-record run's pairs (reasons and all, ~30 MB) are never held in memory at once.
 */
export function pairsToFile(path: string, header: string): PairsOutput {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const fd = openSync(partial, 'w');
  let open = true;
  let pending = header;
  const flush = (): void => {
    if (pending !== '') writeSync(fd, pending);
    pending = '';
  };
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    add(line) {
      pending += line;
      if (pending.length >= FLUSH_AT) flush();
    },
    finish() {
      flush();
      close();
      renameSync(partial, path);
      return Promise.resolve();
    },
    abandon() {
      close();
      rmSync(partial, { force: true });
    },
  };
}

/** Holds the lines and writes them to `out` (standard output) when finished. */
export function pairsToStream(out: Writable, header: string): PairsOutput {
  const lines = [header];
  return {
    add: (line) => void lines.push(line),
    async finish() {
      for (const line of lines) if (!out.write(line)) await once(out, 'drain');
    },
    abandon: () => void lines.splice(0),
  };
}
