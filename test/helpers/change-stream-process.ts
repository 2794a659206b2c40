// A process that only runs the Salesforce Pub/Sub subscribers of its CONNECTIONS_FILE (for kill and
// two-process tests): the same startChangeStreams a worker runs, on the real stores and queues, so what
// it receives is spooled and scheduled for the jobs the test process runs.
import { loadConnections } from '../../src/config/load-connections.js';
import { parseEnv } from '../../src/core/env.js';
import { createLogger } from '../../src/core/logger.js';
import { startChangeStreams } from '../../src/ingest/change-streams/start-change-streams.js';
import { createPipelineDeps } from '../../src/queue/create-pipeline-deps.js';
import { createRedis } from '../../src/queue/redis.js';

const env = parseEnv(process.env);
const redisUrl = process.env['REDIS_URL'];
if (redisUrl === undefined) throw new Error('REDIS_URL is not set');
const redis = createRedis({ kind: 'single', url: redisUrl }, 'worker');
const log = createLogger({ level: 'silent' });
const pipeline = createPipelineDeps({ env, connections: loadConnections(env), redis, log });
const streams = startChangeStreams(pipeline.deps, {
  log,
  timing: {
    minBackoffMs: 50,
    maxBackoffMs: 500,
    leaseTtlMs: Number(process.env['STREAM_TEST_LEASE_MS'] ?? '1500'),
  },
});
process.stdout.write(`subscribing for ${streams.connections.join(',')}\n`);
process.on('SIGTERM', () => {
  void streams
    .stop()
    .then(() => pipeline.close())
    .finally(() => redis.disconnect());
});
