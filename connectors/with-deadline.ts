import { CrmTransientError } from '../src/core/errors/index.js';
import type { CallContext } from './port.js';

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * Runs one CRM call under the caller's abort signal and a timeout. A timeout becomes a
 * CrmTransientError (retry with backoff); a caller abort rethrows the signal's reason untouched, so a
 * cancelled job is never mistaken for a CRM failure. `run` gets the combined signal and should pass
 * it to the transport when the transport accepts one.
 */
export async function withDeadline<T>(
  ctx: CallContext,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  ctx.signal.throwIfAborted();
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(() => {
    timeout.abort(new CrmTransientError(`${what} timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout.signal]);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([run(signal), aborted]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/** Splits a list into chunks of at most `size` (vendor batch limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
