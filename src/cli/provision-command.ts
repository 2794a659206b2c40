import type { Command } from 'commander';
import { ConfigError, PartnersyncError } from '../core/errors/index.js';
import { createLogger } from '../core/logger.js';
import { loadConnections } from '../config/load-connections.js';
import { RedisUnavailableError } from '../queue/local-redis.js';
import { redisTargetOf } from '../queue/redis-target.js';
import { createKeySpace } from '../store/keys.js';
import { provisionConnection } from './provision-connection.js';
import { EXIT_CONFIG, EXIT_UNAVAILABLE, loadEnvOrExit } from './load-env-or-exit.js';

interface ProvisionFlags {
  readonly connection: string;
  readonly dryRun?: boolean;
  readonly emitMetadata?: string;
}

/** `partnersync provision --connection X [--dry-run] [--emit-metadata DIR]` */
export function registerProvisionCommand(program: Command): void {
  program
    .command('provision')
    .description('create the partnersync fields and objects in one CRM connection, idempotently')
    .requiredOption('--connection <id>', 'connection id (CONNECTIONS_FILE, or the env connection)')
    .option('--dry-run', 'list what would be created; change nothing')
    .option('--emit-metadata <dir>', 'write a deployable Salesforce metadata package to <dir> instead')
    .action(async (flags: ProvisionFlags) => {
      const env = loadEnvOrExit();
      const log = createLogger({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL });
      try {
        const report = await provisionConnection({
          configs: loadConnections(env),
          connectionId: flags.connection,
          dryRun: flags.dryRun === true,
          emitMetadata: flags.emitMetadata,
          redis: redisTargetOf(env),
          autostartRedis: env.REDIS_AUTOSTART && env.NODE_ENV !== 'production',
          keys: createKeySpace(env.REDIS_PREFIX),
          log,
          out: (line) => process.stdout.write(`${line}\n`),
        });
        if (report?.items.some((i) => i.status === 'failed') === true) process.exitCode = 1;
      } catch (err) {
        if (!(err instanceof PartnersyncError || err instanceof RedisUnavailableError)) throw err;
        // One line naming the connection (connectors put its id in every auth error).
        process.stderr.write(`partnersync provision: ${err.message}\n`);
        const code =
          err instanceof ConfigError
            ? EXIT_CONFIG
            : err instanceof RedisUnavailableError
              ? EXIT_UNAVAILABLE
              : 1;
        process.exit(code);
      }
    });
}
