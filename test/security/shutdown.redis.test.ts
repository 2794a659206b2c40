import { Agent, request } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../../src/queue/redis.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createWebhookSpool } from '../../src/store/webhook-spool.js';
import { collect, spawnCli, waitForLine } from '../helpers/cli.js';
import { TEST_REDIS_URL, deleteKeys, testPrefix } from '../helpers/redis.js';
import { hubspotV3Headers } from '../helpers/sign.js';

const SECRET = 'shutdown-test-client-secret-000';
const PUBLIC = 'https://partnersync.example.com';
const PATH = '/webhooks/hubspot/hubspot';
const SHUTDOWN_TIMEOUT_MS = 2_000;
const CONNECTIONS = 32;

const prefix = testPrefix();
const redis = new Redis(TEST_REDIS_URL, redisOptions('http'));
afterAll(async () => {
  await deleteKeys(redis, `${prefix}*`);
  redis.disconnect();
});

interface Reply {
  readonly status: number;
  readonly connection: string | undefined;
}

function post(agent: Agent, base: URL, eventId: number): Promise<Reply> {
  const body = JSON.stringify([
    {
      eventId,
      subscriptionId: 1,
      portalId: 62515,
      appId: 1,
      occurredAt: Date.now(),
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: eventId,
      propertyName: 'email',
      propertyValue: `p${eventId}@example.com`,
      changeSource: 'CRM_UI',
    },
  ]);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: PATH,
        method: 'POST',
        headers: hubspotV3Headers(SECRET, `${PUBLIC}${PATH}`, body),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A request whose body trickles in a byte at a time: it keeps its connection busy for `ms`. */
function trickle(base: URL, ms: number): { done: Promise<void> } {
  const req = request({
    host: base.hostname,
    port: base.port,
    path: PATH,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(ms) },
  });
  req.on('error', () => undefined);
  req.on('response', (res) => res.resume());
  let sent = 0;
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (sent >= ms / 100 || req.destroyed) {
        clearInterval(timer);
        req.destroy();
        resolve();
        return;
      }
      sent += 1;
      req.write(' ');
    }, 100);
    req.on('close', () => {
      clearInterval(timer);
      resolve();
    });
  });
  return { done };
}

describe('SIGTERM under a keep-alive burst', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS + 1 s, tells keep-alive clients to close, and keeps every acknowledged change', async () => {
    const child = spawnCli(['serve'], {
      PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      REDIS_AUTOSTART: 'false',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      PUBLIC_BASE_URL: PUBLIC,
      HUBSPOT_ACCESS_TOKEN: 'pat-test-token',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_BASE_URL: 'http://127.0.0.1:9',
    });
    const exited = collect(child, 60_000);
    const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/, 30_000);
    const base = new URL(url ?? '');
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const acked: number[] = [];
    const closeHeaders: string[] = [];
    let next = 0;
    let stop = false;
    let sigtermAt = 0;
    const clients = Array.from({ length: CONNECTIONS }, async () => {
      while (!stop) {
        const id = (next += 1);
        try {
          const reply = await post(agent, base, id);
          if (reply.status === 204) acked.push(id);
          if (sigtermAt > 0 && reply.connection === 'close') closeHeaders.push(reply.connection);
        } catch {
          // Refused or cut after SIGTERM: not acknowledged, so the CRM would deliver it again.
          if (sigtermAt > 0) await new Promise((r) => setTimeout(r, 5));
        }
      }
    });
    // Slow uploads that would hold the HTTP close open for 30 s without a deadline.
    const slow = Array.from({ length: 4 }, () => trickle(base, 30_000));
    await new Promise((r) => setTimeout(r, 1_500));
    const ackedBefore = acked.length;
    sigtermAt = Date.now();
    child.kill('SIGTERM');
    const result = await exited;
    const tookMs = Date.now() - sigtermAt;
    stop = true;
    await Promise.all(clients);
    await Promise.all(slow.map((s) => s.done));
    agent.destroy();

    expect(ackedBefore).toBeGreaterThan(0);
    expect(result.code).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
    expect(closeHeaders.length).toBeGreaterThan(0);
    // Every 204 was spooled in Redis before it was sent.
    const spool = createWebhookSpool(redis, createKeySpace(prefix));
    const entries = await spool.read('hubspot', acked.length + 10_000);
    const spooled = new Set(
      entries.flatMap((e) =>
        (JSON.parse(e.body.toString('utf8')) as { eventId: number }[]).map((x) => x.eventId),
      ),
    );
    expect(acked.filter((id) => !spooled.has(id))).toEqual([]);
  });
});
