import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/logger.js';
import { createMetrics } from '../../../src/core/metrics.js';
import { WebhookAuthError } from '../../../src/core/errors/index.js';
import { createApp, type AppDeps } from '../../../src/http/create-app.js';
import { jsonBody } from '../../../src/http/json-body.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(overrides: Partial<AppDeps> = {}): Promise<string> {
  const app = createApp({
    log: createLogger({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: async () => ({ ready: true, checks: { redis: 'ok' } }),
    bodyLimitBytes: 2048,
    ...overrides,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createApp', () => {
  it('answers /healthz with 200', async () => {
    const res = await fetch(`${await start()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz with 503 and the failing check when not ready', async () => {
    const url = await start({
      readiness: async () => ({ ready: false, checks: { redis: 'down', queues: 'down' } }),
    });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { redis: 'down', queues: 'down' } });
  });

  it('returns a JSON 404 with a request id for unknown routes', async () => {
    const res = await fetch(`${await start()}/nowhere`, { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'no route for GET /nowhere', requestId: 'req-12345678' },
    });
  });

  it('replaces an unsafe caller request id with a generated one', async () => {
    const res = await fetch(`${await start()}/healthz`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives webhook routes the raw bytes and rejects bodies over the limit with 413', async () => {
    const router = express.Router();
    router.post('/echo', (req, res) => {
      const body: unknown = req.body;
      res.json({ isBuffer: Buffer.isBuffer(body), length: Buffer.isBuffer(body) ? body.length : -1 });
    });
    const url = await start({ webhookRouter: router });
    const ok = await fetch(`${url}/webhooks/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"a": 1}]',
    });
    expect(await ok.json()).toEqual({ isBuffer: true, length: 10 });
    const big = await fetch(`${url}/webhooks/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(4096),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('maps domain errors to their status and code, and malformed admin JSON to 400', async () => {
    const router = express.Router();
    router.post('/signed', () => {
      throw new WebhookAuthError('signature mismatch');
    });
    const admin = express.Router();
    admin.post(
      '/thing',
      ...jsonBody({ limitBytes: 2048, structure: { maxDepth: 8, maxValues: 100 } }),
      (_req, res) => res.json({ ok: true }),
    );
    const url = await start({ webhookRouter: router, adminRouter: admin });
    const res = await fetch(`${url}/webhooks/signed`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'webhook_unauthorized', message: 'signature mismatch' },
    });
    const bad = await fetch(`${url}/admin/thing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'malformed_json' } });
  });

  it('hides unexpected errors behind a 500 without their message', async () => {
    const router = express.Router();
    router.post('/boom', () => {
      throw new Error('database password is hunter2');
    });
    const url = await start({ webhookRouter: router });
    const res = await fetch(`${url}/webhooks/boom`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('hunter2');
  });

  it('exposes Prometheus metrics counting requests by route pattern', async () => {
    const url = await start({ queueDepths: async () => [{ queue: 'crm-events', counts: { wait: 7 } }] });
    await fetch(`${url}/healthz`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('partnersync_http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(text).toContain('partnersync_queue_jobs{queue="crm-events",state="wait"} 7');
  });
});
