/**
 * Deadlines for many concurrent promises from one interval timer. A timer per call (setTimeout, or
 * ioredis' `commandTimeout`) is an allocation per call that the call keeps alive; at thousands of calls a
 * second those timers measurably lengthened the intake's young-generation GC pauses, and the pauses were
 * its p99. A call may outlive its deadline by up to a quarter of it.
 */
export interface SharedDeadline {
  /** Settles like `work`, or rejects with `DeadlineExceededError` once `timeoutMs` has passed without an answer. */
  within<T>(work: Promise<T>): Promise<T>;
}

export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

export function createSharedDeadline(
  timeoutMs: number,
  what: string,
  now: () => number = () => performance.now(),
): SharedDeadline {
  const pending = new Set<{ readonly due: number; readonly reject: (err: Error) => void }>();
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = (): void => {
    const at = now();
    for (const entry of pending) {
      if (entry.due > at) continue;
      pending.delete(entry);
      entry.reject(new DeadlineExceededError(`${what}: no answer within ${timeoutMs} ms`));
    }
    if (pending.size === 0 && sweeper !== undefined) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  return {
    within: (work) =>
      new Promise((resolve, reject) => {
        const entry = { due: now() + timeoutMs, reject };
        pending.add(entry);
        sweeper ??= setInterval(sweep, Math.max(1, Math.floor(timeoutMs / 4))).unref();
        work.then(
          (value) => {
            pending.delete(entry);
            resolve(value);
          },
          (err: unknown) => {
            pending.delete(entry);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }),
  };
}
