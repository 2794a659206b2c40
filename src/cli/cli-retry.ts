import type { RetryInfo, RetryOptions } from '../../connectors/with-retries.js';
import { cliRetryBaseMs } from '../core/env.js';

/** Pure: the progress line a setup command prints when it retries a CRM call. */
export function retryLine(info: RetryInfo): string {
  const wait = info.waitMs >= 1000 ? `${(info.waitMs / 1000).toFixed(1)} s` : `${info.waitMs} ms`;
  return `${info.connection}: retrying ${info.call} in ${wait} (attempt ${info.attempt + 1}): ${info.reason}`;
}

/**
 * Retries for a setup command, each shown on stderr so a slow run is explained. `baseMs` shortens the
 * backoff (tests set PARTNERSYNC_CLI_RETRY_BASE_MS); by default the connector's own backoff applies.
 */
export function cliRetry(
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  base: number | null = cliRetryBaseMs(),
): RetryOptions {
  return {
    onRetry: (info) => write(retryLine(info)),
    ...(base !== null ? { baseMs: base, capMs: Math.max(base, base * 16) } : {}),
  };
}
