import { ConfigError } from '../core/errors/index.js';
import { createLogger, type Logger } from '../core/logger.js';
import { RedisUnavailableError } from '../queue/local-redis.js';
import { startService, type ServiceMode } from '../service.js';
import { allJobs } from '../../jobs/index.js';
import { loadConnections } from '../config/load-connections.js';
import { EXIT_CONFIG, EXIT_UNAVAILABLE, loadEnvOrExit } from './load-env-or-exit.js';

/** Starts the service in one mode and stops it gracefully on SIGTERM/SIGINT (a second signal forces). */
export async function runService(mode: ServiceMode): Promise<void> {
  const env = loadEnvOrExit();
  const log: Logger = createLogger({ level: env.LOG_LEVEL });
  let service;
  try {
    service = await startService({ env, log, mode, jobs: allJobs, connections: loadConnections(env) });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`partnersync: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    if (err instanceof RedisUnavailableError) {
      process.stderr.write(`partnersync: ${err.message}\n`);
      process.exit(EXIT_UNAVAILABLE);
    }
    // Anything else (a cluster's MOVED or CLUSTERDOWN while starting) is named by the CLI's top level.
    throw err;
  }
  if (service.url !== undefined) process.stdout.write(`partnersync ${mode} listening on ${service.url}\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    // The stop is bounded step by step; this is the backstop should any step hang (a Redis quit, a hook).
    setTimeout(() => {
      log.error({ signal, timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'shutdown deadline passed: exiting now');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + 500).unref();
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
