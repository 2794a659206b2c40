import type { RetryInfo, RetryOptions } from '../../connectors/with-retries.js';

/** Pure: the progress line a setup command prints when it retries a CRM call. */
export function retryLine(info: RetryInfo): string {
  const wait = info.waitMs >= 1000 ? `${(info.waitMs / 1000).toFixed(1)} s` : `${info.waitMs} ms`;
  return `${info.connection}: retrying ${info.call} in ${wait} (attempt ${info.attempt + 1}): ${info.reason}`;
}

/**
 * Retries for a setup command, each shown on stderr so a slow run is explained. The env knob
 * PARTNERSYNC_CLI_RETRY_BASE_MS shortens the backoff in tests; it is not needed in production.
 */
export function cliRetry(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): RetryOptions {
  const base = Number(process.env['PARTNERSYNC_CLI_RETRY_BASE_MS']);
  return {
    onRetry: (info) => write(retryLine(info)),
    ...(Number.isFinite(base) && base > 0 ? { baseMs: base, capMs: Math.max(base, base * 16) } : {}),
  };
}
