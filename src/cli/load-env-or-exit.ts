import { ConfigError } from '../core/errors/index.js';
import { loadEnv, type Env } from '../core/env.js';

/** Exit code for invalid configuration (sysexits EX_CONFIG). */
export const EXIT_CONFIG = 78;
/** Exit code when a required service (Redis) is unavailable (sysexits EX_UNAVAILABLE). */
export const EXIT_UNAVAILABLE = 69;

/** Parses env or exits naming every bad variable. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`partnersync: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
}
