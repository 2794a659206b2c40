import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConnections } from '../config/load-connections.js';
import { createLogger } from '../core/logger.js';
import { createPipelineDeps } from '../queue/create-pipeline-deps.js';
import { mappingSources } from '../ingest/mapping-sources.js';
import { requireConnection } from '../queue/pipeline-deps.js';
import { syncPages } from '../../jobs/sync-incremental/sync-pages.js';
import { createCursorStore } from '../store/cursor-store.js';
import { withCliRedis } from './cli-redis.js';
import { cliRetry } from './cli-retry.js';
import { loadEnvOrExit } from './load-env-or-exit.js';

interface BackfillFlags {
  readonly connection: string;
  readonly object?: string[];
  readonly restart?: boolean;
}

/** Backfill checkpoints are separate from the incremental sync's cursors, so a backfill never moves them back. */
export function backfillCheckpoint(objectType: string): string {
  return `backfill.${objectType}`;
}

/**
 * `partnersync backfill --connection X [--object Lead …] [--restart]` — reads every record of the mapped
 * object types through the normal ingest path (decisions run on the workers). Checkpoints after every
 * page: run it again after an interruption and it resumes; `--restart` starts from the beginning.
 */
export function registerBackfillCommand(program: Command): void {
  program
    .command('backfill')
    .description('read every record of a connection (or some object types) into partnersync, resumably')
    .requiredOption('--connection <id>', 'connection id')
    .option('--object <type...>', 'CRM object types (default: every type the mapping reads)')
    .option('--restart', 'ignore saved checkpoints and start from the beginning')
    .action(async (flags: BackfillFlags) => {
      const env = loadEnvOrExit();
      const log = createLogger({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL });
      await withCliRedis(env, async (redis) => {
        const runtime = createPipelineDeps({
          env,
          connections: loadConnections(env),
          redis,
          log,
          retry: cliRetry(),
        });
        try {
          const connection = requireConnection(runtime.deps, flags.connection);
          const types = flags.object ?? [...mappingSources(await connection.mapping())];
          const cursors = createCursorStore(redis, runtime.deps.keys);
          const interactive = process.stderr.isTTY;
          for (const objectType of types) {
            const checkpoint = backfillCheckpoint(objectType);
            if (flags.restart === true) await cursors.reset(flags.connection, checkpoint);
            const resumed = (await cursors.get(flags.connection, checkpoint)) !== null;
            const bar = new SingleBar(
              {
                format: `${objectType.padEnd(24)} {value} records · {pages} pages · {rate}/s`,
                hideCursor: true,
                noTTYOutput: false,
              },
              Presets.shades_classic,
            );
            const started = performance.now();
            if (interactive) bar.start(0, 0, { pages: 0, rate: 0 });
            else
              process.stderr.write(`${objectType}: ${resumed ? 'resuming from checkpoint' : 'starting'}\n`);
            const result = await syncPages({
              deps: runtime.deps,
              connection: flags.connection,
              objectType,
              checkpoint,
              signal: AbortSignal.timeout(6 * 3600_000),
              log,
              onPage: (p) => {
                const rate = Math.round(p.records / Math.max(0.001, (performance.now() - started) / 1000));
                if (interactive) {
                  bar.setTotal(p.records);
                  bar.update(p.records, { pages: p.pages, rate });
                } else if (p.pages % 10 === 0)
                  process.stderr.write(`${objectType}: ${p.records} records, ${p.pages} pages\n`);
              },
            });
            if (interactive) bar.stop();
            // A finished backfill is a valid starting point for the incremental sync when it has none yet.
            if (result.cursor !== null && (await cursors.get(flags.connection, objectType)) === null) {
              await cursors.set(flags.connection, objectType, result.cursor);
            }
            process.stdout.write(
              `${objectType}: ${result.records} records in ${result.pages} pages, ${result.changes} changes\n`,
            );
          }
        } finally {
          await runtime.close();
        }
      });
    });
}
