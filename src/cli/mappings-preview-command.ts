import type { Command } from 'commander';
import { fileMappings } from '../admin/file-mappings.js';
import { previewRecord, readOneRecord } from '../admin/preview-record.js';
import { loadConnections } from '../config/load-connections.js';
import { ConfigError } from '../core/errors/index.js';
import { createLogger } from '../core/logger.js';
import { cliRetry } from './cli-retry.js';
import { buildConnections } from '../queue/build-connections.js';
import { createKeySpace } from '../store/keys.js';
import { createMappingStore } from '../store/mapping-store.js';
import { withCliRedis } from './cli-redis.js';
import { processIo } from './command-io.js';
import type { MappingsCommandIo } from './mappings-command.js';
import { EXIT_CONFIG, loadEnvOrExit } from './load-env-or-exit.js';

interface PreviewFlags {
  readonly connection: string;
  readonly object: string;
  readonly id: string;
  readonly version?: string;
}

async function preview(flags: PreviewFlags, io: MappingsCommandIo): Promise<void> {
  const env = loadEnvOrExit();
  const version = flags.version === undefined ? undefined : Number(flags.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
    io.err('--version must be a positive integer');
    io.setExitCode(64);
    return;
  }
  let configs;
  try {
    configs = loadConnections(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`partnersync: ${err.message}`);
    io.setExitCode(EXIT_CONFIG);
    return;
  }
  const log = createLogger({ level: env.LOG_LEVEL }).child({ component: 'cli.preview' });
  await withCliRedis(env, async (redis) => {
    const keys = createKeySpace(env.REDIS_PREFIX);
    const fileMapping = fileMappings(configs);
    const store = createMappingStore(redis, keys, { fallback: fileMapping });
    const connections = buildConnections(configs, { redis, keys, log, retry: cliRetry(io.err) });
    const runtime = connections.get(flags.connection);
    if (runtime === undefined) {
      io.err(
        `no connection "${flags.connection}" (configured: ${configs.map((c) => c.id).join(', ') || 'none'})`,
      );
      io.setExitCode(1);
      return;
    }
    const active = version ?? (await store.activeVersion(flags.connection));
    const mapping =
      active === null ? fileMapping(flags.connection) : await store.mappingOf(flags.connection, active);
    if (mapping === undefined || mapping === null) {
      io.err(`connection ${flags.connection} has no mapping version ${String(active)}`);
      io.setExitCode(1);
      return;
    }
    const signal = AbortSignal.timeout(runtime.config.limits.timeoutMs);
    const record = await readOneRecord(runtime.connector, flags.object, flags.id, signal);
    if (record === null) {
      io.err(`no ${flags.object} ${flags.id} in ${flags.connection}`);
      io.setExitCode(1);
      return;
    }
    const result = previewRecord(mapping, flags.connection, record);
    const out = { connection: flags.connection, mappingVersion: active, ...result };
    io.out(JSON.stringify(out, null, 2));
    if (result.issues.length > 0) io.setExitCode(1);
  });
}

/** `partnersync mappings preview`: a CRM record, what it maps to and the write-back it would cause. */
export function registerMappingsPreviewCommand(
  mappings: Command,
  io: MappingsCommandIo = processIo,
): Command {
  return mappings
    .command('preview')
    .description(
      'read one CRM record, map it with the active (or --version) mapping and show the write-back it would cause; writes nothing',
    )
    .requiredOption(
      '--connection <id>',
      'connection id (salesforce / hubspot from env, or CONNECTIONS_FILE ids)',
    )
    .requiredOption(
      '--object <type>',
      'CRM object type: Lead, Account, Opportunity, contacts, companies, deals, …',
    )
    .requiredOption('--id <recordId>', 'CRM record id')
    .option('--version <n>', 'stored mapping version (default: the active one, else the mapping file)')
    .action(async (flags: PreviewFlags) => preview(flags, io));
}
