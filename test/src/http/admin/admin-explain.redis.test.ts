import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfig } from '../../../../connectors/connection-config.js';
import { attributeDeal, defaultAttributionConfig } from '../../../../src/attribution/index.js';
import { parseEnv } from '../../../../src/core/env.js';
import { createLogger } from '../../../../src/core/logger.js';
import { startService, type RunningService } from '../../../../src/service.js';
import {
  createDecisionStore,
  type AttributionRecord,
  type RegistrationRecord,
} from '../../../../src/store/decision-store.js';
import { createKeySpace } from '../../../../src/store/keys.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix, workerRedis } from '../../../helpers/redis.js';
import { input, opportunity, registration, touch } from '../../attribution/fixtures.js';

const ADMIN_TOKEN = 'explain-test-admin-token-0123456789abcd';
const HS_TOKEN = 'explain-test-hubspot-token-0123456789ab';
const prefix = testPrefix();
const redis = workerRedis();
let service: RunningService;
let url = '';

const stamp = { version: 1, hash: 'abc123' };
const decision = attributeDeal(
  input({
    opportunity: opportunity({ id: 'D-1' }),
    registrations: [registration('R-1', { partnerId: 'P-1', status: 'converted', opportunityId: 'D-1' })],
    touches: [touch('P-2', '2026-03-01T00:00:00.000Z', { opportunityId: 'D-1' })],
  }),
  defaultAttributionConfig,
);
const attribution: AttributionRecord = {
  object: 'opportunity',
  recordId: 'D-1',
  decidedAt: '2026-04-15T00:00:00.000Z',
  mapping: stamp,
  decision,
  junctionRows: decision.junctionRows,
  conversions: [{ registrationId: 'R-1', reason: 'converted' }],
  registrationsConsidered: [{ id: 'R-1', partnerId: 'P-1', status: 'converted' }],
  opportunity: { name: 'Deal', createdAt: '2026-01-01T00:00:00.000Z', closedAt: null, isWon: false },
};
const review: RegistrationRecord = {
  object: 'registration',
  recordId: 'R-2',
  decidedAt: '2026-04-15T00:00:00.000Z',
  mapping: stamp,
  action: 'review',
  status: 'rejected',
  reason: 'protected by an earlier approved registration',
  expiresOn: null,
  conflictWith: 'R-1',
  opportunityId: null,
  evidence: null,
  existingPeople: [],
};

const get = (path: string, token: string | null = ADMIN_TOKEN) =>
  fetch(`${url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  const hs = ConnectionConfig.parse({
    id: 'hs',
    provider: 'hubspot',
    auth: { type: 'private_app', accessToken: 'pat-unused' },
    baseUrl: 'http://127.0.0.1:9',
    adminToken: HS_TOKEN,
  });
  const sf = ConnectionConfig.parse({
    id: 'sf',
    provider: 'salesforce',
    auth: { type: 'access_token', accessToken: 'unused', instanceUrl: 'http://127.0.0.1:9' },
    loginUrl: 'http://127.0.0.1:9',
  });
  service = await startService({
    env: parseEnv({
      NODE_ENV: 'test',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      REDIS_AUTOSTART: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      SYNC_INTERVAL_MS: '0',
      LOG_LEVEL: 'silent',
    }),
    log: createLogger({ level: 'silent' }),
    mode: 'http',
    connections: [hs, sf],
    jobs: [],
  });
  url = service.url ?? '';
  await createDecisionStore(redis, createKeySpace(prefix)).put('hs', [attribution, review]);
});

afterAll(async () => {
  await service.close();
  await deleteKeys(redis, `*${prefix}*`);
  await redis.quit();
});

describe('GET /admin/connections/:id/explain/:object/:recordId', () => {
  it('returns the attribution of a deal with its evidence and mapping version', async () => {
    for (const object of ['deal', 'deals', 'opportunity']) {
      const res = await get(`/admin/connections/hs/explain/${object}/D-1`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { object: string; explanation: AttributionRecord };
      expect(body).toMatchObject({ connection: 'hs', object: 'opportunity', recordId: 'D-1' });
      expect(body.explanation.mapping).toEqual(stamp);
      expect(body.explanation.decision).toEqual(decision);
      expect(decision.sourcingPartnerId).toBe('P-1');
      expect(decision.influencingPartnerIds).toEqual(['P-2']);
      expect(body.explanation.junctionRows.map((r) => r.externalKey)).toEqual(
        decision.junctionRows.map((r) => r.externalKey),
      );
    }
  });

  it("returns a registration's decision to the connection's own token", async () => {
    const res = await get('/admin/connections/hs/explain/registration/R-2', HS_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      connection: 'hs',
      object: 'registration',
      recordId: 'R-2',
      explanation: review,
    });
  });

  it.each([
    ['no token', '/admin/connections/hs/explain/deal/D-1', null, 401],
    ["another connection's token", '/admin/connections/sf/explain/deal/D-1', HS_TOKEN, 403],
    ['an unknown object', '/admin/connections/hs/explain/ticket/D-1', ADMIN_TOKEN, 400],
    ['no stored decision', '/admin/connections/hs/explain/deal/nope', ADMIN_TOKEN, 404],
    ['an unknown connection', '/admin/connections/zz/explain/deal/D-1', ADMIN_TOKEN, 404],
  ])('%s: %s → %s', async (_name, path, token, status) => {
    const res = await get(path, token);
    expect(res.status).toBe(status);
    expect(await res.json()).toHaveProperty('error');
  });

  it('is documented in /admin/openapi.json', async () => {
    const res = await get('/admin/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/admin/connections/{id}/explain/{object}/{recordId}');
  });
});
