import type { Logger } from '../core/logger.js';

/**
 * Errors a Redis client reports on every attempt while Redis is restarting or a cluster node is away:
 * refused or reset connections, a connection closed under a command, Redis still loading its AOF. They
 * say nothing new after the first one (readiness checks and the commands' own failures report the
 * outage), so they are logged at debug level; every other error keeps the error level.
 */
const RECONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const RECONNECT_MESSAGES = [
  /^Connection is closed/,
  /^connect ETIMEDOUT/,
  /^LOADING /,
  /^Failed to refresh slots cache/,
  /^None of startup nodes is available/,
];

export function isReconnectNoise(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && RECONNECT_CODES.has(code)) return true;
  return RECONNECT_MESSAGES.some((re) => re.test(err.message));
}

/** An 'error' listener for BullMQ queues and workers: reconnect noise at debug, the rest at error. */
export function queueErrorListener(
  log: Logger | undefined,
  context: Record<string, string>,
): (err: Error) => void {
  return (err) => {
    if (isReconnectNoise(err)) {
      log?.debug({ ...context, code: (err as Error & { code?: unknown }).code }, 'Redis reconnecting');
      return;
    }
    // Without a logger (tools and tests), an unexpected error still reaches stderr, as BullMQ would print it.
    if (log === undefined)
      process.stderr.write(`queue error (${JSON.stringify(context)}): ${err.stack ?? err.message}\n`);
    else log.error({ err, ...context }, 'queue error');
  };
}
