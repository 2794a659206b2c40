import type { Writable } from 'node:stream';

import { Presets, SingleBar } from 'cli-progress';

import type { BulkDedupeProgress } from '../matching/bulk-dedupe.js';

/** Files above this size show progress on stderr even when it is not a terminal. */
const BIG_FILE_BYTES = 20 * 1024 * 1024;

export interface DedupeProgress {
  readonly onProgress: (event: BulkDedupeProgress) => void;
  /** Clears the terminal bar, if one is shown. */
  readonly stop: () => void;
}

/**
 * Progress of `partnersync dedupe` on stderr: a bar per phase on a terminal, one line per phase
 * (and per read batch) otherwise, and nothing for a small file written to a pipe. The read phase is
 * measured in bytes of the input, the later ones in records or pairs.
 */
export function dedupeProgress(
  stderr: NodeJS.WriteStream | Writable,
  size: number,
  bytesRead: () => number,
): DedupeProgress {
  const isTty = 'isTTY' in stderr && stderr.isTTY;
  const showProgress = isTty || size >= BIG_FILE_BYTES;
  const bar = isTty
    ? new SingleBar(
        { format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: stderr },
        Presets.shades_classic,
      )
    : null;
  let phase: BulkDedupeProgress['phase'] | null = null;
  const onProgress = (event: BulkDedupeProgress): void => {
    if (!showProgress) return;
    if (bar !== null) {
      if (event.phase !== phase) {
        if (phase !== null) bar.stop();
        if (event.phase !== 'done')
          bar.start(event.phase === 'read' ? size : (event.total ?? 0), 0, { phase: event.phase });
      }
      if (event.phase !== 'done')
        bar.update(event.phase === 'read' ? bytesRead() : event.done, { phase: event.phase });
    } else if (event.phase !== phase || event.phase === 'read') {
      const detail =
        event.phase === 'read'
          ? `${event.done} records (${Math.round((100 * bytesRead()) / Math.max(1, size))}%)`
          : `${event.done}/${event.total ?? '?'}`;
      stderr.write(`dedupe: ${event.phase} ${detail}\n`);
    }
    phase = event.phase;
  };
  return { onProgress, stop: () => bar?.stop() };
}
