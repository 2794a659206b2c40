/**
 * A server for bench/webhooks.ts, in its own process so the load generator does not share its core:
 * `bare` — express parsing the same JSON body and answering 204; `intake` — the real partnersync HTTP
 * tier (signature check, payload validation, echo filter, inbox script, ingest scheduling).
 * Prints `listening <url>` and runs until SIGTERM.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { parseEnv } from '../src/core/env.js';
import { createLogger } from '../src/core/logger.js';
import { startService } from '../src/service.js';

const mode = process.argv[2];

if (mode === 'bare') {
  const app = express();
  app.post('/webhooks/hubspot/:connection', express.json({ limit: 1_048_576 }), (req, res) => {
    const body: unknown = req.body;
    res.status(Array.isArray(body) ? 204 : 400).end();
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (mode === 'intake') {
  const env = parseEnv({ ...process.env, PORT: '0', SYNC_INTERVAL_MS: '0' });
  const service = await startService({
    env,
    log: createLogger({ level: env.LOG_LEVEL }),
    mode: 'http',
    jobs: [],
    connections: [
      {
        id: 'bench',
        provider: 'hubspot',
        auth: { type: 'private_app', accessToken: 'bench-token-not-used' },
        baseUrl: 'http://127.0.0.1:9',
        portalId: 62515,
        portalUtcOffsetMinutes: 0,
        tier: 'starter',
        changes: 'webhooks',
        webhook: { clientSecret: process.env['BENCH_HUBSPOT_SECRET'] ?? '' },
        limits: { dailyShare: 0.8, warnAt: 0.9, timeoutMs: 30_000 },
      },
    ],
  });
  process.stdout.write(`listening ${service.url ?? ''}\n`);
  process.on('SIGTERM', () => {
    void service.close().then(() => process.exit(0));
  });
} else {
  process.stderr.write('usage: webhooks-server.ts bare|intake\n');
  process.exit(2);
}
